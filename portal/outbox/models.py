"""The outbox table: one row per message the service sends, whatever the channel."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.forms_engine.crypto import decrypt, encrypt

CREATED = "created"
SENDING = "sending"
SENT = "sent"
DELIVERED = "delivered"
FAILED = "failed"
DEAD = "dead"
CANCELLED = "cancelled"
STATUSES = (CREATED, SENDING, SENT, DELIVERED, FAILED, DEAD, CANCELLED)
# A message waiting behind one of these may go: its predecessor will not be sent again by itself.
SETTLED = (SENT, DELIVERED, FAILED, DEAD, CANCELLED)


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


class OutboxMessage(db.Model):
    """A message to one recipient, sent by the worker with retries (never from a request)."""

    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(10))
    recipient_encrypted: Mapped[str] = mapped_column(Text)
    # A keyed pseudonym of the recipient: opt-outs, ordering and limits without decrypting.
    recipient_key: Mapped[str | None] = mapped_column(String(64), index=True, nullable=True)
    # Encrypted like the recipient: a body can carry a resume code or when an adviser will call.
    body_encrypted: Mapped[str] = mapped_column(Text)
    purpose: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(12), default=CREATED, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # True while the provider may have taken the message without us hearing back (a timeout, a
    # crash mid-send): the next attempt first asks the provider before sending again.
    outcome_uncertain: Mapped[bool] = mapped_column(Boolean, default=False)
    first_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    after_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbox_message.id", ondelete="SET NULL"), nullable=True
    )
    segments: Mapped[int] = mapped_column(Integer, default=1)
    provider_id: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    provider_status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    last_error: Mapped[str | None] = mapped_column(String(500), nullable=True)
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    @property
    def body(self) -> str:
        """The message as written."""
        return decrypt(self.body_encrypted)

    @body.setter
    def body(self, text: str) -> None:
        self.body_encrypted = encrypt(text)
