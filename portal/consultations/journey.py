"""The question-by-question journey shared by the public pages and officer entry.

Views call these functions; the blueprint decides whether the form must be open (public) or not
(officers enter paper responses after the closing date too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from flask import abort, redirect, request, session, url_for
from flask_babel import get_locale

from portal.forms_engine.content import definition_of, latest_version
from portal.forms_engine.definition import FormDefinition, Page
from portal.forms_engine.drafts import draft_answers, find_draft, start_draft
from portal.forms_engine.equality import EQUALITY_PAGE_KEY, equality_page
from portal.forms_engine.models import FormDraft, FormVersion
from portal.forms_engine.routing import next_page, page_questions, previous_page, shown_pages

UK = ZoneInfo("Europe/London")
EQUALITY_KEY = "_equality"


def today() -> dt.date:
    """Today's date in the UK."""
    return dt.datetime.now(UK).date()


def language() -> str:
    """The language the person is reading in."""
    return str(get_locale() or "en")


@dataclass
class Place:
    """Where a journey is: the form, its definition, and (once started) the draft."""

    version: FormVersion
    definition: FormDefinition
    draft: FormDraft | None = None

    @property
    def slug(self) -> str:
        return self.definition.slug


def is_staff() -> bool:
    return request.blueprint == "staff_consultations"


def endpoint(name: str) -> str:
    """The endpoint `name` on the blueprint handling this request."""
    return f"{request.blueprint}.{name}"


def _session_key() -> str:
    return "staff_drafts" if is_staff() else "drafts"


# The form kind each blueprint's journey serves. Feedback and care-leaver forms run the same
# journey on their own blueprints and add themselves with serve_kind().
KIND_BY_BLUEPRINT = {"consultations": "consultation", "staff_consultations": "consultation"}


# What a blueprint does with a new response before it is committed (see store.submit).
SUBMIT_HOOKS: dict[str, Callable] = {}


def serve_kind(blueprint_name: str, kind: str, on_submit: Callable | None = None) -> None:
    """Let a blueprint run this journey for forms of another kind, with its own step on submission."""
    KIND_BY_BLUEPRINT[blueprint_name] = kind
    if on_submit is not None:
        SUBMIT_HOOKS[blueprint_name] = on_submit


def submit_hook() -> Callable | None:
    """The submission step of the blueprint handling this request, if it has one."""
    return SUBMIT_HOOKS.get(request.blueprint or "")


def find_place(slug: str) -> Place:
    """The form by slug (404 if none, or if it is not of the kind this blueprint serves)."""
    version = latest_version(slug)
    kind = KIND_BY_BLUEPRINT.get(request.blueprint or "", "consultation")
    if version is None or version.form.kind != kind:
        abort(404)
    return Place(version=version, definition=definition_of(version))


def begin(place: Place, channel: str = "online", entered_by: int | None = None) -> FormDraft:
    """Start a new draft and remember it in the session."""
    draft = start_draft(place.version, channel=channel, language=language(), entered_by=entered_by)
    remember(place.slug, draft)
    return draft


def remember(slug: str, draft: FormDraft) -> None:
    drafts = dict(session.get(_session_key(), {}))
    drafts[slug] = draft.token
    session[_session_key()] = drafts


def current_draft(place: Place) -> FormDraft | None:
    """The live draft this browser has for the consultation, if any."""
    token = session.get(_session_key(), {}).get(place.slug)
    draft = find_draft(token)
    if draft is None or draft.response_id is not None:
        return None
    place.draft = draft
    return draft


def answers_of(draft: FormDraft) -> tuple[dict, dict]:
    """(answers, equality answers) saved in a draft."""
    saved = draft_answers(draft)
    equality = saved.pop(EQUALITY_KEY, {})
    return saved, equality


def refuse_if_closed(place: Place):
    """Public journeys only run while a consultation is open; officers may enter responses any time."""
    if is_staff() or place.definition.is_open(today()):
        return None
    return redirect(url_for(endpoint("start"), slug=place.slug), code=303)


def page_or_404(place: Place, page_key: str) -> Page:
    if page_key == EQUALITY_PAGE_KEY and equality_page(place.definition) is not None:
        return equality_page(place.definition)
    try:
        return place.definition.page(page_key)
    except KeyError:
        abort(404)


def questions_on(place: Place, page: Page, answers: dict):
    """The questions shown on a page given the answers so far.

    A question whose condition depends on another question on the same page is shown too (pages
    must work without JavaScript); its answer is kept only if the condition holds once posted.
    """
    if page.key == EQUALITY_PAGE_KEY and page not in place.definition.pages:
        return list(page.questions)
    asked = {q.key for q in page_questions(place.definition, page, answers)}
    on_page = {q.key for q in page.questions}
    return [q for q in page.questions if q.key in asked or condition_keys(q.show_if) & on_page]


def condition_keys(condition: dict | None) -> set[str]:
    """The question keys a condition refers to."""
    if not condition:
        return set()
    for combiner in ("all", "any"):
        if combiner in condition:
            return set().union(*(condition_keys(c) for c in condition[combiner]))
    if "not" in condition:
        return condition_keys(condition["not"])
    return {condition["question"]}


def url_after(place: Place, page: Page, answers: dict) -> str:
    """The next page's address: the next question page, the equality page, or check your answers."""
    if request.args.get("change") and page.key != EQUALITY_PAGE_KEY:
        return url_for(endpoint("check"), slug=place.slug)
    if page.key != EQUALITY_PAGE_KEY:
        following = next_page(place.definition, answers, page.key)
        if following is not None:
            return url_for(endpoint("question"), slug=place.slug, page_key=following.key)
        if equality_page(place.definition) is not None and not is_staff():
            return url_for(endpoint("question"), slug=place.slug, page_key=EQUALITY_PAGE_KEY)
    return url_for(endpoint("check"), slug=place.slug)


def url_before(place: Place, page: Page, answers: dict) -> str:
    """The back link: the previous shown page, or the start page."""
    if request.args.get("change"):
        return url_for(endpoint("check"), slug=place.slug)
    if page.key == EQUALITY_PAGE_KEY:
        pages = shown_pages(place.definition, answers)
        return url_for(endpoint("question"), slug=place.slug, page_key=pages[-1].key)
    earlier = previous_page(place.definition, answers, page.key)
    if earlier is None:
        return url_for(endpoint("start"), slug=place.slug)
    return url_for(endpoint("question"), slug=place.slug, page_key=earlier.key)


def first_page_url(place: Place, answers: dict) -> str:
    first = next_page(place.definition, answers, None)
    return url_for(endpoint("question"), slug=place.slug, page_key=first.key)
