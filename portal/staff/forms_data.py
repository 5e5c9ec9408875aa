"""Retention and subject requests for responses stored by the forms engine.

Consultation, feedback and care-leaver forms keep a respondent's contact details (and answers
to questions marked ``personal``) as encrypted ``ContactDetail`` rows, apart from the answers.
Erasing a response deletes those rows and keeps the answers, which then say nothing about who
gave them. Records are named by the response's reference, which is what a legal hold names.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, or_, select

from portal.extensions import db
from portal.forms_engine import crypto
from portal.forms_engine.drafts import RESUME_CODE_PURPOSE
from portal.forms_engine.models import ContactDetail, Form, FormVersion, Response
from portal.outbox.models import OutboxMessage
from portal.staff.models import utcnow
from portal.staff.retention import Erasure, register_retention_handler
from portal.staff.subjects import SubjectRecord, phone_in, register_subject_finder

# Retention kind for each forms-engine form kind.
KINDS = {"consultation": "consultation", "feedback": "feedback", "careleaver": "careleaver_request"}


def _erase_contact_details(response: Response) -> Erasure:
    keys = db.session.scalars(
        select(ContactDetail.question_key).where(ContactDetail.response_id == response.id)
    ).all()
    db.session.execute(delete(ContactDetail).where(ContactDetail.response_id == response.id))
    return Erasure(record_id=response.reference, fields=tuple(sorted(set(keys))))


def _retention_handler(form_kind: str):
    def erase_expired(cutoff: datetime, is_held) -> list[Erasure]:
        today = utcnow().date()
        responses = db.session.scalars(
            select(Response)
            .join(FormVersion, Response.form_version_id == FormVersion.id)
            .join(Form, FormVersion.form_id == Form.id)
            .join(ContactDetail, ContactDetail.response_id == Response.id)
            .where(Form.kind == form_kind)
            .where(or_(Response.submitted_at < cutoff, ContactDetail.erase_after <= today))
            .distinct()
        ).all()
        return [_erase_contact_details(r) for r in responses if not is_held(r.reference)]

    erase_expired.__qualname__ = f"erase_expired_{form_kind}"
    return erase_expired


def _matches(text: str, email: str | None, phone: str | None) -> bool:
    return bool((email and email in text.lower()) or (phone and phone_in(text, phone)))


def find_in_responses(email: str | None, phone: str | None) -> list[SubjectRecord]:
    """Responses whose contact details hold the email or phone (every row is decrypted to look)."""
    matched: dict[int, Response] = {}
    for detail in db.session.scalars(select(ContactDetail)):
        if _matches(crypto.decrypt(detail.value_encrypted), email, phone):
            matched[detail.response_id] = detail.response
    records = []
    for response in matched.values():
        form = response.form_version.form
        details = db.session.scalars(select(ContactDetail).where(ContactDetail.response_id == response.id))
        records.append(
            SubjectRecord(
                kind=KINDS.get(form.kind, form.kind),
                record_id=response.reference,
                summary=f"{form.slug} response {response.reference}",
                data={
                    "form": form.slug,
                    "reference": response.reference,
                    "submitted_at": response.submitted_at.isoformat(),
                    "channel": response.channel,
                    "contact": {d.question_key: crypto.decrypt(d.value_encrypted) for d in details},
                    "answers": [
                        {"question": a.question_key, "answer": a.label or a.value} for a in response.answers
                    ],
                },
                erase=lambda response=response: _erase_contact_details(response),
            )
        )
    return records


def find_in_outbox(email: str | None, phone: str | None) -> list[SubjectRecord]:
    """Resume-code emails queued or sent to the person through the shared outbox.

    Texts in the same outbox are found by the SMS capability (through the number's pseudonym).
    """
    if not email:
        return []
    records = []
    messages = db.session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.channel == "email", OutboxMessage.purpose == RESUME_CODE_PURPOSE
        )
    )
    for message in messages:
        to = crypto.decrypt(message.recipient_encrypted)
        if not _matches(to, email, None):
            continue

        def erase(message=message) -> Erasure:
            db.session.delete(message)
            return Erasure(record_id=f"outbox-{message.id}", fields=("recipient", "body"))

        records.append(
            SubjectRecord(
                kind="message",
                record_id=f"outbox-{message.id}",
                summary=f"{message.purpose} email, {message.status}",
                data={
                    "to": to,
                    "created_at": message.created_at.isoformat(),
                    "body": message.body,
                    "status": message.status,
                },
                erase=erase,
            )
        )
    return records


def register() -> None:
    for form_kind, kind in KINDS.items():
        register_retention_handler(kind, _retention_handler(form_kind))
    register_subject_finder(find_in_responses)
    register_subject_finder(find_in_outbox)
