"""Signposting contacts: loaded from the shipped file, kept when staff edit them, served to the API."""

from flask import render_template_string
from sqlalchemy import select

from portal.contacts.content import load_contacts, shipped_contacts
from portal.contacts.models import Contact
from portal.extensions import db

EXPECTED_KEYS = [
    "emergency",
    "family_front_door",
    "childline",
    "samaritans",
    "cwd_team",
    "young_adults_team",
    "short_breaks",
    "sendiass",
    "leaving_care",
    "main",
]


def test_the_api_lists_every_contact_in_order(client):
    response = client.get("/api/v1/contacts")
    assert response.status_code == 200
    data = response.get_json()["data"]
    assert [c["key"] for c in data] == EXPECTED_KEYS
    by_key = {c["key"]: c for c in data}
    assert by_key["emergency"]["phone"] == "999"
    assert by_key["family_front_door"]["phone"] == "01905 822666"
    assert by_key["childline"]["phone"] == "0800 1111"
    assert by_key["samaritans"]["phone"] == "116 123"
    assert set(by_key["childline"]) == {"key", "name", "phone", "hours", "url"}


def test_loading_again_changes_nothing_and_keeps_what_staff_edited(app):
    with app.app_context():
        contact = db.session.get(Contact, "family_front_door")
        contact.phone = "01905 000000"
        contact.edited_by_staff = True
        untouched = db.session.get(Contact, "childline")
        untouched.phone = "0000"
        db.session.commit()

        summary = load_contacts()

        assert summary == "contacts: 0 added, 1 updated"
        assert db.session.get(Contact, "family_front_door").phone == "01905 000000"
        assert db.session.get(Contact, "childline").phone == "0800 1111"
        assert load_contacts() == "contacts: 0 added, 0 updated"
        assert len(db.session.scalars(select(Contact)).all()) == len(shipped_contacts())


def test_the_signposting_partial_shows_the_numbers_staff_set(app):
    with app.app_context():
        db.session.get(Contact, "samaritans").phone = "116 999"
        db.session.commit()
    with app.test_request_context("/"):
        html = render_template_string('{% include "partials/emergency_signposting.html" %}')
    assert 'call <span class="app-number" dir="ltr">999</span>' in html
    assert 'href="tel:01905822666"' in html
    assert "0800 1111" in html
    assert "116 999" in html


def test_the_partial_still_shows_the_shipped_numbers_when_the_table_is_empty(app):
    with app.app_context():
        db.session.execute(db.delete(Contact))
        db.session.commit()
    with app.test_request_context("/"):
        html = render_template_string('{% include "partials/emergency_signposting.html" %}')
    assert "01905 822666" in html and "0800 1111" in html


def test_an_officer_changes_a_number_and_it_is_shown_everywhere_and_kept(client, app):
    from tests.staff.factories import sign_in_as

    sign_in_as(app, client, "officer")
    assert "01905 822666" in client.get("/staff/contacts/").get_data(as_text=True)
    page = client.get("/staff/contacts/family_front_door")
    assert page.status_code == 200
    response = client.post(
        "/staff/contacts/family_front_door",
        data={
            "name": "Family Front Door",
            "phone": "01905 111222",
            "hours": "Any time",
            "checked_today": "y",
        },
    )
    assert response.status_code == 303
    assert "01905 111222" in client.get("/api/v1/contacts").get_data(as_text=True)
    with app.app_context():
        contact = db.session.get(Contact, "family_front_door")
        assert contact.edited_by_staff and contact.last_checked is not None
        load_contacts()
        assert db.session.get(Contact, "family_front_door").phone == "01905 111222"


def test_a_wrong_number_is_refused_with_a_clear_message(client, app):
    from tests.staff.factories import sign_in_as

    sign_in_as(app, client, "officer")
    client.get("/staff/contacts/childline")
    page = client.post("/staff/contacts/childline", data={"name": "Childline", "phone": "call me"})
    assert page.status_code == 200
    assert "Enter a phone number using only digits and spaces" in page.get_data(as_text=True)


def test_analysts_cannot_change_numbers(client, app):
    from tests.staff.factories import sign_in_as

    sign_in_as(app, client, "analyst")
    assert client.get("/staff/contacts/").status_code == 403
