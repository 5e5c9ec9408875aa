"""Kept fragments (portal/fragments.py) give exactly the HTML the macros give, and never keep answers."""

import re

import pytest
from markupsafe import Markup

from portal import fragments
from portal.fragments import widget_key
from tests.consultations.factories import answer, create_open_consultation, start

SLUG = "every-type"
VOLATILE = [
    (re.compile(r'nonce="[^"]+"'), 'nonce="…"'),
    (re.compile(r'(name="csrf_token"[^>]*value=")[^"]+"'), r'\1…"'),
]


def normalised(html: str) -> str:
    """A page without its per-request nonce and token."""
    for pattern, replacement in VOLATILE:
        html = pattern.sub(replacement, html)
    return html


def page_with_and_without_kept_fragments(app, client, url: str) -> tuple[str, str]:
    """The page served from kept fragments (after a first render), and rendered afresh."""
    client.get(url)
    kept = client.get(url).get_data(as_text=True)
    store = app.extensions["fragments"]
    app.extensions["fragments"] = None
    try:
        fresh = client.get(url).get_data(as_text=True)
    finally:
        app.extensions["fragments"] = store
    return normalised(kept), normalised(fresh)


@pytest.fixture
def every_type(app):
    """The sample consultation with every question type (radios with "Other", checkboxes, dates…)."""
    create_open_consultation(app, base="short-breaks-local-offer-2026", slug=SLUG)


@pytest.mark.parametrize("language", ["en", "pl", "ur"])
def test_question_pages_are_the_same_html_from_kept_fragments(app, client, every_type, language):
    client.get(f"/language/{language}")
    first = start(client, SLUG)
    pages = ["role", "child", "local-offer", "last-break", "what-would-help", "keep-in-touch", "equality"]
    base = first.rsplit("/", 1)[0]
    for page in pages:  # empty, as a family first sees them
        kept, fresh = page_with_and_without_kept_fragments(app, client, f"{base}/{page}")
        assert kept == fresh, page
    answer(client, f"{base}/role", {"role": "other", "role__other": "Grandparent"})
    answer(client, f"{base}/child", {"child_age": "9", "breaks_used": ["clubs", "one_to_one"]})
    answer(client, f"{base}/local-offer", {"used_local_offer": "yes", "local_offer_rating": "4"})
    for page in ("role", "child", "local-offer"):  # showing the answers given
        kept, fresh = page_with_and_without_kept_fragments(app, client, f"{base}/{page}")
        assert kept == fresh, page
    check = f"/consultations/{SLUG}/check-your-answers"
    for url in (f"/consultations/{SLUG}", check, "/", "/no-such-page"):
        kept, fresh = page_with_and_without_kept_fragments(app, client, url)
        assert kept == fresh, url


def test_pages_with_errors_are_the_same_html_from_kept_fragments(app, client, every_type):
    base = start(client, SLUG).rsplit("/", 1)[0]
    answer(client, f"{base}/role", {"role": "parent_carer"})
    shown = []
    for kept in (True, False):
        if not kept:
            app.extensions["fragments"] = None
        data = {"child_age": "lots", "breaks_used": ["clubs"]}
        shown.append(normalised(answer(client, f"{base}/child", data, expect=200).get_data(as_text=True)))
    assert "govuk-error-summary" in shown[0]
    assert shown[0] == shown[1]


def test_typed_answers_are_never_kept(app, client, every_type):
    base = start(client, SLUG).rsplit("/", 1)[0]
    answer(client, f"{base}/role", {"role": "other", "role__other": "Great-aunt Matilda"})
    answer(client, f"{base}/what-would-help", {"what_would_help": "Saturday swimming", "other_comments": ""})
    for page in ("role", "what-would-help"):
        assert client.get(f"{base}/{page}").status_code == 200
    client.post(f"{base}/keep-in-touch", data={"email": "not-an-email@", "phone": "12"})
    kept = " ".join(str(html) for html in app.extensions["fragments"].values())
    for typed in ("Great-aunt Matilda", "Saturday swimming", "not-an-email@"):
        assert typed not in kept


def test_fields_showing_a_value_or_an_error_are_not_kept():
    assert widget_key("input.html", {"name": "email", "value": "me@example.com"}) is None
    assert widget_key("radios.html", {"name": "role", "errorMessage": {"text": "Select one"}}) is None
    assert widget_key("input.html", {"name": "email", "value": ""}) is not None


def test_html_and_text_parameters_are_kept_apart():
    assert widget_key("x", {"text": "<b>"}) != widget_key("x", {"text": Markup("<b>")})
    assert widget_key("x", {"checked": True}) != widget_key("x", {"checked": 1})
    assert widget_key("x", {"label": object()}) is None


def test_the_layout_is_kept_per_language(client):
    english = client.get("/").get_data(as_text=True)
    client.get("/language/pl")
    polish = client.get("/").get_data(as_text=True)
    assert "Skip to main content" in english
    assert "Skip to main content" not in polish


def test_nothing_is_kept_while_templates_reload(app, client):
    app.jinja_env.auto_reload = True
    client.get("/")
    assert app.extensions["fragments"] == {}


def test_the_store_is_bounded(app, monkeypatch):
    monkeypatch.setattr(fragments, "MAX_FRAGMENTS", 3)
    with app.test_request_context("/"):
        for number in range(5):
            fragments.remember(("test", number), lambda number=number: Markup("<p>%s</p>") % number)
    assert list(app.extensions["fragments"]) == [("test", 2), ("test", 3), ("test", 4)]
