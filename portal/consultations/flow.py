"""Question pages, check your answers and confirmation: the same views for families and officers."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape

from portal.consultations import journey
from portal.extensions import db
from portal.forms_engine.answers import check_answer, other_key, read_page
from portal.forms_engine.definition import english_fallback, localise
from portal.forms_engine.drafts import save_answers
from portal.forms_engine.equality import EQUALITY, EQUALITY_PAGE_KEY
from portal.forms_engine.pages import (
    answer_html,
    attach_problems,
    build_page_form,
    field_params,
    localise_html,
    page_form_class,
    write_in_params,
)
from portal.forms_engine.routing import asked_keys, asked_questions, prune, shown_pages
from portal.forms_engine.store import submit


def register(bp: Blueprint) -> None:
    """Add the shared journey routes to a blueprint."""
    bp.add_url_rule("/<slug>/questions/<page_key>", "question", question, methods=["GET", "POST"])
    bp.add_url_rule("/<slug>/check-your-answers", "check", check, methods=["GET", "POST"])
    bp.add_url_rule("/<slug>/confirmation", "confirmation", confirmation)


def _no_draft(place):
    flash(_("Your answers were not found. They may have expired. You can start again."))
    return redirect(url_for(journey.endpoint("start"), slug=place.slug), code=303)


def question(slug: str, page_key: str):
    """One page of questions: show it, or check what was posted and move on."""
    place = journey.find_place(slug)
    refused = journey.refuse_if_closed(place)
    if refused:
        return refused
    draft = journey.current_draft(place)
    if draft is None:
        return _no_draft(place)
    answers, equality = journey.answers_of(draft)
    page = journey.page_or_404(place, page_key)
    is_equality = page.key == EQUALITY_PAGE_KEY
    questions = journey.questions_on(place, page, equality if is_equality else answers)
    if not questions:
        return redirect(journey.url_after(place, page, answers), code=303)
    language = journey.language()
    if request.method == "POST":
        posted, problems = read_page(questions, request.form, journey.today(), language)
        target = dict(equality if is_equality else answers)
        for q in questions:
            target.pop(q.key, None)
            target.pop(other_key(q), None)
        target.update(posted)
        if not is_equality:
            # Problems with questions the posted answers route past do not count.
            asked = asked_keys(place.definition, target)
            problems = [p for p in problems if p.field.split("__")[0].split("-")[0] in asked]
            target = prune(place.definition, target)
        if not problems:
            if is_equality:
                equality = target
            else:
                answers = target
            save_answers(draft, {**answers, journey.EQUALITY_KEY: equality})
            if request.form.get("action") == "save":
                return redirect(url_for(journey.endpoint("save"), slug=slug), code=303)
            return redirect(journey.url_after(place, page, answers), code=303)
        form = page_form_class(questions, language)()  # what was posted, shown with its problems
        attach_problems(form, problems)
    else:
        form = build_page_form(questions, equality if is_equality else answers, language)
    alone = len(questions) == 1 and not page.title
    items = []
    for q in questions:
        items.append({"field": form[q.key], "params": field_params(form, q, language, alone=alone)})
        if q.write_in_option is not None:
            items.append({"field": form[other_key(q)], "params": write_in_params(q, language)})
    return render_template(
        "consultations/question.html",
        place=place,
        page=page,
        page_title=localise(page.title, language) if page.title else localise(questions[0].text, language),
        form=form,
        items=items,
        page_heading=not alone,
        back_url=journey.url_before(place, page, answers),
        is_equality=is_equality,
        staff=journey.is_staff(),
    )


def _summary_rows(place, answers: dict, equality: dict, language: str) -> list[dict]:
    """GOV.UK summary list rows: each asked question, the answer as shown, and a change link."""
    entries = []
    for q in asked_questions(place.definition, answers):
        page = next(p for p in place.definition.pages if q in p.questions)
        entries.append((q, answers.get(q.key), answers.get(other_key(q)), page.key))
    if place.definition.equality_monitoring and not journey.is_staff():
        for q in EQUALITY.questions:
            entries.append((q, equality.get(q.key), None, EQUALITY_PAGE_KEY))
    rows = []
    for q, value, other, page_key in entries:
        # Question text and option labels not translated yet are marked as English.
        text = localise_html(q.text, language)
        label = escape(_("Question %(number)s: %(text)s")) % {"number": q.number, "text": text}
        answer = answer_html(q, value, other, language, marker=not english_fallback(q.text, language))
        href = url_for(journey.endpoint("question"), slug=place.slug, page_key=page_key, change=1)
        change = Markup('{}<span class="govuk-visually-hidden"> {}</span>').format(
            _("Change"), localise_html(q.text, language, marker=False)
        )
        rows.append(
            {
                "key": {"html": label if q.number else text},
                "value": {"html": answer or escape(_("Not answered"))},
                "actions": {"items": [{"href": href, "html": change}]},
            }
        )
    return rows


def check(slug: str):
    """Check your answers, then send them (once, however often the button is pressed)."""
    place = journey.find_place(slug)
    refused = journey.refuse_if_closed(place)
    if refused:
        return refused
    if request.method == "POST":
        return _submit(place)
    draft = journey.current_draft(place)
    if draft is None:
        return _no_draft(place)
    answers, equality = journey.answers_of(draft)
    language = journey.language()
    return render_template(
        "consultations/check.html",
        place=place,
        rows=_summary_rows(place, answers, equality, language),
        token=draft.token,
        back_url=url_for(journey.endpoint("question"), slug=slug, page_key=_last_page_key(place, answers)),
        staff=journey.is_staff(),
    )


def _last_page_key(place, answers) -> str:
    if place.definition.equality_monitoring and not journey.is_staff():
        return EQUALITY_PAGE_KEY
    return shown_pages(place.definition, answers)[-1].key


def _submit(place):
    from portal.forms_engine.drafts import find_draft
    from portal.forms_engine.store import find_by_token

    token = request.form.get("submission_token", "")
    done = find_by_token(token) if token else None
    if done is not None:
        return _confirmed(place, done)
    draft = find_draft(token)
    if draft is None or draft.form_version_id not in {v.id for v in place.version.form.versions}:
        return _no_draft(place)
    answers, equality = journey.answers_of(draft)
    answers = prune(place.definition, answers)
    for q in asked_questions(place.definition, answers):
        if check_answer(q, answers.get(q.key), answers.get(other_key(q)), journey.today()):
            flash(_("Please answer this question before you send your answers."))
            page = next(p for p in place.definition.pages if q in p.questions)
            return redirect(
                url_for(journey.endpoint("question"), slug=place.slug, page_key=page.key), code=303
            )
    response, _created = submit(
        draft.form_version,
        answers,
        token=draft.token,
        channel=draft.channel,
        language=draft.language,
        entered_by=draft.entered_by,
        equality=equality if not journey.is_staff() else None,
        on_created=journey.submit_hook(),
    )
    draft.response_id = response.id
    db.session.commit()
    return _confirmed(place, response)


def _confirmed(place, response):
    key = "staff_submitted" if journey.is_staff() else "submitted"
    submitted = dict(session.get(key, {}))
    submitted[place.slug] = {"reference": response.reference, "flag": response.safeguarding_flag}
    session[key] = submitted
    return redirect(url_for(journey.endpoint("confirmation"), slug=place.slug), code=303)


def confirmation(slug: str):
    """Answers received: the reference number, and urgent help if an answer suggested a risk."""
    place = journey.find_place(slug)
    key = "staff_submitted" if journey.is_staff() else "submitted"
    done = session.get(key, {}).get(slug)
    if done is None:
        return redirect(url_for(journey.endpoint("start"), slug=slug), code=303)
    # A capability running this journey may word its own confirmation page.
    return render_template(
        [f"{request.blueprint}/confirmation.html", "consultations/confirmation.html"],
        place=place,
        reference=done["reference"],
        flagged=done["flag"],
        staff=journey.is_staff(),
    )
