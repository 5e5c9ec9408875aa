"""Queueing, sending and settling outbox messages.

Sending follows GOV.UK Notify's state machine: a message is sent only by the worker that moved it
from ``created`` to ``sending`` with a conditional update, so a duplicate task cannot send twice;
the database session is released before the provider is called.
"""

from __future__ import annotations

import logging
import random
import re
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session

from portal.extensions import db
from portal.forms_engine.crypto import decrypt, encrypt
from portal.outbox.channels import SendResult, channel_for, known_channels
from portal.outbox.models import (
    CANCELLED,
    CREATED,
    DEAD,
    DELIVERED,
    FAILED,
    SENDING,
    SENT,
    SETTLED,
    OutboxMessage,
    as_utc,
    utcnow,
)

log = logging.getLogger(__name__)
PENDING_KEY = "outbox_pending_ids"
CHANNELS = ("sms", "email")


def queue_message(
    channel: str,
    to: str,
    body: str,
    purpose: str,
    dedupe_key: str | None = None,
    *,
    segments: int = 1,
    after: OutboxMessage | None = None,
) -> OutboxMessage:
    """Add a message to the outbox in the caller's transaction; it is sent after the commit.

    With ``dedupe_key``, queueing the same key again returns the message already queued. SMS
    messages to one number are sent in the order they were queued.
    """
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    if dedupe_key:
        existing = db.session.scalar(select(OutboxMessage).where(OutboxMessage.dedupe_key == dedupe_key))
        if existing is not None:
            return existing
    try:
        key = channel_for(channel).recipient_key(to)
    except LookupError:  # a channel still to come (email): the row waits for it
        key = None
    if after is None and key is not None:
        after = db.session.scalar(
            select(OutboxMessage)
            .where(OutboxMessage.recipient_key == key, OutboxMessage.status.not_in(SETTLED))
            .order_by(OutboxMessage.id.desc())
            .limit(1)
        )
    now = utcnow()
    message = OutboxMessage(
        channel=channel,
        recipient_encrypted=encrypt(to),
        recipient_key=key,
        body=body,
        purpose=purpose,
        status=CREATED,
        attempts=0,
        next_attempt_at=now,
        outcome_uncertain=False,
        segments=segments,
        dedupe_key=dedupe_key,
        created_at=now,
        updated_at=now,
    )
    if after is not None:
        if after.id is None:
            db.session.flush()
        message.after_id = after.id
    # Two writers racing on one dedupe key: the unique constraint fails the later transaction.
    db.session.add(message)
    db.session.flush()
    db.session.info.setdefault(PENDING_KEY, []).append(message.id)
    return message


