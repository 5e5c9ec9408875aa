"""The public pages of always-open forms (feedback, care leavers) on the consultations' journey.

One journey serves every kind of form: this adds the list, start and begin pages around the
shared question, check-your-answers and confirmation views, on the calling capability's blueprint.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm

from portal.consultations import flow, journey
from portal.consultations import views as consultation_views
from portal.forms_engine.content import all_latest_versions, definition_of
from portal.staff.auth import public_route

CONTEXT_SESSION_KEY = "form_context"


def register_form_pages(
    bp: Blueprint,
    kind: str,
    *,
    read_context: Callable[[str | None], dict | None] | None = None,
    on_submit: Callable | None = None,
) -> None:
    """Serve forms of ``kind`` on ``bp``: list, start, begin, the journey, save and return.

    ``read_context`` turns the ``context`` token of a link staff sent into the service context
    (team, service, quarter) kept with the answers; forms without it ignore the token.
    ``on_submit(response, answers)`` runs in the transaction that stores a new response.
    """
    journey.serve_kind(bp.name, kind, on_submit=on_submit)
    flow.register(bp)
    bp.add_url_rule("/<slug>/save", "save", consultation_views.save)
    bp.add_url_rule("/<slug>/resume", "resume", consultation_views.resume, methods=["GET", "POST"])

    @public_route("public forms anyone may answer")
    def index():
        """Every form of this kind, in the order their titles sort."""
        definitions = [definition_of(version) for version in all_latest_versions(kind)]
        definitions = [d for d in definitions if d.status(journey.today()) == "open"]
        return render_template(f"{bp.name}/index.html", definitions=definitions)

    @public_route("public forms anyone may answer")
    def start(slug: str):
        """What the form is for and who sees the answers, then "Start now"."""
        place = journey.find_place(slug)
        context = read_context(request.args.get("context")) if read_context else None
        return render_template(
            f"{bp.name}/start.html",
            place=place,
            status=place.definition.status(journey.today()),
            has_draft=journey.current_draft(place) is not None,
            context=context,
            context_token=request.args.get("context") if context else None,
            form=FlaskForm(),
        )

    @public_route("public forms anyone may answer")
    def begin(slug: str):
        """Start answering; a valid context token from the link is kept with this browser's answers."""
        place = journey.find_place(slug)
        refused = journey.refuse_if_closed(place)
        if refused:
            return refused
        if not FlaskForm().validate_on_submit():
            return redirect(url_for(f"{bp.name}.start", slug=slug), code=303)
        contexts = dict(session.get(CONTEXT_SESSION_KEY, {}))
        context = read_context(request.form.get("context")) if read_context else None
        if context:
            contexts[slug] = context
        else:
            contexts.pop(slug, None)
        session[CONTEXT_SESSION_KEY] = contexts
        draft = journey.begin(place)
        answers, _equality = journey.answers_of(draft)
        return redirect(journey.first_page_url(place, answers), code=303)

    bp.add_url_rule("/", "index", index)
    bp.add_url_rule("/<slug>", "start", start)
    bp.add_url_rule("/<slug>/start", "begin", begin, methods=["POST"])


def context_for_current_submission() -> dict | None:
    """The service context this browser brought to the form being submitted, if any."""
    slug = (request.view_args or {}).get("slug")
    return session.get(CONTEXT_SESSION_KEY, {}).get(slug) if slug else None
