"""The outbox: rows written in the caller's transaction, retries with backoff, dead letters, at most once."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from portal import worker
from portal.extensions import db
from portal.outbox import queue_message
from portal.outbox.models import OutboxMessage, utcnow
from portal.outbox.service import deliver, due_messages, retry_dead
from portal.sms.models import SmsAlert, SmsSender
from portal.sms.pseudonyms import pseudonym
from tests.fakes.twilio_server import Faults
from tests.sms.conftest import NUMBER, text_in


def _message(app, message_id: int) -> OutboxMessage:
    with app.app_context():
        message = db.session.get(OutboxMessage, message_id)
        db.session.expunge(message)
        return message


def _queue(app, body="Your callback request has been received.", purpose="acknowledgement", **kwargs) -> int:
    with app.app_context():
        message = queue_message("sms", NUMBER, body, purpose, **kwargs)
        db.session.commit()
        return message.id


def _make_due(app, message_id: int) -> None:
    with app.app_context():
        db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id)
            .values(next_attempt_at=utcnow() - timedelta(seconds=1))
        )
        db.session.commit()


def test_queue_message_writes_the_row_and_sends_only_after_commit(sms_app, fake_twilio):
    with sms_app.app_context():
        message = queue_message("sms", NUMBER, "Thank you. We have your request.", "acknowledgement")
        assert message.id is not None
        assert fake_twilio.messages == []  # nothing leaves before the caller commits
        assert NUMBER not in message.recipient_encrypted
        db.session.commit()
    assert fake_twilio.bodies_to(NUMBER) == ["Thank you. We have your request."]


def test_a_rolled_back_message_is_never_sent(sms_app, fake_twilio):
    with sms_app.app_context():
        queue_message("sms", NUMBER, "This should never go", "acknowledgement")
        db.session.rollback()
        assert db.session.scalar(select(OutboxMessage)) is None
    assert fake_twilio.messages == []


def test_dedupe_key_queues_once(sms_app, fake_twilio):
    first = _queue(sms_app, dedupe_key="ack:42")
    second = _queue(sms_app, dedupe_key="ack:42")
    assert first == second
    assert len(fake_twilio.messages) == 1


def test_unknown_channel_is_refused(sms_app):
    with sms_app.app_context(), pytest.raises(ValueError):
        queue_message("pigeon", NUMBER, "hi", "update")


def test_server_errors_are_retried_with_backoff_then_sent(sms_app, fake_twilio):
    fake_twilio.faults = Faults(server_error_rate=1.0)
    message_id = _queue(sms_app)
    first = _message(sms_app, message_id)
    assert first.status == "created" and first.attempts == 1
    assert "503" in first.last_error
    assert first.next_attempt_at.replace(tzinfo=None) > utcnow().replace(tzinfo=None) + timedelta(seconds=5)
    fake_twilio.faults = Faults()
    with sms_app.app_context():
        assert deliver(message_id) > 0  # not due yet: it waits for the backoff
    _make_due(sms_app, message_id)
    worker.sweep_once()
    sent = _message(sms_app, message_id)
    assert sent.status == "sent" and sent.attempts == 2 and sent.last_error is None
    assert len(fake_twilio.messages) == 1


def test_rate_limited_by_twilio_is_retried(sms_app, fake_twilio):
    fake_twilio.faults = Faults(refuse={NUMBER: (429, 20429, "Too Many Requests")})
    message_id = _queue(sms_app)
    assert _message(sms_app, message_id).status == "created"


def test_permanent_error_fails_without_retrying(sms_app, fake_twilio):
    fake_twilio.faults = Faults(
        refuse={NUMBER: (400, 21211, f"The 'To' number {NUMBER} is not a valid phone number.")}
    )
    message_id = _queue(sms_app)
    failed = _message(sms_app, message_id)
    assert failed.status == "failed" and failed.attempts == 1
    assert "21211" in failed.last_error
    assert "7700900123" not in failed.last_error  # the number is scrubbed from stored errors
    assert fake_twilio.messages == []


def test_twilio_opt_out_error_marks_the_number_opted_out(sms_app, fake_twilio):
    fake_twilio.faults = Faults(refuse={NUMBER: (400, 21610, "Attempt to send to unsubscribed recipient")})
    message_id = _queue(sms_app)
    assert _message(sms_app, message_id).status == "failed"
    with sms_app.app_context():
        assert db.session.get(SmsSender, pseudonym(NUMBER)).opted_out


def test_after_max_attempts_the_message_is_dead_and_staff_can_retry(sms_app, fake_twilio):
    fake_twilio.faults = Faults(server_error_rate=1.0)
    message_id = _queue(sms_app)
    for _ in range(5):
        _make_due(sms_app, message_id)
        worker.sweep_once()
    dead = _message(sms_app, message_id)
    assert dead.status == "dead" and dead.attempts == 4
    fake_twilio.faults = Faults()
    with sms_app.app_context():
        assert retry_dead(message_id)
        db.session.commit()
    assert _message(sms_app, message_id).status == "sent"
    assert len(fake_twilio.messages) == 1


def test_timeout_after_twilio_accepted_is_not_sent_twice(sms_app, fake_twilio):
    fake_twilio.faults = Faults(timeout_rate=1.0, timeout_seconds=1.5, accept_before_timeout=True)
    message_id = _queue(sms_app)
    unsure = _message(sms_app, message_id)
    assert unsure.status == "created" and unsure.outcome_uncertain
    assert len(fake_twilio.messages) == 1  # Twilio has it, we did not hear back
    fake_twilio.faults = Faults()
    _make_due(sms_app, message_id)
    worker.sweep_once()
    settled = _message(sms_app, message_id)
    assert settled.status == "sent"
    assert settled.provider_id == fake_twilio.messages[0]["sid"]
    assert len(fake_twilio.messages) == 1


def test_timeout_before_twilio_accepted_is_sent_on_retry(sms_app, fake_twilio):
    fake_twilio.faults = Faults(timeout_rate=1.0, timeout_seconds=1.5, accept_before_timeout=False)
    message_id = _queue(sms_app)
    assert fake_twilio.messages == []
    fake_twilio.faults = Faults()
    _make_due(sms_app, message_id)
    worker.sweep_once()
    assert _message(sms_app, message_id).status == "sent"
    assert len(fake_twilio.messages) == 1


@pytest.mark.parametrize("twilio_got_it", [True, False])
def test_worker_killed_mid_send_is_recovered_exactly_once(sms_app, fake_twilio, twilio_got_it):
    sms_app.config["OUTBOX_ENQUEUE"] = False  # the task is lost with the worker
    message_id = _queue(sms_app, body="Your personal adviser will call you on Tuesday.")
    # The worker claimed the message and was killed: before or after Twilio took it.
    with sms_app.app_context():
        db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id)
            .values(
                status="sending",
                attempts=1,
                first_attempt_at=utcnow(),
                locked_until=utcnow() - timedelta(seconds=1),
            )
        )
        db.session.commit()
    if twilio_got_it:
        fake_twilio._accept({"To": NUMBER, "Body": "Your personal adviser will call you on Tuesday."})
    sms_app.config["OUTBOX_ENQUEUE"] = True
    with sms_app.app_context():
        assert due_messages() == [message_id]
    worker.sweep_once()
    assert _message(sms_app, message_id).status == "sent"
    assert fake_twilio.bodies_to(NUMBER) == ["Your personal adviser will call you on Tuesday."]


def test_a_message_in_flight_is_not_claimed_twice(sms_app, fake_twilio):
    sms_app.config["OUTBOX_ENQUEUE"] = False
    message_id = _queue(sms_app)
    with sms_app.app_context():
        db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id)
            .values(status="sending", locked_until=utcnow() + timedelta(minutes=1))
        )
        db.session.commit()
        assert deliver(message_id) is None
        assert due_messages() == []
    assert fake_twilio.messages == []


def test_opt_out_is_checked_at_send_time(sms_app, sms_client, fake_twilio):
    sms_app.config["OUTBOX_ENQUEUE"] = False
    message_id = _queue(sms_app, body="You said, we did: short breaks update", purpose="update")
    text_in(sms_client, "STOP", sid="SM" + "3" * 32)  # arrives before the worker sends
    sms_app.config["OUTBOX_ENQUEUE"] = True
    worker.sweep_once()
    cancelled = _message(sms_app, message_id)
    assert cancelled.status == "cancelled"
    bodies = fake_twilio.bodies_to(NUMBER)
    assert len(bodies) == 1 and bodies[0].startswith("You will not get any more texts")


def test_daily_spend_cap_holds_messages_until_tomorrow(sms_app, fake_twilio):
    sms_app.config["SMS_DAILY_SEGMENT_CAP"] = 2
    ids = [_queue(sms_app, body=f"Update {n}", purpose="update") for n in range(3)]
    statuses = [_message(sms_app, message_id).status for message_id in ids]
    assert statuses == ["sent", "sent", "created"]
    held = _message(sms_app, ids[2])
    assert held.last_error == "daily SMS cap reached" and held.attempts == 0
    assert held.next_attempt_at.hour == 0
    with sms_app.app_context():
        assert db.session.scalar(select(SmsAlert.kind)) == "spend_cap"
    assert len(fake_twilio.messages) == 2


def test_messages_to_one_number_go_in_order(sms_app, fake_twilio):
    fake_twilio.faults = Faults(server_error_rate=1.0)
    first = _queue(sms_app, body="First")
    fake_twilio.faults = Faults()
    second = _queue(sms_app, body="Second")
    assert _message(sms_app, second).after_id == first
    assert fake_twilio.messages == []  # the second waits for the first
    _make_due(sms_app, first)
    worker.sweep_once()
    worker.sweep_once()
    assert fake_twilio.bodies_to(NUMBER) == ["First", "Second"]


def test_status_callbacks_record_delivery_and_never_go_backwards(sms_app, sms_client, fake_twilio):
    from tests.sms.conftest import signed_post

    message_id = _queue(sms_app)
    sid = fake_twilio.messages[0]["sid"]
    unsigned = sms_client.post("/sms/status", data={"MessageSid": sid, "MessageStatus": "failed"})
    assert unsigned.status_code == 403
    assert (
        signed_post(sms_client, "/sms/status", {"MessageSid": sid, "MessageStatus": "delivered"}).status_code
        == 204
    )
    assert (
        signed_post(sms_client, "/sms/status", {"MessageSid": sid, "MessageStatus": "sent"}).status_code
        == 204
    )
    delivered = _message(sms_app, message_id)
    assert delivered.status == "delivered" and delivered.provider_status == "delivered"
    assert delivered.delivered_at is not None
    unknown = signed_post(sms_client, "/sms/status", {"MessageSid": "SM" + "0" * 32, "MessageStatus": "sent"})
    assert unknown.status_code == 204


def test_undelivered_callback_marks_the_message_failed(sms_app, sms_client, fake_twilio):
    from tests.sms.conftest import signed_post

    message_id = _queue(sms_app)
    sid = fake_twilio.messages[0]["sid"]
    params = {"MessageSid": sid, "MessageStatus": "undelivered", "ErrorCode": "30003"}
    signed_post(sms_client, "/sms/status", params)
    failed = _message(sms_app, message_id)
    assert failed.status == "failed" and "30003" in failed.last_error


def test_an_uncertain_send_does_not_adopt_another_messages_sid(sms_app, fake_twilio):
    """The same words sent twice to one number: the second, after a timeout, is still sent."""
    first = _queue(sms_app, body="You said: hi", purpose="assistant_reply")
    fake_twilio.faults = Faults(timeout_rate=1.0, timeout_seconds=1.5, accept_before_timeout=False)
    second = _queue(sms_app, body="You said: hi", purpose="assistant_reply")
    assert _message(sms_app, second).outcome_uncertain
    fake_twilio.faults = Faults()
    _make_due(sms_app, second)
    worker.sweep_once()
    assert _message(sms_app, second).status == "sent"
    assert _message(sms_app, second).provider_id != _message(sms_app, first).provider_id
    assert fake_twilio.bodies_to(NUMBER) == ["You said: hi", "You said: hi"]


def test_an_email_waits_in_the_outbox_until_an_email_channel_exists(sms_app, fake_twilio):
    with sms_app.app_context():
        message = queue_message("email", "someone@example.org", "Your code is 1234", "resume_code")
        db.session.commit()
        assert "someone@example.org" not in message.recipient_encrypted
        assert deliver(message.id) == 300.0
        assert db.session.get(OutboxMessage, message.id).status == "created"
    assert fake_twilio.messages == []