@event.listens_for(Session, "after_commit")
def _enqueue_after_commit(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint: the rows are not visible to others yet
        return
    ids = session.info.pop(PENDING_KEY, None)
    if not ids or not current_app or not current_app.config.get("OUTBOX_ENQUEUE"):
        return
    from portal import worker

    for message_id in ids:
        try:
            worker.send_outbox_message(message_id)
        except Exception:  # the sweep will find it; a queue outage must not break the caller
            log.exception("could not enqueue outbox message %s; the sweep will send it", message_id)


@event.listens_for(Session, "after_soft_rollback")
def _forget_after_rollback(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:
        session.info.pop(PENDING_KEY, None)


def backoff_seconds(attempts: int) -> float:
    """Exponential backoff with jitter: base × 2^(attempts-1), capped, ±20%."""
    config = current_app.config
    delay = min(
        config["OUTBOX_RETRY_BASE_SECONDS"] * 2 ** max(attempts - 1, 0), config["OUTBOX_RETRY_MAX_SECONDS"]
    )
    return delay * random.uniform(0.8, 1.2)


_NUMBERS = re.compile(r"\+?\d[\d \-]{6,}\d")


def scrub(error: str | None) -> str | None:
    """An error text safe to store and log: phone numbers removed, length capped."""
    if error is None:
        return None
    return _NUMBERS.sub("[number]", error)[:500]


def deliver(message_id: int) -> float | None:
    """Try to send one message now. Returns seconds until it should be tried again, or None."""
    config = current_app.config
    now = utcnow()
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.status != CREATED:
        return None
    if as_utc(message.next_attempt_at) > now:
        return (as_utc(message.next_attempt_at) - now).total_seconds()
    if message.channel not in known_channels():
        log.warning("outbox message %s waits: no %s channel is set up", message_id, message.channel)
        return 300.0
    if message.after_id is not None:
        before = db.session.get(OutboxMessage, message.after_id)
        if before is not None and before.status not in SETTLED:
            return 2.0
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            OutboxMessage.status == CREATED,
            OutboxMessage.next_attempt_at <= now,
        )
        .values(
            status=SENDING,
            attempts=OutboxMessage.attempts + 1,
            locked_until=now + timedelta(seconds=config["OUTBOX_SEND_LEASE_SECONDS"]),
            first_attempt_at=func.coalesce(OutboxMessage.first_attempt_at, now),
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if claimed.rowcount != 1:
        return None
    db.session.refresh(message)
    channel = channel_for(message.channel)
    hold = channel.hold(message)
    if hold is not None:
        return _settle_hold(message, hold)
    to = decrypt(message.recipient_encrypted)
    if message.outcome_uncertain:
        try:
            provider_id = channel.find_sent(message, to)
        except Exception as error:
            return _record_result(message, _unknown(error, "could not ask the provider"))
        if provider_id:
            log.info("outbox message %s was already with the provider; not sending again", message_id)
            _finish(
                message_id, status=SENT, provider_id=provider_id, outcome_uncertain=False, sent_at=utcnow()
            )
            return None
    db.session.expunge(message)
    db.session.close()  # release the connection while the provider is slow
    try:
        result = channel.send(message, to)
    except Exception as error:
        log.exception("outbox message %s: the %s channel failed", message.id, message.channel)
        result = _unknown(error, "the channel failed")
    return _record_result(message, result)


def _unknown(error: Exception, what: str) -> SendResult:
    return SendResult("retry", error=f"{what}: {type(error).__name__}", uncertain=True)


def _settle_hold(message: OutboxMessage, hold) -> float | None:
    if hold.until is None:
        log.info("outbox message %s cancelled: %s", message.id, hold.reason)
        _finish(message.id, status=CANCELLED, last_error=hold.reason, attempts=message.attempts - 1)
        return None
    _finish(
        message.id,
        status=CREATED,
        last_error=hold.reason,
        next_attempt_at=hold.until,
        attempts=message.attempts - 1,
    )
    return max((as_utc(hold.until) - utcnow()).total_seconds(), 1.0)


def _record_result(message: OutboxMessage, result) -> float | None:
    config = current_app.config
    error = scrub(result.error)
    if result.outcome == "sent":
        _finish(
            message.id,
            status=SENT,
            provider_id=result.provider_id,
            outcome_uncertain=False,
            sent_at=utcnow(),
            last_error=None,
        )
        return None
    if result.outcome == "failed":
        log.warning("outbox message %s failed for good: %s", message.id, error)
        _finish(message.id, status=FAILED, outcome_uncertain=False, last_error=error)
        return None
    uncertain = message.outcome_uncertain or result.uncertain
    if message.attempts >= config["OUTBOX_MAX_ATTEMPTS"]:
        log.error("outbox message %s is dead after %s attempts: %s", message.id, message.attempts, error)
        _finish(message.id, status=DEAD, outcome_uncertain=uncertain, last_error=error)
        return None
    delay = backoff_seconds(message.attempts)
    log.warning("outbox message %s will be retried in %.0fs: %s", message.id, delay, error)
    _finish(
        message.id,
        status=CREATED,
        outcome_uncertain=uncertain,
        last_error=error,
        next_attempt_at=utcnow() + timedelta(seconds=delay),
    )
    return delay


def _finish(message_id: int, **values) -> None:
    """Move a message we hold (status ``sending``) to its next state."""
    values.setdefault("locked_until", None)
    values["updated_at"] = utcnow()
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == SENDING)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def due_messages(limit: int = 500) -> list[int]:
    """Ids of messages that should be tried now, after putting back any whose sender died mid-send."""
    now = utcnow()
    stale = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == SENDING, OutboxMessage.locked_until < now)
        .values(
            status=CREATED, outcome_uncertain=True, locked_until=None, next_attempt_at=now, updated_at=now
        )
        .execution_options(synchronize_session=False)
    )
    if stale.rowcount:
        log.warning("%s outbox messages were left mid-send; they will be checked and retried", stale.rowcount)
    db.session.commit()
    return list(
        db.session.scalars(
            select(OutboxMessage.id)
            .where(OutboxMessage.status == CREATED, OutboxMessage.next_attempt_at <= now)
            .order_by(OutboxMessage.id)
            .limit(limit)
        )
    )


def retry_dead(message_id: int) -> bool:
    """Give a dead (or failed) message a fresh set of attempts; it is sent after the commit."""
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.status not in (DEAD, FAILED):
        return False
    message.status = CREATED
    message.attempts = 0
    message.next_attempt_at = utcnow()
    message.updated_at = utcnow()
    db.session.info.setdefault(PENDING_KEY, []).append(message.id)
    return True


# Provider statuses in the order a message moves through them; a late callback never moves it back.
_PROVIDER_ORDER = {"accepted": 0, "queued": 1, "sending": 2, "sent": 3, "delivered": 4, "read": 5}
_PROVIDER_FAILED = {"undelivered", "failed", "canceled"}


def record_provider_status(provider_id: str, provider_status: str, error_code: str | None = None) -> bool:
    """Apply a delivery receipt. Returns False when no message has that provider id."""
    message = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.provider_id == provider_id).with_for_update()
    )
    if message is None:
        return False
    provider_status = provider_status.lower()
    now = utcnow()
    current = message.provider_status
    if provider_status in _PROVIDER_FAILED:
        if message.status != DELIVERED:
            message.status = FAILED
            message.last_error = f"provider reported {provider_status}" + (
                f" (error {error_code})" if error_code else ""
            )
        message.provider_status = provider_status
    elif current not in _PROVIDER_FAILED and _PROVIDER_ORDER.get(provider_status, -1) >= _PROVIDER_ORDER.get(
        current or "", -1
    ):
        message.provider_status = provider_status
        if provider_status in ("delivered", "read") and message.status in (SENT, SENDING, CREATED):
            message.status = DELIVERED
            message.delivered_at = now
    message.updated_at = now
    return True


def dead_letters(limit: int = 200) -> list[OutboxMessage]:
    """Messages staff should look at: dead after every retry, or refused by the provider."""
    return list(
        db.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.status.in_((DEAD, FAILED)))
            .order_by(OutboxMessage.updated_at.desc())
            .limit(limit)
        )
    )


def segments_sent_since(channel: str, since: datetime) -> int:
    """Billable units sent since a moment (for a daily spend cap)."""
    return int(
        db.session.scalar(
            select(func.coalesce(func.sum(OutboxMessage.segments), 0)).where(
                OutboxMessage.channel == channel,
                OutboxMessage.status.in_((SENT, DELIVERED, SENDING)),
                OutboxMessage.first_attempt_at >= since,
            )
        )
        or 0
    )
