"""The contact store's key can be rotated: every encrypted value is re-encrypted under the new key."""

from cryptography.fernet import Fernet
from sqlalchemy import select

from portal.extensions import db
from portal.forms_engine import crypto
from portal.forms_engine.models import ContactDetail
from tests.staff.test_staff_data_protection import EMAIL, submit_feedback


def test_rotating_the_contact_key_keeps_every_value_readable_under_the_new_key(app, runner):
    submit_feedback(app)
    with app.app_context():
        before = db.session.scalars(select(ContactDetail.value_encrypted)).all()
    new_key = Fernet.generate_key()
    result = runner.invoke(args=["rotate-contact-key"], input=new_key.decode() + "\n")
    assert result.exit_code == 0, result.output
    assert "Re-encrypted 3 values." in result.output
    assert (app.instance_path + "/contact_encryption_key") in result.output.replace("\n", "")
    with app.app_context():
        app.extensions.pop("forms_engine_fernet", None)
        after = db.session.scalars(select(ContactDetail.value_encrypted)).all()
        assert set(after).isdisjoint(before)
        assert EMAIL in {Fernet(new_key).decrypt(v.encode()).decode() for v in after}
        assert EMAIL in {crypto.decrypt(v) for v in after}


def test_a_key_that_is_not_a_fernet_key_is_refused_and_nothing_changes(app, runner):
    submit_feedback(app)
    with app.app_context():
        before = db.session.scalars(select(ContactDetail.value_encrypted)).all()
    result = runner.invoke(args=["rotate-contact-key"], input="not a key\n")
    assert result.exit_code != 0
    assert "Fernet key" in result.output
    with app.app_context():
        assert db.session.scalars(select(ContactDetail.value_encrypted)).all() == before


def test_rotating_the_contact_key_re_encrypts_outbox_recipients_and_bodies(app, runner):
    from portal.outbox import queue_message
    from portal.outbox.models import OutboxMessage

    body = "Your code to carry on is ABCDE-23456."
    with app.app_context():
        queue_message("email", EMAIL, body, "resume_code")
        db.session.commit()
    new_key = Fernet.generate_key()
    result = runner.invoke(args=["rotate-contact-key"], input=new_key.decode() + "\n")
    assert result.exit_code == 0, result.output
    assert "Re-encrypted 2 values." in result.output
    with app.app_context():
        app.extensions.pop("forms_engine_fernet", None)
        message = db.session.scalars(select(OutboxMessage)).one()
        assert Fernet(new_key).decrypt(message.body_encrypted.encode()).decode() == body
        assert message.body == body
        assert crypto.decrypt(message.recipient_encrypted) == EMAIL
