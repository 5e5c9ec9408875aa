"""Loading the assistant's events into the analytics store, idempotently.

``store_event`` applies one event; the readers in this module (Rasa's SQL event broker) and in
``rabbitmq`` (its pika broker) feed it in order. Every event acted on is recorded once in
``conversation_event`` under a unique (source, event key), so running the ingest twice, or
receiving a message twice from RabbitMQ, never doubles a fact.
"""

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError

from portal.analytics.conversations.events import (
    ANSWER_SLOT,
    FALLBACK_ACTIONS,
    NEUTRAL_ACTIONS,
    PRIVATE_INTENTS,
    RATING_SLOT,
    BrokerEvent,
    event_key,
    is_fallback_intent,
    rating_value,
    read_event,
)
from portal.analytics.conversations.models import (
    Conversation,
    ConversationEvent,
    ConversationIngestWatermark,
    ConversationRating,
    ConversationTurn,
)
from portal.extensions import db

log = logging.getLogger(__name__)


@dataclass
class IngestResult:
    """What one run of the ingest did."""

    source: str
    read: int = 0
    stored: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text_ = f"{self.source}: {self.read} events read, {self.stored} stored"
        return text_ + (f", problem: {'; '.join(self.errors)}" if self.errors else "")


def pseudonym_secret() -> str:
    return current_app.config["SECRET_KEY"]


def _conversation(event: BrokerEvent, create: bool) -> Conversation | None:
    conversation = db.session.scalar(
        select(Conversation).where(Conversation.conversation_key == event.conversation_key)
    )
    if conversation is None and create:
        conversation = Conversation(
            conversation_key=event.conversation_key,
            channel=event.channel,
            started_at=event.occurred_at,
            last_event_at=event.occurred_at,
            turn_count=0,
        )
        db.session.add(conversation)
        db.session.flush()
    return conversation


def _already_stored(source: str, key: str) -> bool:
    found = db.session.scalar(
        select(ConversationEvent.id).where(
            ConversationEvent.source == source, ConversationEvent.event_key == key
        )
    )
    return found is not None


def _record(event: BrokerEvent, conversation: Conversation, source: str, rasa_event_id: int | None):
    record = ConversationEvent(
        source=source,
        event_key=event.event_key,
        rasa_event_id=rasa_event_id,
        conversation_id=conversation.id,
        event_type=event.kind if event.kind != "slot" else f"slot:{event.name}",
        occurred_at=event.occurred_at,
    )
    db.session.add(record)
    db.session.flush()
    conversation.last_event_at = max(conversation.last_event_at, event.occurred_at, key=_naive)
    if event.language:
        conversation.language = event.language
    return record


def _naive(moment):
    # SQLite hands back naive datetimes; compare everything as UTC wall time.
    return moment.replace(tzinfo=None)


def store_event(event: BrokerEvent | None, source: str, rasa_event_id: int | None = None) -> bool:
    """Apply one event's facts to the session (the caller commits). True if something was stored."""
    if event is None or event.kind == "other" or _already_stored(source, event.event_key):
        return False
    if event.kind == "user":
        return _store_user_message(event, source, rasa_event_id)
    if event.kind == "action":
        return _store_action(event, source, rasa_event_id)
    return _store_slot(event, source, rasa_event_id)


def _store_user_message(event: BrokerEvent, source: str, rasa_event_id: int | None) -> bool:
    conversation = _conversation(event, create=True)
    record = _record(event, conversation, source, rasa_event_id)
    fallback = is_fallback_intent(event.intent)
    private = event.intent in PRIVATE_INTENTS
    turn = ConversationTurn(
        event_id=record.id,
        conversation_id=conversation.id,
        channel=conversation.channel,
        intent=event.intent,
        confidence=event.confidence,
        fallback=fallback,
        unanswered_text=event.text if fallback and not private else None,
        language=event.language or conversation.language,
        occurred_at=event.occurred_at,
    )
    db.session.add(turn)
    db.session.flush()
    conversation.turn_count += 1
    # Hold the text until the assistant's next action shows whether it could answer.
    conversation.pending_turn_id = None if fallback or private else turn.id
    conversation.pending_text = None if fallback or private else event.text
    return True


