"""Officers enter paper, phone, email and drop-in responses on the same questions, also after closing."""

import re

from sqlalchemy import select

from portal.extensions import db
from portal.forms_engine.models import Response
from tests.consultations.factories import answer, create_open_consultation, start
from tests.staff.factories import sign_in_as

CLOSED = "overnight-short-breaks-2019"


def test_staff_pages_send_people_who_are_not_signed_in_to_sign_in(client):
    for path in (
        "/staff/consultations/",
        f"/staff/consultations/{CLOSED}",
        f"/staff/consultations/{CLOSED}/check-your-answers",
    ):
        response = client.get(path)
        assert response.status_code == 302 and "/staff/sign-in" in response.headers["Location"]


def test_people_without_an_officer_role_are_refused(client, app):
    sign_in_as(app, client, "pa")
    assert client.get("/staff/consultations/").status_code == 403


def test_an_officer_enters_a_paper_response_after_the_closing_date(client, app):
    officer_id = sign_in_as(app, client, "officer")
    assert CLOSED in client.get("/staff/consultations/").get_data(as_text=True)
    page = client.get(f"/staff/consultations/{CLOSED}").get_data(as_text=True)
    assert "How did this response reach us?" in page
    shown = client.post(f"/staff/consultations/{CLOSED}", data={})
    assert "Select how this response reached us" in shown.get_data(as_text=True)
    url = answer(client, f"/staff/consultations/{CLOSED}", {"channel": "paper"})
    assert url == f"/staff/consultations/{CLOSED}/questions/role"
    assert "Entering a response received by paper" in client.get(url).get_data(as_text=True)
    url = answer(client, url, {"role": "professional"})
    assert url.endswith("/questions/district")
    url = answer(client, url, {"district": "wyre_forest"})
    url = answer(client, url, {"support": "no"})
    for _ in range(4):
        url = answer(client, url, {})
    assert url == f"/staff/consultations/{CLOSED}/check-your-answers"
    page = client.get(url).get_data(as_text=True)
    token = re.search(r'name="submission_token" value="([^"]+)"', page).group(1)
    done = client.post(url, data={"submission_token": token})
    assert done.headers["Location"] == f"/staff/consultations/{CLOSED}/confirmation"
    assert "Enter another response" in client.get(done.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        response = db.session.scalar(select(Response))
        assert (response.channel, response.entered_by, response.form_version.number) == (
            "paper",
            officer_id,
            1,
        )


def test_paper_and_online_responses_both_appear_with_channel_and_version(client, app):
    version_id = create_open_consultation(app)
    url = start(client, "open-copy")
    url = answer(client, url, {"role": "young_person"})
    url = client.get("/consultations/open-copy/check-your-answers").get_data(as_text=True)
    token = re.search(r'name="submission_token" value="([^"]+)"', url).group(1)
    client.post("/consultations/open-copy/check-your-answers", data={"submission_token": token})
    sign_in_as(app, client, "officer")
    client.get("/staff/consultations/open-copy")
    url = answer(client, "/staff/consultations/open-copy", {"channel": "drop-in"})
    answer(client, url, {"role": "parent_carer"})
    page = client.get("/staff/consultations/open-copy/check-your-answers").get_data(as_text=True)
    token = re.search(r'name="submission_token" value="([^"]+)"', page).group(1)
    client.post("/staff/consultations/open-copy/check-your-answers", data={"submission_token": token})
    with app.app_context():
        rows = {(r.channel, r.form_version_id) for r in db.session.scalars(select(Response))}
    assert rows == {("online", version_id), ("drop-in", version_id)}
