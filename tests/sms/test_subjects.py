"""A person's texts are found by their number for subject access, and can be erased."""

from sqlalchemy import func, select

from portal.extensions import db
from portal.outbox.models import OutboxMessage
from portal.sms.models import InboundSms, SmsSender
from portal.staff.subjects import find_subject
from tests.sms.conftest import OTHER_NUMBER, text_in


def test_texts_are_found_by_number_in_any_form_and_erased(sms_app, sms_client, fake_twilio):
    text_in(sms_client, "Can I get a bus pass?", sid="SM" + "1" * 32)
    text_in(sms_client, "STOP", sid="SM" + "2" * 32)
    text_in(sms_client, "hello", number=OTHER_NUMBER, sid="SM" + "3" * 32)
    with sms_app.app_context():
        records = find_subject(None, "07700 900123")
        kinds = sorted(r.kind for r in records)
        assert kinds == ["message", "message", "text message", "text message"]
        assert {"Can I get a bus pass?", "STOP"} <= {r.data.get("text") for r in records}
        assert "You said: Can I get a bus pass?" in {r.data.get("body") for r in records}
        for record in records:
            record.erase()
        db.session.commit()
        assert find_subject(None, "+447700900123") == []
        # the other person's texts and the opt-out itself stay
        assert db.session.scalar(select(func.count()).select_from(InboundSms)) == 1
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 1
        assert db.session.scalar(select(SmsSender.opted_out).where(SmsSender.opted_out.is_(True)))
