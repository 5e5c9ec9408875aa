"""Staff pages under /staff/themes: themes, coding, suggestions, agreement, "you said, we did"."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from portal.extensions import db
from portal.forms_engine.content import all_latest_versions, definition_of
from portal.forms_engine.definition import localise
from portal.forms_engine.models import Answer
from portal.staff.audit import record
from portal.staff.auth import role_required
from portal.themes import agreement, bp, embedding, richtext, service
from portal.themes.forms import ResponseForm, ThemeForm
from portal.themes.models import FIRST, SECOND, Theme, ThemeAction, ThemeSuggestion

PAGE_SIZE = 50


def _form_or_404(slug: str):
    form = service.form_by_slug(slug)
    if form is None or not service.free_text_questions(slug):
        abort(404)
    return form


def _title(slug: str) -> str:
    from portal.forms_engine.content import latest_version

    return localise(definition_of(latest_version(slug)).title)


def _theme_or_404(form, theme_id: int) -> Theme:
    theme = db.session.get(Theme, theme_id)
    if theme is None or theme.form_id != form.id:
        abort(404)
    return theme


def _public_url(slug: str) -> str:
    path = (
        url_for("consultations.start", slug=slug)
        if "consultations.start" in current_app.view_functions
        else "/"
    )
    return current_app.config["PUBLIC_URL"] + path


@bp.get("/")
@role_required("officer", "analyst")
def index():
    """Forms with written answers to code."""
    forms = []
    for version in all_latest_versions():
        definition = definition_of(version)
        if definition.kind in ("consultation", "feedback") and service.free_text_questions(definition.slug):
            forms.append((definition.slug, localise(definition.title), definition.kind))
    return render_template("themes/index.html", forms=sorted(forms, key=lambda f: f[1]))


@bp.get("/<slug>")
@role_required("officer", "analyst")
def overview(slug: str):
    """Themes with counts and quotes; officers add themes here."""
    form = _form_or_404(slug)
    return render_template(
        "themes/overview.html",
        slug=slug,
        title=_title(slug),
        rows=service.counts(form),
        comments=len(service.comments(slug)),
        theme_form=ThemeForm(),
        officer=current_user.role in ("officer", "admin"),
        published=service.is_published(form),
    )


@bp.post("/<slug>/themes")
@role_required("officer")
def add_theme(slug: str):
    form = _form_or_404(slug)
    theme_form = ThemeForm()
    if not theme_form.validate_on_submit():
        return render_template(
            "themes/overview.html",
            slug=slug,
            title=_title(slug),
            rows=service.counts(form),
            comments=len(service.comments(slug)),
            theme_form=theme_form,
            officer=True,
            published=service.is_published(form),
        ), 400
    name = theme_form.name.data.strip()
    if db.session.scalar(select(Theme).where(Theme.form_id == form.id, Theme.name == name)):
        theme_form.name.errors = [_("There is already a theme with that name")]
        return render_template(
            "themes/overview.html",
            slug=slug,
            title=_title(slug),
            rows=service.counts(form),
            comments=len(service.comments(slug)),
            theme_form=theme_form,
            officer=True,
            published=service.is_published(form),
        ), 400
    theme = Theme(
        form_id=form.id,
        name=name,
        description=(theme_form.description.data or "").strip(),
        created_by=current_user.id,
        you_said="",
        we_did_html="",
    )
    db.session.add(theme)
    db.session.flush()
    record("theme_created", subject_type="theme", subject_id=theme.id, detail={"form": slug})
    db.session.commit()
    flash(_("Theme added"))
    return redirect(url_for("themes.overview", slug=slug), code=303)


@bp.route("/<slug>/code", methods=["GET", "POST"])
@role_required("officer")
def code(slug: str):
    """Code comments: tick every theme a comment raises. ``round=second`` is the double-coding check."""
    form = _form_or_404(slug)
    round_ = SECOND if request.values.get("round") == SECOND else FIRST
    themes = service.themes_of(form)
    if request.method == "POST":
        FlaskForm().validate_on_submit() or abort(400)
        answer = db.session.get(Answer, request.form.get("answer_id", type=int) or 0)
        if answer is None or answer.id not in {a.id for a in service.comments(slug)}:
            abort(404)
        valid = {t.id for t in themes}
        chosen = {int(v) for v in request.form.getlist("theme") if v.isdigit()} & valid
        quotes = {int(v) for v in request.form.getlist("quote") if v.isdigit()} & chosen
        changed = service.set_tags(answer, chosen, current_user.id, round_, quotes)
        record(
            "theme_coding_saved",
            subject_type="form_answer",
            subject_id=answer.id,
            detail={"form": slug, "round": round_, **changed, "quotes": sorted(quotes)},
        )
        db.session.commit()
        flash(_("Coding saved"))
        return redirect(
            url_for("themes.code", slug=slug, round=round_, page=request.form.get("page", 1)), code=303
        )
    page = max(1, request.args.get("page", 1, type=int))
    answers = service.comments(slug)
    if round_ == SECOND:
        answers = [a for a in answers if a.id in service.codings_by_answer([a.id for a in answers], FIRST)]
        answers = answers[:: max(1, int(current_app.config.get("THEMES_SAMPLE_EVERY", 1)))]
    shown = answers[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    ids = [a.id for a in shown]
    return render_template(
        "themes/code.html",
        slug=slug,
        title=_title(slug),
        round=round_,
        themes=themes,
        answers=shown,
        questions=service.free_text_questions(slug),
        tags=service.tags_by_answer(ids, round_),
        coded=service.codings_by_answer(ids, round_),
        page=page,
        pages=max(1, -(-len(answers) // PAGE_SIZE)),
        form=FlaskForm(),
    )


@bp.route("/<slug>/suggestions", methods=["GET", "POST"])
@role_required("officer")
def suggestions(slug: str):
    """Suggested themes to accept or reject; POST asks the model for suggestions on uncoded comments."""
    form = _form_or_404(slug)
    problem = None
    if request.method == "POST":
        FlaskForm().validate_on_submit() or abort(400)
        try:
            made = service.suggest_for_form(slug)
        except embedding.ModelUnavailable as error:
            db.session.rollback()
            problem = str(error)
        else:
            record(
                "theme_suggestions_made",
                subject_type="form",
                subject_id=form.id,
                detail={
                    "form": slug,
                    "suggestions": made,
                    "model": embedding.MODEL_NAME,
                    "version": embedding.model_version(),
                },
            )
            db.session.commit()
            flash(_("%(count)s suggestions made", count=made))
            return redirect(url_for("themes.suggestions", slug=slug), code=303)
    return render_template(
        "themes/suggestions.html",
        slug=slug,
        title=_title(slug),
        rows=service.open_suggestions(slug),
        questions=service.free_text_questions(slug),
        problem=problem,
        has_themes=bool(service.themes_of(form)),
        form=FlaskForm(),
    ), (503 if problem else 200)


@bp.post("/<slug>/suggestions/<int:suggestion_id>")
@role_required("officer")
def decide(slug: str, suggestion_id: int):
    form = _form_or_404(slug)
    FlaskForm().validate_on_submit() or abort(400)
    suggestion = db.session.get(ThemeSuggestion, suggestion_id)
    if suggestion is None or _theme_or_404(form, suggestion.theme_id) is None:
        abort(404)
    accept = request.form.get("decision") == "accept"
    service.decide(suggestion, accept, current_user.id)
    record(
        "theme_suggestion_accepted" if accept else "theme_suggestion_rejected",
        subject_type="theme_suggestion",
        subject_id=suggestion.id,
        detail={
            "form": slug,
            "theme": suggestion.theme_id,
            "answer": suggestion.answer_id,
            "model": suggestion.model_name,
            "version": suggestion.model_version,
        },
    )
    db.session.commit()
    flash(_("Suggestion accepted") if accept else _("Suggestion rejected"))
    return redirect(url_for("themes.suggestions", slug=slug), code=303)


@bp.get("/<slug>/candidates")
@role_required("officer")
def candidates(slug: str):
    """Groups of similar comments no theme covers: ideas for new themes."""
    _form_or_404(slug)
    problem, groups = None, []
    try:
        groups = service.candidate_groups(slug)
    except embedding.ModelUnavailable as error:
        problem = str(error)
    return render_template(
        "themes/candidates.html", slug=slug, title=_title(slug), groups=groups, problem=problem
    )


@bp.get("/<slug>/agreement")
@role_required("officer", "analyst")
def agreement_page(slug: str):
    """Cohen's kappa between officers (double-coded sample) and between officers and suggestions."""
    form = _form_or_404(slug)
    return render_template(
        "themes/agreement.html",
        slug=slug,
        title=_title(slug),
        result=service.agreement_for(form),
        describe=agreement.describe_kappa,
    )


