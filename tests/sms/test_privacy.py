"""No phone number in clear anywhere: every table, every file in instance/, every log line."""

import logging
from datetime import timedelta

from sqlalchemy import String, Text, cast, column, inspect, or_, select, table, update

from portal import worker
from portal.extensions import db
from portal.outbox import queue_message
from portal.outbox.models import OutboxMessage, utcnow
from portal.sms.models import InboundSms
from tests.fakes.twilio_server import Faults
from tests.sms.conftest import NUMBER, OTHER_NUMBER, text_in

FORMS = (
    "+447700900123",
    "447700900123",
    "07700900123",
    "7700900123",
    "7700 900123",
    "+447700900456",
    "7700900456",
)


def _exercise(sms_app, sms_client, fake_twilio, fake_rasa) -> None:
    """Texts, replies, keywords, a flood, the assistant down, a timeout and a receipt."""
    sms_app.config["SMS_MAX_PER_NUMBER_PER_HOUR"] = 4
    for index in range(6):
        text_in(sms_client, f"question {index}", sid=f"SM{index:032d}")
    text_in(sms_client, "HELP", number=OTHER_NUMBER, sid="SM" + "a" * 32)
    text_in(sms_client, "STOP", number=OTHER_NUMBER, sid="SM" + "b" * 32)
    fake_rasa.down = True
    text_in(sms_client, "are you there", number="07700 900456", sid="SM" + "c" * 32)
    text_in(sms_client, "START", number=OTHER_NUMBER, sid="SM" + "d" * 32)
    text_in(sms_client, "hello?", number=OTHER_NUMBER, sid="SM" + "e" * 32)
    with sms_app.app_context():
        db.session.execute(update(InboundSms).values(received_at=utcnow() - timedelta(hours=1)))
        db.session.commit()
    worker.sweep_once()
    fake_twilio.faults = Faults(timeout_rate=1.0, timeout_seconds=1.5)
    with sms_app.app_context():
        queue_message("sms", NUMBER, "Your callback is booked.", "acknowledgement")
        db.session.commit()
    fake_twilio.faults = Faults(refuse={NUMBER: (400, 21211, f"The 'To' number {NUMBER} is not valid")})
    with sms_app.app_context():
        db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow() - timedelta(seconds=1)))
        queue_message("sms", NUMBER, "Another update.", "update")
        db.session.commit()
    worker.sweep_once()


def test_no_phone_number_in_clear_in_any_table_file_or_log(
    sms_app, sms_client, fake_twilio, fake_rasa, caplog, tmp_path
):
    caplog.set_level(logging.DEBUG)
    _exercise(sms_app, sms_client, fake_twilio, fake_rasa)
    assert len(fake_twilio.messages) >= 6  # the flows really sent texts to these numbers

    with sms_app.app_context():
        inspector = inspect(db.engine)
        found = []
        for name in inspector.get_table_names():
            columns = [c["name"] for c in inspector.get_columns(name)]
            source = table(name, *(column(c) for c in columns))
            for form in FORMS:
                condition = or_(*(cast(source.c[c], Text).contains(form) for c in columns))
                if db.session.execute(select(source).where(condition).limit(1)).first():
                    found.append((name, form))
        assert found == []
        # the numbers are there, encrypted, where replies need them
        stored = db.session.scalar(select(OutboxMessage.recipient_encrypted).limit(1))
        assert stored.startswith("gAAAAA")  # a Fernet token

    for path in tmp_path.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            for form in FORMS:
                assert form.encode() not in content, f"{form} in {path.name}"
                assert form.encode("utf-16-le") not in content, f"{form} in {path.name}"

    for record in caplog.records:
        line = record.getMessage()
        for form in FORMS:
            assert form not in line, line
    assert String  # imported for readers: every column is compared as text
