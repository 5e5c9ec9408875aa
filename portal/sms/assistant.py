"""The worker's side of a conversation: a sender's texts, in order, through Rasa's REST channel.

Rasa sees only ``sms:<pseudonym>``. A lease on the sender row means one worker at a time handles a
sender, so replies keep the order of the questions. If Rasa is down the text waits and is retried;
after ``SMS_RASA_GIVE_UP_MINUTES`` the sender gets the human contacts instead of silence. The
webhook stores an ordinary text without reading the sender's opt-out; it is read here, before
Rasa sees the text, and again by the outbox at send time.
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

import requests
from flask import current_app
from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.forms_engine.crypto import decrypt
from portal.language_help import help_in_own_language
from portal.outbox import queue_message
from portal.outbox.models import as_utc, utcnow
from portal.safeguarding.flags import flag_if_risky
from portal.sms import alerts
from portal.sms.gateway import human_contacts
from portal.sms.models import ANSWERED, GAVE_UP, IGNORED, RECEIVED, InboundSms, SmsAnswer, SmsSender
from portal.sms.pseudonyms import short
from portal.sms.segments import fit_reply, segment_count

log = logging.getLogger(__name__)


class RasaUnavailable(Exception):
    """Rasa did not answer (down, timed out, or an error status)."""


def ask_rasa(sender_key: str, text: str) -> list[str]:
    """Send one text to Rasa's REST channel; return the texts of its replies."""
    config = current_app.config
    try:
        response = requests.post(
            config["RASA_URL"] + "/webhooks/rest/webhook",
            json={"sender": f"sms:{sender_key}", "message": text},
            timeout=config["SMS_RASA_TIMEOUT_SECONDS"],
        )
    except requests.exceptions.RequestException as error:
        raise RasaUnavailable(type(error).__name__) from error
    if response.status_code != 200:
        raise RasaUnavailable(f"HTTP {response.status_code}")
    try:
        replies = response.json()
    except ValueError as error:
        raise RasaUnavailable("not JSON") from error
    texts = []
    for reply in replies if isinstance(replies, list) else []:
        if reply.get("text"):
            texts.append(reply["text"])
        for number, button in enumerate(reply.get("buttons") or [], start=1):
            if button.get("title"):
                texts.append(f"{number}. {button['title']}")
    return texts


def _ensure_sender(sender_key: str) -> None:
    """The webhook stores an ordinary text without touching the sender row: make it on first use."""
    if db.session.scalar(select(SmsSender.key).where(SmsSender.key == sender_key)) is not None:
        return
    now = utcnow()
    db.session.add(SmsSender(key=sender_key, opted_out=False, created_at=now, updated_at=now))
    try:
        db.session.commit()
    except IntegrityError:  # a keyword or another worker made it at the same moment
        db.session.rollback()


