"""Editors keep the directory current through /staff/local-offer (signed in as an editor)."""

import re

import pytest

from tests.staff.factories import sign_in_as


@pytest.fixture
def editor(app, client):
    sign_in_as(app, client, "editor")
    return client


def _form(**overrides) -> dict:
    data = {
        "slug": "test-sunflower-club",
        "name": "Sunflower Club",
        "organisation": "Test Garden Trust",
        "summary": "Gardening for disabled children.",
        "description": "<p>Grow things.</p><script>alert(1)</script>",
        "categories": ["short-breaks-day-community"],
        "service_areas": ["malvern-hills"],
        "cost_type": "free",
        "age_min": "5",
        "age_max": "12",
    }
    data.update(overrides)
    return data


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get("/staff/local-offer/")
    assert response.status_code == 302 and "/staff/sign-in" in response.location


def test_other_roles_cannot_edit_the_directory(app, client):
    sign_in_as(app, client, "officer")
    assert client.get("/staff/local-offer/").status_code == 403


def test_an_editor_creates_a_draft_then_publishes_it(editor):
    editor.get("/staff/local-offer/services/new")
    response = editor.post("/staff/local-offer/services/new", data=_form())
    assert response.status_code == 302
    assert editor.get("/local-offer/services/test-sunflower-club").status_code == 404
    page = editor.get("/staff/local-offer/services/test-sunflower-club").get_data(as_text=True)
    assert "Status: draft" in page
    editor.post("/staff/local-offer/services/test-sunflower-club/publish", data={})
    public = editor.get("/local-offer/services/test-sunflower-club").get_data(as_text=True)
    assert "<p>Grow things.</p>" in public and "<script>alert" not in public
    html = editor.get("/local-offer/", query_string={"q": "sunflower"}).get_data(as_text=True)
    assert "test-sunflower-club" in html


def test_the_form_explains_what_is_missing(editor):
    editor.get("/staff/local-offer/services/new")
    html = editor.post(
        "/staff/local-offer/services/new", data=_form(name="", categories=[], age_min="9", age_max="3")
    ).get_data(as_text=True)
    assert "There is a problem" in html
    assert "Enter the service name" in html and "Select at least one category" in html
    assert "The oldest age must be the same as or more than the youngest age" in html


def test_edits_to_a_live_service_wait_for_publishing_and_are_in_the_history(editor):
    editor.get("/staff/local-offer/services/sendiass/edit")
    form = editor.get("/staff/local-offer/services/sendiass/edit").get_data(as_text=True)
    assert 'value="SENDIASS (SEND Information, Advice and Support Service)"' in form
    data = _form(
        slug="sendiass", name="SENDIASS Worcestershire", categories=["advice"], service_areas=["countywide"]
    )
    editor.post("/staff/local-offer/services/sendiass/edit", data=data)
    assert "SENDIASS (SEND" in editor.get("/local-offer/services/sendiass").get_data(as_text=True)
    editor.get("/staff/local-offer/services/sendiass")
    editor.post("/staff/local-offer/services/sendiass/publish", data={})
    assert "SENDIASS Worcestershire" in editor.get("/local-offer/services/sendiass").get_data(as_text=True)
    history = editor.get("/staff/local-offer/services/sendiass").get_data(as_text=True)
    assert re.search(r"Published.*Changes saved for review.*Loaded from the shipped directory", history, re.S)


def test_the_dashboard_shows_flags_waiting_changes_and_reviews_due(editor):
    editor.get("/local-offer/services/childline/report-a-problem")
    editor.post("/local-offer/services/childline/report-a-problem", data={"problem": "closed"})
    html = editor.get("/staff/local-offer/").get_data(as_text=True)
    assert "Reported by families (1)" in html and "Childline" in html
    assert "Ludlow Road Short Breaks Unit" in html  # due for review: last reviewed in 2019
    flag_id = re.search(r"/staff/local-offer/flags/(\d+)/resolve", html).group(1)
    editor.post(f"/staff/local-offer/flags/{flag_id}/resolve", data={})
    assert "Reported by families (0)" in editor.get("/staff/local-offer/").get_data(as_text=True)


def test_an_editor_retires_a_service(editor):
    editor.get("/staff/local-offer/services/samaritans")
    editor.post("/staff/local-offer/services/samaritans/retire", data={})
    assert editor.get("/local-offer/services/samaritans").status_code == 404
