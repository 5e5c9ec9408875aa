"""The worker's side: Rasa down, giving up with the human contacts, and per-sender order."""

from datetime import timedelta

from sqlalchemy import select, update

from portal import worker
from portal.extensions import db
from portal.forms_engine.crypto import encrypt
from portal.outbox.models import utcnow
from portal.sms.assistant import process_sender
from portal.sms.models import InboundSms, SmsAlert, SmsSender
from portal.sms.pseudonyms import pseudonym
from tests.sms.conftest import NUMBER, text_in


def _inbound(app) -> list[InboundSms]:
    with app.app_context():
        rows = list(db.session.scalars(select(InboundSms).order_by(InboundSms.id)))
        for row in rows:
            db.session.expunge(row)
        return rows


def _make_due(app) -> None:
    with app.app_context():
        db.session.execute(update(InboundSms).values(next_attempt_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()


def test_rasa_down_the_text_waits_and_is_answered_when_it_is_back(
    sms_app, sms_client, fake_twilio, fake_rasa
):
    fake_rasa.down = True
    assert text_in(sms_client, "Is there a bus pass for care leavers?").status_code == 200
    [waiting] = _inbound(sms_app)
    assert waiting.status == "received" and waiting.attempts == 1 and "503" in waiting.last_error
    assert fake_twilio.messages == []
    with sms_app.app_context():
        assert db.session.scalar(select(SmsAlert.kind)) == "assistant_down"
    fake_rasa.down = False
    _make_due(sms_app)
    worker.sweep_once()
    assert _inbound(sms_app)[0].status == "answered"
    assert fake_twilio.bodies_to(NUMBER) == ["You said: Is there a bus pass for care leavers?"]


def test_rasa_not_running_at_all_counts_as_down(sms_app, sms_client, fake_twilio, fake_rasa):
    fake_rasa.stop()
    text_in(sms_client, "hello")
    [waiting] = _inbound(sms_app)
    assert waiting.status == "received" and waiting.last_error == "ConnectionError"


def test_after_the_give_up_time_the_sender_gets_the_human_contacts(
    sms_app, sms_client, fake_twilio, fake_rasa
):
    fake_rasa.down = True
    text_in(sms_client, "I need to talk to my PA", sid="SM" + "1" * 32)
    text_in(sms_client, "Hello?", sid="SM" + "2" * 32)
    assert fake_twilio.messages == []
    minutes = sms_app.config["SMS_RASA_GIVE_UP_MINUTES"]
    with sms_app.app_context():
        db.session.execute(
            update(InboundSms).values(
                received_at=utcnow() - timedelta(minutes=minutes + 1),
                next_attempt_at=utcnow() - timedelta(seconds=1),
            )
        )
        db.session.commit()
    worker.sweep_once()
    assert [row.status for row in _inbound(sms_app)] == ["gave_up", "gave_up"]
    bodies = fake_twilio.bodies_to(NUMBER)
    assert len(bodies) == 1  # one apology, not one per waiting text
    assert bodies[0].startswith("Sorry, our text assistant is not working at the moment.")
    assert "01905 845715" in bodies[0] and "999" in bodies[0]


def test_a_senders_texts_are_answered_in_the_order_they_came(sms_app, fake_twilio, fake_rasa):
    sms_app.config["OUTBOX_ENQUEUE"] = False
    key = None
    with sms_app.app_context():
        key = pseudonym(NUMBER)
        db.session.add(SmsSender(key=key, opted_out=False))
        for index, text in enumerate(["first", "second", "third"]):
            db.session.add(
                InboundSms(
                    message_sid=f"SM{index:032d}", sender_key=key, phone_encrypted=encrypt(NUMBER), text=text
                )
            )
        db.session.commit()
    sms_app.config["OUTBOX_ENQUEUE"] = True
    worker.process_sender(key)
    assert [message for _, message in fake_rasa.calls] == ["first", "second", "third"]
    assert fake_twilio.bodies_to(NUMBER) == ["You said: first", "You said: second", "You said: third"]


def test_only_one_worker_at_a_time_handles_a_sender(sms_app, fake_twilio, fake_rasa):
    with sms_app.app_context():
        key = pseudonym(NUMBER)
        db.session.add(
            SmsSender(key=key, opted_out=False, lease_until=utcnow() + timedelta(minutes=1), lease_token="x")
        )
        db.session.add(
            InboundSms(
                message_sid="SM" + "4" * 32, sender_key=key, phone_encrypted=encrypt(NUMBER), text="hi"
            )
        )
        db.session.commit()
        assert process_sender(key) is None  # another worker holds the lease
        assert fake_rasa.calls == []
        # a lease left by a killed worker expires
        db.session.execute(update(SmsSender).values(lease_until=utcnow() - timedelta(seconds=1)))
        db.session.commit()
        assert process_sender(key) is None
    assert fake_rasa.calls == [(f"sms:{key}", "hi")]


def test_a_disclosure_texted_while_rasa_is_down_is_flagged_to_staff_at_once(
    sms_app, sms_client, fake_twilio, fake_rasa
):
    from portal.safeguarding.models import SafeguardingFlag

    fake_rasa.down = True
    text_in(sms_client, "my step dad hits me and i dont feel safe at home")
    text_in(sms_client, "what are short breaks", sid="SM" + "3" * 32)
    with sms_app.app_context():
        flags = list(db.session.scalars(select(SafeguardingFlag)))
    assert [(flag.source, flag.channel) for flag in flags] == [("sms", "sms")]
    assert flags[0].conversation_id.startswith("sms:")
    assert NUMBER not in flags[0].conversation_id