def _claim(sender_key: str, seconds: float) -> str | None:
    now = utcnow()
    token = secrets.token_hex(8)
    claimed = db.session.execute(
        update(SmsSender)
        .where(
            SmsSender.key == sender_key,
            or_(SmsSender.lease_until.is_(None), SmsSender.lease_until < now),
        )
        .values(lease_until=now + timedelta(seconds=seconds), lease_token=token)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return token if claimed.rowcount == 1 else None


def _renew(sender_key: str, token: str, seconds: float) -> bool:
    """Extend our lease before each text, so a long queue is not taken over half-way."""
    renewed = db.session.execute(
        update(SmsSender)
        .where(SmsSender.key == sender_key, SmsSender.lease_token == token)
        .values(lease_until=utcnow() + timedelta(seconds=seconds))
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return renewed.rowcount == 1


def _release(sender_key: str, token: str) -> None:
    db.session.execute(
        update(SmsSender)
        .where(SmsSender.key == sender_key, SmsSender.lease_token == token)
        .values(lease_until=None, lease_token=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def process_sender(sender_key: str) -> float | None:
    """Answer a sender's waiting texts in order. Returns seconds until it should run again, or None."""
    config = current_app.config
    _ensure_sender(sender_key)
    token = _claim(sender_key, config["SMS_PROCESS_LEASE_SECONDS"])
    if token is None:
        return None  # another worker has this sender; it will see the new text too
    retry_in: float | None = None
    try:
        while True:
            if not _renew(sender_key, token, config["SMS_PROCESS_LEASE_SECONDS"]):
                log.warning("lost the lease on sender %s; another worker carries on", short(sender_key))
                break
            inbound = db.session.scalar(
                select(InboundSms)
                .where(InboundSms.sender_key == sender_key, InboundSms.status == RECEIVED)
                .order_by(InboundSms.id)
                .limit(1)
            )
            if inbound is None:
                break
            wait = (as_utc(inbound.next_attempt_at) - utcnow()).total_seconds()
            if wait > 0:
                retry_in = wait
                break
            retry_in = _answer(inbound)
            if retry_in is not None:
                break
    finally:
        db.session.rollback()
        _release(sender_key, token)
    if retry_in is None and _waiting(sender_key):
        retry_in = 0.5  # a text arrived while we held the lease and its own task found it taken
    return retry_in


def _waiting(sender_key: str) -> bool:
    return (
        db.session.scalar(
            select(InboundSms.id)
            .where(
                InboundSms.sender_key == sender_key,
                InboundSms.status == RECEIVED,
                InboundSms.next_attempt_at <= utcnow(),
            )
            .limit(1)
        )
        is not None
    )


def due_senders(limit: int = 500) -> list[str]:
    """Senders with texts waiting whose time has come (for the sweep)."""
    return list(
        db.session.scalars(
            select(InboundSms.sender_key)
            .where(InboundSms.status == RECEIVED, InboundSms.next_attempt_at <= utcnow())
            .group_by(InboundSms.sender_key)
            .limit(limit)
        )
    )


def _answer(inbound: InboundSms) -> float | None:
    config = current_app.config
    sender = db.session.get(SmsSender, inbound.sender_key)
    now = utcnow()
    if sender is not None and sender.opted_out:
        inbound.status, inbound.processed_at = IGNORED, now
        db.session.commit()
        return None
    own_language = help_in_own_language(inbound.text)
    if own_language:
        _flag_if_risky(inbound)
    try:
        # The assistant understands English only: answer other languages with help in that language.
        texts = [own_language] if own_language else ask_rasa(inbound.sender_key, inbound.text)
    except RasaUnavailable as error:
        return _rasa_down(inbound, str(error))
    number = decrypt(inbound.phone_encrypted)
    reply = "\n".join(texts).strip()
    if not reply:
        reply = "Sorry, I could not answer that. " + human_contacts()
    answer = SmsAnswer(token=secrets.token_urlsafe(24), text=reply, created_at=now)
    parts, linked = fit_reply(reply, config["PUBLIC_URL"] + "/sms/answer/" + answer.token)
    if linked:
        db.session.add(answer)
    previous = None
    for index, part in enumerate(parts):
        previous = queue_message(
            "sms",
            number,
            part,
            "assistant_reply",
            dedupe_key=f"reply:{inbound.message_sid}:{index}",
            segments=segment_count(part),
            after=previous,
        )
    inbound.status, inbound.processed_at, inbound.last_error = ANSWERED, now, None
    db.session.commit()
    log.info(
        "answered a text from %s in %s parts%s",
        short(inbound.sender_key),
        len(parts),
        " (linked)" if linked else "",
    )
    return None


def _flag_if_risky(inbound: InboundSms) -> None:
    """Nobody else reads this text for risk (the assistant is down or cannot read its language)."""
    flag_if_risky(inbound.text, source="sms", channel="sms", conversation_id="sms:" + inbound.sender_key)


def _rasa_down(inbound: InboundSms, reason: str) -> float | None:
    config = current_app.config
    now = utcnow()
    if inbound.attempts == 0:
        _flag_if_risky(inbound)
    give_up = timedelta(minutes=config["SMS_RASA_GIVE_UP_MINUTES"])
    if now - as_utc(inbound.received_at) >= give_up:
        number = decrypt(inbound.phone_encrypted)
        queue_message(
            "sms",
            number,
            "Sorry, our text assistant is not working at the moment. " + human_contacts(),
            "assistant_unavailable",
            # one apology an hour, however many texts were waiting
            dedupe_key=f"gave_up:{inbound.sender_key}:{now:%Y%m%d%H}",
        )
        inbound.status, inbound.processed_at, inbound.last_error = GAVE_UP, now, reason[:300]
        db.session.commit()
        log.warning("gave up waiting for the assistant for a text from %s", short(inbound.sender_key))
        return None
    inbound.attempts += 1
    delay = min(5 * 2 ** (inbound.attempts - 1), 60)
    inbound.next_attempt_at = now + timedelta(seconds=delay)
    inbound.last_error = reason[:300]
    alerts.raise_alert("assistant_down", "the assistant (Rasa) is not answering; texts are waiting")
    db.session.commit()
    log.warning(
        "assistant unavailable (%s); text from %s waits %ss", reason, short(inbound.sender_key), delay
    )
    return float(delay)
