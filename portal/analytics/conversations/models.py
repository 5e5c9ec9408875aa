"""The assistant's conversations as analytics facts: conversations, turns, ratings and the ingest ledger.

Conversation ids are the pseudonymous Rasa sender ids ("web:..." or "sms:..."); phone numbers
never reach these tables (see ``events.safe_conversation_key``).
"""

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.models import utcnow
from portal.extensions import db


class Conversation(db.Model):
    """One conversation with the assistant, on the web or by text message."""

    __tablename__ = "conversation"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_key: Mapped[str] = mapped_column(String(100), unique=True)
    channel: Mapped[str] = mapped_column(String(10), index=True)
    language: Mapped[str | None] = mapped_column(String(10))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_event_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    turn_count: Mapped[int] = mapped_column(Integer, default=0)
    # The answer last given (the bot's `last_answer` slot), which a rating refers to.
    last_answer: Mapped[str | None] = mapped_column(String(100))
    # The latest message, held only until the assistant's next action shows whether it was answered.
    pending_turn_id: Mapped[int | None] = mapped_column(Integer)
    pending_text: Mapped[str | None] = mapped_column(Text)


class ConversationEvent(db.Model):
    """Every broker event the ingest acted on, once: the unique key makes a second run a no-op."""

    __tablename__ = "conversation_event"
    __table_args__ = (UniqueConstraint("source", "event_key", name="uq_conversation_event_source_event_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # "sql" (Rasa's SQL event broker) or "rabbitmq" (its pika broker).
    source: Mapped[str] = mapped_column(String(20))
    # A hash of the event as Rasa serialised it: the same event has the same key however it arrives.
    event_key: Mapped[str] = mapped_column(String(64))
    # The row id in Rasa's `events` table (SQL broker only).
    rasa_event_id: Mapped[int | None] = mapped_column(Integer)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id"), index=True)
    event_type: Mapped[str] = mapped_column(String(30))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ConversationTurn(db.Model):
    """One message a family sent, as the assistant understood it."""

    __tablename__ = "conversation_turn"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("conversation_event.id"), unique=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id"), index=True)
    channel: Mapped[str] = mapped_column(String(10), index=True)
    intent: Mapped[str | None] = mapped_column(String(100), index=True)
    confidence: Mapped[float | None] = mapped_column(Float)
    fallback: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    # Only kept when the assistant could not answer, so staff can improve it (phone numbers removed).
    unanswered_text: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(10))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class ConversationRating(db.Model):
    """A family's answer to "Did that help?"."""

    __tablename__ = "conversation_rating"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("conversation_event.id"), unique=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id"), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    helpful: Mapped[bool] = mapped_column(Boolean)
    answer: Mapped[str | None] = mapped_column(String(100))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class ConversationIngestWatermark(db.Model):
    """How far the ingest has read a source that has row ids (Rasa's SQL event broker)."""

    __tablename__ = "conversation_ingest_watermark"

    source: Mapped[str] = mapped_column(String(200), primary_key=True)
    last_event_id: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
