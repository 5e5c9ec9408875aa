"""What happens to a text Twilio hands us, inside the webhook's request: store once, honour keywords
and limits, and leave the conversation to the worker."""

from __future__ import annotations

import logging

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.forms_engine.crypto import encrypt
from portal.outbox import queue_message
from portal.outbox.models import utcnow
from portal.sms import alerts, keywords
from portal.sms.limits import within_limit
from portal.sms.models import IGNORED, KEYWORD, RECEIVED, REFUSED, InboundSms, SmsSender
from portal.sms.pseudonyms import normalise_number, pseudonym, short

log = logging.getLogger(__name__)


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


def receive(message_sid: str, number: str, text: str) -> str:
    """Store an inbound text once and decide what happens to it. Returns its status, or
    "duplicate" when Twilio sent this MessageSid before (a retry: already answered)."""
    try:
        # New texts are the common case: the unique MessageSid catches a repeat at commit.
        return _receive(message_sid, number, text)
    except IntegrityError:
        # A Twilio retry, or another request created this sender at the same moment.
        db.session.rollback()
        if db.session.scalar(select(InboundSms.id).where(InboundSms.message_sid == message_sid)) is not None:
            return "duplicate"
        return _receive(message_sid, number, text)


def _receive(message_sid: str, number: str, text: str) -> str:
    number = normalise_number(number)
    key = pseudonym(number)
    now = utcnow()
    sender = sender_for(key)
    inbound = InboundSms(
        message_sid=message_sid,
        sender_key=key,
        phone_encrypted=encrypt(number),
        text=text,
        status=RECEIVED,
        attempts=0,
        next_attempt_at=now,
        received_at=now,
    )
    word = keywords.keyword(text)
    if word:
        inbound.status = KEYWORD
        inbound.processed_at = now
        _apply_keyword(word, sender, number, message_sid)
    elif sender.opted_out:
        inbound.status = IGNORED
        inbound.processed_at = now
    elif _over_limit(key):
        inbound.status = REFUSED
        inbound.processed_at = now
        queue_message(
            "sms",
            number,
            "You have sent us a lot of texts. Please wait an hour and try again. " + human_contacts(),
            "rate_limited",
            dedupe_key=f"flood:{key}:{now:%Y%m%d%H}",
        )
    status = inbound.status  # read before the commit expires it (saves a query)
    db.session.add(inbound)
    db.session.commit()
    return status


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