@bp.route("/<slug>/themes/<int:theme_id>", methods=["GET", "POST"])
@role_required("officer")
def respond(slug: str, theme_id: int):
    """Write "you said, we did" for a theme and list its actions."""
    form = _form_or_404(slug)
    theme = _theme_or_404(form, theme_id)
    response_form = ResponseForm()
    if request.method == "GET":
        response_form.you_said.data = theme.you_said
        response_form.we_did.data = theme.we_did_html
    elif response_form.validate_on_submit():
        theme.you_said = (response_form.you_said.data or "").strip()
        theme.we_did_html = richtext.clean(response_form.we_did.data or "")
        record("theme_response_saved", subject_type="theme", subject_id=theme.id, detail={"form": slug})
        db.session.commit()
        flash(_("Response saved"))
        return redirect(url_for("themes.respond", slug=slug, theme_id=theme.id), code=303)
    return render_template(
        "themes/respond.html",
        slug=slug,
        title=_title(slug),
        theme=theme,
        response_form=response_form,
        statuses=service.STATUS_WORDS,
        form=FlaskForm(),
    )


@bp.post("/<slug>/themes/<int:theme_id>/actions")
@role_required("officer")
def add_action(slug: str, theme_id: int):
    form = _form_or_404(slug)
    theme = _theme_or_404(form, theme_id)
    FlaskForm().validate_on_submit() or abort(400)
    description = request.form.get("description", "").strip()[:500]
    if not description:
        flash(_("Describe the action"))
        return redirect(url_for("themes.respond", slug=slug, theme_id=theme.id), code=303)
    action = ThemeAction(theme_id=theme.id, description=description, status="planned")
    db.session.add(action)
    db.session.flush()
    record(
        "theme_action_added", subject_type="theme_action", subject_id=action.id, detail={"theme": theme.id}
    )
    db.session.commit()
    flash(_("Action added"))
    return redirect(url_for("themes.respond", slug=slug, theme_id=theme.id), code=303)


