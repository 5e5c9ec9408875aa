"""Subject access and erasure for texts: found by the number's pseudonym, without decrypting every row."""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.outbox.models import OutboxMessage
from portal.sms.models import InboundSms
from portal.sms.pseudonyms import pseudonym


def find_texts(email: str | None, phone: str | None) -> list:
    """Texts the person sent us and messages queued or sent to their number.

    The opt-out record (a pseudonym and a yes/no) is kept: erasing it would let the service text
    someone who asked it to stop.
    """
    from portal.staff.retention import Erasure
    from portal.staff.subjects import SubjectRecord

    if not phone:
        return []
    key = pseudonym(phone)
    records = []
    for text in db.session.scalars(select(InboundSms).where(InboundSms.sender_key == key)):

        def erase_text(text=text) -> Erasure:
            db.session.delete(text)
            return Erasure(record_id=f"sms-in-{text.id}", fields=("phone", "text"))

        records.append(
            SubjectRecord(
                kind="text message",
                record_id=f"sms-in-{text.id}",
                summary=f"text received {text.received_at:%d %B %Y}, {text.status}",
                data={"received_at": text.received_at.isoformat(), "text": text.text, "status": text.status},
                erase=erase_text,
            )
        )
    for message in db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient_key == key)):

        def erase_message(message=message) -> Erasure:
            db.session.delete(message)
            return Erasure(record_id=f"sms-out-{message.id}", fields=("recipient", "body"))

        records.append(
            SubjectRecord(
                kind="message",
                record_id=f"sms-out-{message.id}",
                summary=f"{message.purpose} text, {message.status}",
                data={
                    "created_at": message.created_at.isoformat(),
                    "body": message.body,
                    "status": message.status,
                },
                erase=erase_message,
            )
        )
    return records
