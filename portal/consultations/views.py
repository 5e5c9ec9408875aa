"""Public pages: the list of consultations, each start page, save and return."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import StringField

from portal.consultations import bp, flow, journey
from portal.extensions import limiter
from portal.forms_engine.content import all_latest_versions, definition_of
from portal.forms_engine.drafts import find_by_code, issue_resume_code

flow.register(bp)


@bp.get("/")
def index():
    """Consultations that are open, closed, and those with results published."""
    today = journey.today()
    groups: dict[str, list] = {"open": [], "upcoming": [], "closed": [], "results": []}
    for version in all_latest_versions("consultation"):
        definition = definition_of(version)
        groups[definition.status(today)].append(definition)
    for items in groups.values():
        items.sort(key=lambda d: (d.closes is None, d.closes), reverse=True)
    return render_template("consultations/index.html", groups=groups)


@bp.get("/<slug>")
def start(slug: str):
    """What the consultation is about, how to take part, and its outcome once closed."""
    place = journey.find_place(slug)
    return render_template(
        "consultations/start.html",
        place=place,
        status=place.definition.status(journey.today()),
        has_draft=journey.current_draft(place) is not None,
        form=FlaskForm(),
    )


@bp.post("/<slug>/start")
def begin(slug: str):
    """Start answering: a new set of answers kept on the server for this browser."""
    place = journey.find_place(slug)
    refused = journey.refuse_if_closed(place)
    if refused:
        return refused
    draft = journey.begin(place)
    answers, _equality = journey.answers_of(draft)
    return redirect(journey.first_page_url(place, answers), code=303)


@bp.get("/<slug>/save")
def save(slug: str):
    """Save and come back later: a code to carry on, sent by email too when one was given."""
    place = journey.find_place(slug)
    draft = journey.current_draft(place)
    if draft is None:
        return redirect(url_for(".start", slug=slug), code=303)
    answers, _equality = journey.answers_of(draft)
    email = next(
        (answers.get(q.key) for q in place.definition.questions if q.type == "email" and answers.get(q.key)),
        None,
    )
    code = issue_resume_code(draft, email, resume_path=url_for(".resume", slug=slug))
    return render_template(
        "consultations/saved.html", place=place, code=code, emailed=bool(email), expires_at=draft.expires_at
    )


class ResumeForm(FlaskForm):
    code = StringField(_("Your code"), widget=GovTextInput())


@bp.route("/<slug>/resume", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def resume(slug: str):
    """Carry on with saved answers by typing the code."""
    place = journey.find_place(slug)
    refused = journey.refuse_if_closed(place)
    if refused:
        return refused
    form = ResumeForm()
    if form.validate_on_submit():
        code = (form.code.data or "").strip()
        draft = find_by_code([v.id for v in place.version.form.versions], code) if code else None
        if draft is not None:
            journey.remember(slug, draft)
            flash(_("Welcome back. Your answers have been kept."))
            return redirect(url_for(".check", slug=slug), code=303)
        form.code.errors = [
            _("Enter your code")
            if not code
            else _("That code was not found. Check it, or it may have expired (codes last 28 days).")
        ]
    return render_template("consultations/resume.html", place=place, form=form)
