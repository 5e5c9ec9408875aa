"""Phone numbers read left to right on Urdu (right-to-left) pages and in Urdu text messages.

Without isolation an Urdu paragraph shows "01905 765765" as "765765 01905" and a family could dial
the wrong number. Every page a family can reach, the chat when the assistant is down, a validation
message that gives an example number and the staff contacts list are checked in Urdu and in
English: every phone number in the visible text sits inside a ``dir="ltr"`` element (or between
the Unicode isolates in text that cannot carry markup).
"""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask import render_template_string
from markupsafe import Markup

from portal.chat.links import linkify
from portal.i18n import LRI, PDI, PHONE_NUMBER, isolate_numbers
from portal.language_help import HELP
from portal.templating import ltr, ltr_numbers
from tests.browser.pages import public_pages
from tests.chat.conftest import closed_port_url
from tests.chat.fake_rasa import FakeRasa
from tests.i18n.phone_numbers import numbers_in, unprotected_numbers

LANGUAGES = ["ur", "en"]
URDU_CATALOGUE = Path(__file__).parents[2] / "translations/ur/LC_MESSAGES/messages.po"
# Pages that show a number only in some state: a search that finds nothing gives the Hub's number.
MORE_PAGES = ["/local-offer/?q=zzzqqqxxx"]
SPACED_DIGITS = re.compile(r"\d+ \d+")


@pytest.fixture
def assistant():
    fake = FakeRasa()
    yield fake
    fake.stop()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("call 01905 765765.", ["01905 765765"]),
        ("on 0800 1111, or 116 123, or 999", ["0800 1111", "116 123", "999"]),
        ("ICO on 0303 123 1113", ["0303 123 1113"]),
        (
            "like 01632 960 001, 07700 900 982 or +44 808 157 0192",
            ["01632 960 001", "07700 900 982", "+44 808 157 0192"],
        ),
        ("07700900123", ["07700900123"]),
        ("from 2026-04-01, 36500 days, 0 to 16 years, 1999, 9990, WR5 2NE, 2,000 characters", []),
    ],
)
def test_phone_numbers_are_found_and_dates_and_counts_are_not(text, found):
    assert [m.group(0) for m in PHONE_NUMBER.finditer(text)] == found


def test_the_ltr_filter_escapes_and_isolates():
    assert ltr("01905 765765") == '<span class="app-number" dir="ltr">01905 765765</span>'
    assert (
        ltr('<b>"0800"</b>') == '<span class="app-number" dir="ltr">&lt;b&gt;&#34;0800&#34;&lt;/b&gt;</span>'
    )
    assert ltr(None) == "" and ltr("") == ""
    assert isinstance(ltr("999"), Markup)


def test_ltr_numbers_escapes_free_text_and_isolates_each_number():
    html = ltr_numbers("<i>call</i> 01905 765765 & 999")
    span = '<span class="app-number" dir="ltr">{}</span>'
    assert html == f"&lt;i&gt;call&lt;/i&gt; {span.format('01905 765765')} &amp; {span.format('999')}"


def test_a_number_inside_gettext_keeps_its_isolate_and_other_values_are_escaped(app):
    source = '{{ _("Call %(number)s or %(other)s.", number="01905 765765"|ltr, other="<b>999</b>") }}'
    with app.test_request_context("/"):
        html = render_template_string(source)
    assert html == 'Call <span class="app-number" dir="ltr">01905 765765</span> or &lt;b&gt;999&lt;/b&gt;.'


def test_assistant_replies_isolate_numbers_but_not_inside_links():
    html = linkify("Call 01905 765765 or see https://example.org/0800-1111?a=01905 765765", "http://x")
    assert '<span class="app-number" dir="ltr">01905 765765</span>' in html
    assert 'href="https://example.org/0800-1111?a=01905"' in html


def test_urdu_text_messages_isolate_every_number_and_other_languages_do_not():
    urdu = HELP["ur"]
    assert f"{LRI}01905 765765{PDI}" in urdu and f"{LRI}999{PDI}" in urdu
    assert not unprotected_numbers(urdu)
    for language in ("pl", "ro"):
        assert LRI not in HELP[language] and PDI not in HELP[language]
    assert isolate_numbers("کو 01905 765765 پر") == f"کو {LRI}01905 765765{PDI} پر"


def test_urdu_translations_isolate_the_numbers_written_in_them():
    """A number in an Urdu translation is between the isolates; better still, it is a placeholder
    filled with ``|ltr`` (templates)."""
    with URDU_CATALOGUE.open("rb") as file:
        catalogue = read_po(file)
    strings = [
        s for m in catalogue if m.id for s in (m.string if isinstance(m.string, tuple) else (m.string,))
    ]
    numbered = [s for s in strings if PHONE_NUMBER.search(s)]
    assert numbered, "the validation examples keep their numbers"
    assert not [s for s in numbered if unprotected_numbers(s)]
    # Any digits spaced apart reorder the same way: the example date "27 3 2026" read "2026 3 27".
    spaced = [s for s in strings if SPACED_DIGITS.search(s)]
    assert any("27 3 2026" in s for s in spaced)
    assert not [s for s in spaced if SPACED_DIGITS.search(re.sub(f"{LRI}[^{PDI}]*{PDI}", "", s))]


