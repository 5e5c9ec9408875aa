"""A text in Urdu is answered in Urdu with how to get help; the English-only assistant is not asked."""

from portal import worker
from portal.extensions import db
from portal.forms_engine.crypto import encrypt
from portal.sms.models import InboundSms, SmsSender
from portal.sms.pseudonyms import pseudonym
from tests.sms.conftest import NUMBER


def test_a_text_in_urdu_is_answered_in_urdu(sms_app, fake_twilio, fake_rasa):
    sms_app.config["OUTBOX_ENQUEUE"] = False
    with sms_app.app_context():
        key = pseudonym(NUMBER)
        db.session.add(SmsSender(key=key, opted_out=False))
        db.session.add(
            InboundSms(
                message_sid="SM" + "7" * 32,
                sender_key=key,
                phone_encrypted=encrypt(NUMBER),
                text="مجھے اپنے بچے کے لیے مدد چاہیے",
            )
        )
        db.session.commit()
    sms_app.config["OUTBOX_ENQUEUE"] = True
    worker.process_sender(key)
    assert fake_rasa.calls == []
    assert "".join(fake_twilio.bodies_to(NUMBER)).startswith("آپ اردو میں لکھ رہے ہیں")