@bp.post("/<slug>/actions/<int:action_id>/status")
@role_required("officer")
def action_status(slug: str, action_id: int):
    form = _form_or_404(slug)
    FlaskForm().validate_on_submit() or abort(400)
    action = db.session.get(ThemeAction, action_id)
    if action is None or action.theme.form_id != form.id:
        abort(404)
    status = request.form.get("status", "")
    if status not in service.STATUS_WORDS:
        abort(400)
    old = action.status
    update = service.change_action_status(action, status, current_user.id, _title(slug), _public_url(slug))
    if update is not None:
        record(
            "theme_action_status_changed",
            subject_type="theme_action",
            subject_id=action.id,
            detail={"from": old, "to": status, "people_told": update.notified},
        )
    db.session.commit()
    flash(_("Action status saved"))
    return redirect(url_for("themes.respond", slug=slug, theme_id=action.theme_id), code=303)


@bp.post("/<slug>/publish")
@role_required("officer")
def publish(slug: str):
    """Publish (or withdraw) "you said, we did" on the consultation's public page."""
    form = _form_or_404(slug)
    FlaskForm().validate_on_submit() or abort(400)
    if request.form.get("withdraw"):
        if service.unpublish(form):
            record("theme_response_withdrawn", subject_type="form", subject_id=form.id, detail={"form": slug})
        db.session.commit()
        flash(_("No longer published"))
    else:
        update = service.publish(form, current_user.id, _title(slug), _public_url(slug))
        if update is not None:
            record(
                "theme_response_published",
                subject_type="form",
                subject_id=form.id,
                detail={"form": slug, "people_told": update.notified},
            )
        db.session.commit()
        flash(_("Published"))
    return redirect(url_for("themes.overview", slug=slug), code=303)
