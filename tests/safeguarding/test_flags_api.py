"""The assistant's safeguarding-flag endpoint and the staff list behind it, through HTTP."""

import pytest
from sqlalchemy import select

from portal.api.bot_auth import bot_api_token
from portal.extensions import db
from portal.safeguarding.models import SafeguardingFlag


@pytest.fixture
def bot_headers(app):
    with app.app_context():
        return {"Authorization": f"Bearer {bot_api_token()}"}


def test_a_flag_from_the_assistant_is_stored_with_its_categories(client, app, bot_headers):
    response = client.post(
        "/api/v1/safeguarding-flags",
        json={
            "conversation_id": "c-81f2",
            "channel": "sms",
            "text": "my step dad hurts me",
            "source": "assistant",
        },
        headers=bot_headers,
    )
    assert response.status_code == 201
    assert response.get_json()["categories"] == ["abuse"]
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert (flag.source, flag.channel, flag.conversation_id, flag.status) == (
            "assistant",
            "sms",
            "c-81f2",
            "new",
        )
        assert flag.text == "my step dad hurts me"


def test_a_message_the_detector_does_not_recognise_is_still_recorded_as_reported(client, app, bot_headers):
    response = client.post(
        "/api/v1/safeguarding-flags",
        json={"conversation_id": "c-1", "channel": "web", "text": "something bad is happening"},
        headers=bot_headers,
    )
    assert response.status_code == 201
    assert response.get_json()["categories"] == ["reported"]


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"Authorization": "Bearer wrong"}, 401), ({"Authorization": "Basic abc"}, 401)],
)
def test_the_endpoint_refuses_calls_without_the_token(client, app, headers, status):
    response = client.post(
        "/api/v1/safeguarding-flags",
        json={"conversation_id": "c", "channel": "sms", "text": "help"},
        headers=headers,
    )
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == "unauthorised"
    with app.app_context():
        assert db.session.scalars(select(SafeguardingFlag)).all() == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"channel": "sms", "text": "help"}, "conversation_id"),
        ({"conversation_id": "c", "channel": "fax", "text": "help"}, "channel"),
        ({"conversation_id": "c", "channel": "sms", "text": ""}, "text"),
        ({"conversation_id": "c", "channel": "sms", "text": "x" * 5001}, "text"),
    ],
)
def test_a_bad_request_names_the_field(client, bot_headers, body, field):
    response = client.post("/api/v1/safeguarding-flags", json=body, headers=bot_headers)
    assert response.status_code == 400
    assert field in response.get_json()["error"]["fields"]


def test_the_configured_token_is_the_one_accepted(app):
    app.config["BOT_API_TOKEN"] = "configured-token"
    client = app.test_client()
    ok = client.post(
        "/api/v1/safeguarding-flags",
        json={"conversation_id": "c", "channel": "sms", "text": "i want to die"},
        headers={"Authorization": "Bearer configured-token"},
    )
    assert ok.status_code == 201


def test_the_staff_list_is_closed_to_signed_out_visitors(client):
    response = client.get("/staff/safeguarding/")
    assert response.status_code == 302
    assert "/staff/sign-in" in response.headers["Location"]


def test_the_api_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "post" in paths["/api/v1/safeguarding-flags"]


def test_an_officer_sees_a_new_flag_at_once_and_marks_it_seen(client, app, bot_headers):
    from portal.staff.models import AuditEvent
    from tests.staff.factories import sign_in_as

    client.post(
        "/api/v1/safeguarding-flags",
        json={"conversation_id": "c-9", "channel": "sms", "text": "mums boyfriend touched me"},
        headers=bot_headers,
    )
    sign_in_as(app, client, "officer")
    page = client.get("/staff/safeguarding/?status=new").get_data(as_text=True)
    assert "mums boyfriend touched me" in page and "Sexual abuse" in page
    with app.app_context():
        flag_id = db.session.scalars(select(SafeguardingFlag)).one().id
    response = client.post(f"/staff/safeguarding/{flag_id}/status", data={"status": "seen"})
    assert response.status_code == 302
    with app.app_context():
        flag = db.session.get(SafeguardingFlag, flag_id)
        assert flag.status == "seen" and flag.seen_by == "Officer Person" and flag.seen_at is not None
        assert db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "safeguarding_flag.status")
        ).one().subject_id == str(flag_id)
    assert "There are no flags here." in client.get("/staff/safeguarding/?status=new").get_data(as_text=True)


def test_analysts_cannot_read_flags(client, app):
    from tests.staff.factories import sign_in_as

    sign_in_as(app, client, "analyst")
    assert client.get("/staff/safeguarding/").status_code == 403
