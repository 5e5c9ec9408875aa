"""The staff page for text messages: signed-in officers only, dead letters with a retry button."""

from sqlalchemy import select

from portal.extensions import db
from portal.outbox import queue_message
from portal.outbox.models import OutboxMessage
from portal.staff.models import AuditEvent
from tests.fakes.twilio_server import Faults
from tests.sms.conftest import NUMBER
from tests.staff.factories import sign_in_as


def _dead_message(sms_app, fake_twilio) -> int:
    fake_twilio.faults = Faults(server_error_rate=1.0)
    sms_app.config["OUTBOX_MAX_ATTEMPTS"] = 1
    with sms_app.app_context():
        message = queue_message("sms", NUMBER, "Your personal adviser will call you.", "acknowledgement")
        db.session.commit()
        message_id = message.id
    fake_twilio.faults = Faults()
    return message_id


def test_signed_out_people_are_sent_to_sign_in(sms_client):
    response = sms_client.get("/staff/sms/")
    assert response.status_code == 302 and "/staff/sign-in" in response.location
    response = sms_client.post("/staff/sms/messages/1/retry")
    assert response.status_code in (302, 400)


def test_other_roles_are_refused(sms_app, sms_client):
    sign_in_as(sms_app, sms_client, "editor")
    assert sms_client.get("/staff/sms/").status_code == 403


def test_officer_sees_dead_letters_without_the_number_and_retries_one(sms_app, sms_client, fake_twilio):
    message_id = _dead_message(sms_app, fake_twilio)
    sign_in_as(sms_app, sms_client, "officer")
    page = sms_client.get("/staff/sms/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "dead" in html and "acknowledgement" in html and "Retry" in html
    assert "7700900123" not in html
    response = sms_client.post(f"/staff/sms/messages/{message_id}/retry", data={})
    assert response.status_code == 302
    assert fake_twilio.bodies_to(NUMBER) == ["Your personal adviser will call you."]
    with sms_app.app_context():
        assert db.session.get(OutboxMessage, message_id).status == "sent"
        audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "sms.retry_message"))
        assert audit is not None and audit.subject_id == str(message_id)


def test_retry_without_csrf_token_is_refused(sms_app, sms_client, fake_twilio):
    message_id = _dead_message(sms_app, fake_twilio)
    sign_in_as(sms_app, sms_client, "officer")
    sms_client.last_csrf_token = None
    response = sms_client.post(f"/staff/sms/messages/{message_id}/retry", data={})
    assert response.status_code == 400
    assert fake_twilio.messages == []
