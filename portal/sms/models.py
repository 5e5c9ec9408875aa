"""What the SMS gateway keeps: inbound messages, senders (opt-outs, processing lease), alerts, long answers.

Phone numbers appear only encrypted (``phone_encrypted``); everything else uses the keyed pseudonym.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.outbox.models import utcnow

# Inbound statuses
RECEIVED = "received"  # waiting for the assistant
ANSWERED = "answered"
KEYWORD = "keyword"  # STOP / START / HELP, answered by the gateway itself
REFUSED = "refused"  # over a rate limit
IGNORED = "ignored"  # from a number that has opted out
GAVE_UP = "gave_up"  # the assistant stayed down; the sender got the human contacts


class InboundSms(db.Model):
    """One text received from Twilio, stored once per MessageSid."""

    __tablename__ = "sms_inbound"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_sid: Mapped[str] = mapped_column(String(64), unique=True)
    sender_key: Mapped[str] = mapped_column(String(64), index=True)
    phone_encrypted: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default=RECEIVED, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_error: Mapped[str | None] = mapped_column(String(300), nullable=True)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    processed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class SmsSender(db.Model):
    """A texting number known only by its pseudonym: opt-out state and the processing lease."""

    __tablename__ = "sms_sender"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    opted_out_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    lease_token: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SmsAlert(db.Model):
    """Something staff should know about: a flood, the spend cap reached, the assistant down."""

    __tablename__ = "sms_alert"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    detail: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class SmsAnswer(db.Model):
    """The full text of an answer too long for SMS, shown on the web behind an unguessable link."""

    __tablename__ = "sms_answer"

    token: Mapped[str] = mapped_column(String(43), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