def test_an_urdu_privacy_notice_isolates_the_help_line_number(app):
    from flask_babel import force_locale

    from portal.staff.privacy_notice import privacy_notice
    from tests.staff.test_staff_privacy_notice import FORM

    with app.test_request_context("/"):
        with force_locale("ur"):
            urdu = privacy_notice(**FORM, audience=("adults",)).as_text()
        english = privacy_notice(**FORM, audience=("adults",)).as_text()
    assert f"{LRI}01905 765765{PDI}" in urdu and not unprotected_numbers(urdu)
    assert "01905 765765" in english and LRI not in english


def _assert_isolated(html: str, where: str) -> None:
    assert not unprotected_numbers(html), f"{where}: numbers not isolated: {unprotected_numbers(html)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_isolates_its_phone_numbers(client, app, language):
    client.get(f"/language/{language}?next=/")
    seen = []
    for path in public_pages(app) + MORE_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        _assert_isolated(html, path)
        seen += numbers_in(html)
    # The check found the numbers it guards: the urgent help, the teams, the Hub and the ICO.
    assert {"999", "01905 822666", "0800 1111", "116 123", "01905 765765", "0303 123 1113"} <= set(seen)
    assert '<span class="app-number" dir="ltr">01905 765765</span>' in client.get(MORE_PAGES[0]).get_data(
        as_text=True
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_chat_isolates_numbers_when_the_assistant_is_down(client, app, language):
    app.config["RASA_URL"] = closed_port_url()
    client.get(f"/language/{language}?next=/")
    client.get("/chat")
    client.post("/chat", data={"message": "my son needs respite, call 07700 900123"})
    html = client.get("/chat").get_data(as_text=True)
    assert "01905 844342" in html and "07700 900123" in html
    _assert_isolated(html, "/chat")


def test_the_urdu_help_in_the_chat_keeps_its_number_in_order(client, app, assistant):
    app.config["RASA_URL"] = assistant.url
    client.get("/language/ur?next=/")
    client.get("/chat")
    client.post("/chat", data={"message": "مجھے اپنے بچے کے لیے مدد چاہیے"})
    html = client.get("/chat").get_data(as_text=True)
    assert "01905 765765" in html
    _assert_isolated(html, "/chat")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_staff_contacts_list_isolates_its_numbers(client, app, language):
    from tests.staff.factories import sign_in_as

    sign_in_as(app, client, "officer")
    client.get(f"/language/{language}?next=/")
    html = client.get("/staff/contacts/").get_data(as_text=True)
    assert "01905 822666" in html
    _assert_isolated(html, "/staff/contacts/")


def test_the_example_number_in_an_urdu_validation_message_is_isolated(client, app):
    """Validation messages are text, not markup: the Urdu translation isolates the example number."""
    from tests.staff.factories import sign_in_as

    sign_in_as(app, client, "officer")
    client.get("/language/ur?next=/")
    client.get("/staff/contacts/family_front_door")
    response = client.post(
        "/staff/contacts/family_front_door", data={"name": "Family Front Door", "phone": "abc"}
    )
    html = response.get_data(as_text=True)
    assert html.count("01905 822666") >= 2  # the error summary and the message by the field
    _assert_isolated(html, "the contact form's error")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_typed_number_is_isolated_on_check_your_answers_and_for_the_pa(client, app, language):
    from sqlalchemy import select

    from portal.careleavers.models import CallbackRequest
    from portal.extensions import db
    from tests.staff.factories import sign_in_as

    client.get(f"/language/{language}?next=/")
    form = "/care-leavers/ask-for-a-call-back"
    client.get(form)
    location = client.post(f"{form}/start", data={}).headers["Location"]
    for answers in (
        {"reason": "housing", "more_detail": "Call me on 07700 900456 after 3"},
        {"preferred_contact": "call", "best_time": "afternoon"},
        {"name": "Jay", "phone": "07700 900456"},
    ):
        location = client.post(location, data={**answers, "action": "continue"}).headers["Location"]
    check = client.get(f"{form}/check-your-answers").get_data(as_text=True)
    assert check.count("07700 900456") == 2
    _assert_isolated(check, "check your answers")
    token = re.search(r'name="submission_token" value="([^"]+)"', check).group(1)
    assert client.post(f"{form}/check-your-answers", data={"submission_token": token}).status_code == 303

    with app.app_context():
        reference = db.session.scalars(select(CallbackRequest)).one().reference
    sign_in_as(app, client, "pa")
    client.get(f"/language/{language}?next=/")
    detail = client.get(f"/staff/care-leavers/{reference}").get_data(as_text=True)
    assert detail.count("07700 900456") == 2  # how to reach them, and what they wrote
    _assert_isolated(detail, "the PA's view of the request")