def _store_action(event: BrokerEvent, source: str, rasa_event_id: int | None) -> bool:
    if event.name in NEUTRAL_ACTIONS:
        return False
    conversation = _conversation(event, create=False)
    if conversation is None or conversation.pending_turn_id is None:
        return False
    _record(event, conversation, source, rasa_event_id)
    if event.name in FALLBACK_ACTIONS:
        turn = db.session.get(ConversationTurn, conversation.pending_turn_id)
        if turn is not None:
            turn.fallback = True
            turn.unanswered_text = conversation.pending_text
    conversation.pending_turn_id = None
    conversation.pending_text = None
    return True


def _store_slot(event: BrokerEvent, source: str, rasa_event_id: int | None) -> bool:
    conversation = _conversation(event, create=True)
    if event.name == ANSWER_SLOT:
        _record(event, conversation, source, rasa_event_id)
        conversation.last_answer = str(event.value)[:100] if event.value is not None else None
        return True
    helpful = rating_value(event.value)
    if event.name != RATING_SLOT or helpful is None:
        return False
    record = _record(event, conversation, source, rasa_event_id)
    db.session.add(
        ConversationRating(
            event_id=record.id,
            conversation_id=conversation.id,
            channel=conversation.channel,
            helpful=helpful,
            answer=conversation.last_answer,
            occurred_at=event.occurred_at,
        )
    )
    return True


def store_raw_event(raw: str | bytes, source: str, rasa_event_id: int | None = None, sender_id=None) -> bool:
    """Parse one serialised Rasa event and store it; malformed events are logged and skipped."""
    try:
        data = json.loads(raw)
    except (TypeError, ValueError):
        log.warning("Skipped a %s event that is not JSON (id %s)", source, rasa_event_id)
        return False
    if not isinstance(data, dict):
        return False
    if sender_id and not data.get("sender_id"):
        data["sender_id"] = sender_id
    return store_event(read_event(data, pseudonym_secret(), key=event_key(data)), source, rasa_event_id)


# --- Rasa's SQL event broker -------------------------------------------------------------------


def _events_engine(url: str):
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not (parsed.database and Path(parsed.database).exists()):
        return None
    return create_engine(url)


def _watermark(source_name: str) -> ConversationIngestWatermark:
    watermark = db.session.get(ConversationIngestWatermark, source_name)
    if watermark is None:
        watermark = ConversationIngestWatermark(source=source_name, last_event_id=0)
        db.session.add(watermark)
    return watermark


# On a server database, a transaction can commit rows with lower ids after one with higher ids:
# re-read this many rows behind the watermark each time (the event keys make it harmless).
SERVER_RESCAN_ROWS = 500


def ingest_sql(url: str, batch_size: int = 500) -> IngestResult:
    """Read Rasa's SQL broker table ``events`` (id, sender_id, data) past the watermark, in id order.

    Each batch's facts and the new watermark are committed together.
    """
    result = IngestResult(source="sql")
    engine = _events_engine(url)
    if engine is None:
        result.errors.append("no events database yet")
        return result
    source_name = f"sql:{make_url(url).render_as_string(hide_password=True)}"[:200]
    try:
        with engine.connect() as connection:
            watermark = _watermark(source_name)
            latest = connection.execute(text("SELECT MAX(id) FROM events")).scalar() or 0
            if latest < (watermark.last_event_id or 0):
                # The bot's events file was replaced: read it again; the event keys stop doubles.
                log.warning("Rasa's events table restarted below the watermark; reading it from the start")
                watermark.last_event_id = 0
            rescan = 0 if engine.dialect.name == "sqlite" else SERVER_RESCAN_ROWS
            after = max((watermark.last_event_id or 0) - rescan, 0)
            while True:
                rows = connection.execute(
                    text("SELECT id, sender_id, data FROM events WHERE id > :after ORDER BY id LIMIT :n"),
                    {"after": after, "n": batch_size},
                ).all()
                if not rows:
                    break
                for row in rows:
                    result.read += 1
                    result.stored += store_raw_event(row.data, "sql", row.id, row.sender_id)
                    watermark.last_event_id = max(watermark.last_event_id or 0, row.id)
                    after = row.id
                db.session.commit()
    except OperationalError as error:
        db.session.rollback()
        result.errors.append(f"cannot read the events database ({error.orig})")
    except IntegrityError:
        db.session.rollback()
        result.errors.append("another ingest stored the same events at the same time; run again")
    finally:
        engine.dispose()
    return result
