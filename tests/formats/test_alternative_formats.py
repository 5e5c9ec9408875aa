"""Ask for a consultation in another format (end to end to the officers' queue), paper copies,
and easy read versions."""

import re
from datetime import timedelta

from sqlalchemy import select

from portal.core.models import utcnow
from portal.extensions import db
from portal.formats.easy_read import ICONS, easy_read
from portal.formats.models import AlternativeFormatRequest
from portal.formats.retention import erase_expired_requests
from portal.forms_engine.content import definition_of, latest_version
from portal.forms_engine.definition import localise
from portal.staff.models import AuditEvent
from tests.staff.factories import sign_in_as

SLUG = "overnight-short-breaks-2019"


def _ask(client, data):
    client.get(f"/consultations/{SLUG}/another-format")
    return client.post(f"/consultations/{SLUG}/another-format", data=data)


def test_every_consultation_start_page_offers_other_formats(client):
    for slug in (SLUG, "short-breaks-local-offer-2026"):
        html = client.get(f"/consultations/{slug}").get_data(as_text=True)
        assert f'href="/consultations/{slug}/another-format"' in html
        assert f'href="/consultations/{slug}/print"' in html
        assert f'href="/easy-read/{slug}"' in html


def test_a_request_reaches_the_officers_queue_with_contact_details_sealed(client, app):
    response = _ask(
        client,
        {
            "formats": ["large_print", "language"],
            "other_language": "Punjabi",
            "name": "Sam Example",
            "contact": "1 Sample Street, Worcester",
        },
    )
    assert response.status_code == 302 and response.location.endswith("/another-format/sent")
    confirmation = client.get(response.location).get_data(as_text=True)
    with app.app_context():
        made = db.session.scalar(select(AlternativeFormatRequest))
        assert made.format_codes == ["large_print", "language"] and made.other_language == "Punjabi"
        assert "Sample Street" not in made.contact_sealed and "Sam" not in made.name_sealed
    assert made.reference in confirmation and "&lt;strong&gt;" not in confirmation

    assert client.get("/staff/alternative-formats/").status_code == 302  # signed out: to sign-in
    sign_in_as(app, client, "officer")
    queue = client.get("/staff/alternative-formats/").get_data(as_text=True)
    assert made.reference in queue and "Large print" in queue and "Punjabi" in queue
    assert "Sample Street" not in queue
    detail = client.get(f"/staff/alternative-formats/{made.id}").get_data(as_text=True)
    assert "1 Sample Street, Worcester" in detail and "Sam Example" in detail
    client.post(f"/staff/alternative-formats/{made.id}/done", data={})
    assert made.reference not in client.get("/staff/alternative-formats/").get_data(as_text=True)
    with app.app_context():
        actions = set(db.session.scalars(select(AuditEvent.action)))
        assert {"alternative_format.contact_viewed", "alternative_format.done"} <= actions


def test_a_request_needs_a_format_a_name_and_a_way_to_reach_them(client, app):
    html = _ask(client, {"name": "", "contact": ""}).get_data(as_text=True)
    assert "govuk-error-summary" in html
    for message in ("Select at least one format", "Enter your name", "Enter your address"):
        assert message in html
    html = _ask(client, {"formats": ["language"], "name": "Sam", "contact": "01905 000000"}).get_data(
        as_text=True
    )
    assert "Enter the language you would like" in html
    with app.app_context():
        assert db.session.scalar(select(AlternativeFormatRequest)) is None


def test_other_people_and_non_officers_cannot_open_the_queue(client, app):
    sign_in_as(app, client, "editor")
    assert client.get("/staff/alternative-formats/").status_code == 403


def test_retention_erases_name_and_contact_but_keeps_the_request(client, app):
    _ask(client, {"formats": ["braille"], "name": "Sam", "contact": "sam@example.org"})
    with app.app_context():
        erased = erase_expired_requests(utcnow() + timedelta(days=1), lambda record_id: False)
        db.session.commit()
        made = db.session.scalar(select(AlternativeFormatRequest))
        assert [e.fields for e in erased] == [("name_sealed", "contact_sealed")]
        assert made.name_sealed is None and made.contact_sealed is None and made.formats == "braille"
        assert erase_expired_requests(utcnow() + timedelta(days=1), lambda record_id: False) == []


def test_the_paper_copy_has_every_question_and_option(client, app):
    html = client.get(f"/consultations/{SLUG}/print").get_data(as_text=True)
    with app.app_context():
        definition = definition_of(latest_version(SLUG))
    for page in definition.pages:
        for question in page.questions:
            assert str(re.sub("<[^>]+>", "", localise(question.text))).replace("'", "&#39;") in html
            for option in question.options:
                assert str(localise(option.label)).replace("'", "&#39;") in html


def test_easy_read_versions_have_a_symbol_beside_each_group_of_short_lines(client):
    for slug in (SLUG, "short-breaks-local-offer-2026", "young-persons-feedback"):
        content = easy_read(slug)
        assert all(len(line.split()) <= 14 for section in content["sections"] for line in section["lines"])
        html = client.get(f"/easy-read/{slug}").get_data(as_text=True)
        assert html.count('aria-hidden="true" focusable="false"') == len(content["sections"])
        assert {s["icon"] for s in content["sections"]} <= set(ICONS)
    assert 'href="/easy-read/young-persons-feedback"' in client.get(
        "/feedback/young-persons-feedback"
    ).get_data(as_text=True)
    assert client.get("/easy-read/no-such-form").status_code == 404


def test_the_easy_read_block_reads_left_to_right_in_english_on_an_urdu_page(client):
    client.get("/language/ur?next=/")
    html = client.get(f"/easy-read/{SLUG}").get_data(as_text=True)
    assert 'dir="rtl"' in html  # the page is Urdu
    assert '<div lang="en" dir="ltr">' in html  # the untranslated easy read inside it is not
