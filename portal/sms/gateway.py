"""What happens to a text Twilio hands us, inside the webhook's request: store once, honour keywords
and limits, and leave the conversation to the worker.

An ordinary text (the common case) is one INSERT: the number encrypted, the sender's pseudonym, the
text. Whether the sender has opted out is the worker's question (it reads the sender row before
asking the assistant, and the outbox checks again at send time), so nothing is read here. Keywords
(STOP, START, HELP) and texts over a flood limit take the slower path that records the opt-out and
queues the reply in the same request, so a STOP is in force before Twilio has its answer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import NamedTuple

from flask import current_app
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.forms_engine.crypto import encrypt
from portal.outbox import queue_message
from portal.outbox.models import utcnow
from portal.sms import alerts, keywords
from portal.sms.limits import within_limit
from portal.sms.models import KEYWORD, RECEIVED, REFUSED, InboundSms, SmsSender
from portal.sms.pseudonyms import normalise_number, pseudonym, short

log = logging.getLogger(__name__)
DUPLICATE = "duplicate"  # a Twilio retry of a MessageSid we already have


class Receipt(NamedTuple):
    """What the webhook did with a text: its status (or DUPLICATE) and the sender's pseudonym."""

    status: str
    sender_key: str


def human_contacts() -> str:
    """The people a care leaver can call, from the staff-editable contacts."""
    from portal.contacts.content import all_contacts

    by_key = {contact.key: contact for contact in all_contacts()}
    sentences = []
    for key in ("leaving_care", "young_adults_team"):
        contact = by_key.get(key)
        if contact is not None and contact.phone:
            sentences.append(f"Call the {contact.name} on {contact.phone}.")
            break
    if not sentences:
        sentences.append("Call Worcestershire Hub on 01905 765765.")
    emergency = by_key.get("emergency")
    sentences.append(f"In an emergency call {emergency.phone if emergency and emergency.phone else '999'}.")
    return " ".join(sentences)


def sender_for(key: str) -> SmsSender:
    """The sender row for a pseudonym, created if new."""
    sender = db.session.get(SmsSender, key)
    if sender is None:
        sender = SmsSender(key=key, opted_out=False, created_at=utcnow(), updated_at=utcnow())
        db.session.add(sender)
    return sender


def receive(message_sid: str, number: str, text: str) -> Receipt:
    """Store an inbound text once and decide what happens to it. The status is DUPLICATE when
    Twilio sent this MessageSid before (a retry: already answered). RECEIVED texts wait for the
    worker, which the caller enqueues once Twilio has its answer."""
    number = normalise_number(number)
    key = pseudonym(number)
    word = keywords.keyword(text)
    if word:
        return Receipt(
            _stored_once(message_sid, lambda: _receive_keyword(word, message_sid, number, key, text)), key
        )
    if _over_limit(key):
        return Receipt(_stored_once(message_sid, lambda: _refuse(message_sid, number, key, text)), key)
    return Receipt(_store(message_sid, number, key, text), key)


def _row(message_sid: str, number: str, key: str, text: str, status: str) -> dict:
    now = utcnow()
    return {
        "message_sid": message_sid,
        "sender_key": key,
        "phone_encrypted": encrypt(number),
        "text": text,
        "status": status,
        "attempts": 0,
        "next_attempt_at": now,
        "received_at": now,
        "processed_at": None if status == RECEIVED else now,
    }


def _insert_once():
    """INSERT ... ON CONFLICT (message_sid) DO NOTHING RETURNING id for this database, built once
    per app (a returned id tells a new text from a retry; rowcount of an INSERT is not reliable)."""
    statement = current_app.extensions.get("sms_insert_inbound")
    if statement is None:
        dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
        table = InboundSms.__table__
        statement = (
            dialect.insert(table).on_conflict_do_nothing(index_elements=["message_sid"]).returning(table.c.id)
        )
        current_app.extensions["sms_insert_inbound"] = statement
    return statement


def _store(message_sid: str, number: str, key: str, text: str) -> str:
    """An ordinary text: one Core INSERT in its own short transaction (no ORM, no reads)."""
    with db.engine.begin() as connection:
        new_id = connection.execute(_insert_once(), _row(message_sid, number, key, text, RECEIVED)).scalar()
    return RECEIVED if new_id is not None else DUPLICATE


def _stored_once(message_sid: str, store: Callable[[], str]) -> str:
    """Run an ORM store and commit; a repeated MessageSid (a Twilio retry) is a duplicate."""
    try:
        return store()
    except IntegrityError:
        # A Twilio retry, or another request created this sender at the same moment.
        db.session.rollback()
        if db.session.scalar(select(InboundSms.id).where(InboundSms.message_sid == message_sid)) is not None:
            return DUPLICATE
        return store()


def _receive_keyword(word: str, message_sid: str, number: str, key: str, text: str) -> str:
    """STOP, START or HELP: the opt-out is in force (and the reply queued) before Twilio is answered."""
    sender = sender_for(key)
    db.session.add(InboundSms(**_row(message_sid, number, key, text, KEYWORD)))
    _apply_keyword(word, sender, number, message_sid)
    db.session.commit()
    return KEYWORD


def _refuse(message_sid: str, number: str, key: str, text: str) -> str:
    """Over a flood limit: kept but not passed to the assistant; one polite reply an hour."""
    now = utcnow()
    db.session.add(InboundSms(**_row(message_sid, number, key, text, REFUSED)))
    queue_message(
        "sms",
        number,
        "You have sent us a lot of texts. Please wait an hour and try again. " + human_contacts(),
        "rate_limited",
        dedupe_key=f"flood:{key}:{now:%Y%m%d%H}",
    )
    db.session.commit()
    return REFUSED


def _apply_keyword(word: str, sender: SmsSender, number: str, message_sid: str) -> None:
    now = utcnow()
    if word == "stop":
        sender.opted_out, sender.opted_out_at = True, now
        body = keywords.stop_reply()
        log.info("sender %s opted out", short(sender.key))
    elif word == "start":
        sender.opted_out, sender.opted_out_at = False, None
        body = keywords.start_reply()
        log.info("sender %s opted back in", short(sender.key))
    else:
        body = keywords.help_reply(human_contacts())
    sender.updated_at = now
    if current_app.config["SMS_REPLY_TO_KEYWORDS"]:
        queue_message("sms", number, body, "keyword_reply", dedupe_key=f"keyword:{message_sid}")


def _over_limit(key: str) -> bool:
    """Per-number and service-wide flood limits on texts received (keywords are always honoured)."""
    config = current_app.config
    try:
        if not within_limit(f"number:{key}", config["SMS_MAX_PER_NUMBER_PER_HOUR"], "hour"):
            limit = config["SMS_MAX_PER_NUMBER_PER_HOUR"]
            alerts.raise_alert("flood_number", f"sender {short(key)} sent more than {limit} texts in an hour")
            return True
        if not within_limit("all", config["SMS_MAX_INBOUND_PER_MINUTE"], "minute"):
            limit = config["SMS_MAX_INBOUND_PER_MINUTE"]
            alerts.raise_alert("flood_global", f"more than {limit} texts received in a minute")
            return True
    except Exception:  # the limit store is down: answer people rather than refuse them
        log.exception("could not check the SMS limits; letting the text through")
    return False


def enqueue_sender(key: str) -> None:
    """Ask the worker to answer this sender's waiting texts (after Twilio has its answer)."""
    from portal import worker

    try:
        worker.process_sender(key)
    except Exception:  # stored already: the sweep will pick it up
        log.exception("could not enqueue an inbound text; the sweep will process it")
