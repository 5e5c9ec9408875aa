"""Resume codes sent by email go through the one shared outbox; the engine keeps no outbox of its own."""

import json

from sqlalchemy import inspect, select

from portal.extensions import db
from portal.forms_engine import crypto
from portal.forms_engine.content import load_definition
from portal.forms_engine.definition import canonical_json
from portal.forms_engine.drafts import find_by_code, issue_resume_code, start_draft
from portal.outbox.models import OutboxMessage
from tests.forms_engine.factories import create_definition_data

EMAIL = "carer@example.org"


def _draft(app, slug="resume-test"):
    with app.app_context():
        version, _created = load_definition(json.loads(canonical_json(create_definition_data(slug=slug))))
        db.session.commit()
        return start_draft(version).id


def test_a_code_with_an_email_queues_exactly_one_email_in_the_shared_outbox(app):
    draft_id = _draft(app)
    with app.test_request_context():
        from portal.forms_engine.models import FormDraft

        draft = db.session.get(FormDraft, draft_id)
        code = issue_resume_code(draft, EMAIL, resume_path="/consultations/resume-test/resume")
        messages = db.session.scalars(select(OutboxMessage)).all()
        assert len(messages) == 1
        message = messages[0]
        assert (message.channel, message.purpose, message.status) == ("email", "resume_code", "created")
        assert EMAIL not in message.recipient_encrypted
        assert crypto.decrypt(message.recipient_encrypted) == EMAIL
        assert code in message.body and "Test form" in message.body
        assert app.config["PUBLIC_URL"] + "/consultations/resume-test/resume" in message.body
        assert find_by_code([draft.form_version_id], code).id == draft_id


def test_a_code_without_an_email_queues_nothing(app):
    draft_id = _draft(app)
    with app.test_request_context():
        from portal.forms_engine.models import FormDraft

        issue_resume_code(db.session.get(FormDraft, draft_id))
        assert db.session.scalar(select(OutboxMessage)) is None


def test_the_migrations_leave_no_form_outbox_table(app):
    with app.app_context():
        tables = set(inspect(db.engine).get_table_names())
    assert "outbox_message" in tables
    assert "form_outbox" not in tables
