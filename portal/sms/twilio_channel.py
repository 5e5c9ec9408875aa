"""The outbox's SMS channel: send through Twilio's Messages API, honouring opt-outs and the spend cap.

The real ``twilio`` client is used, pointed at ``TWILIO_API_BASE_URL`` (Twilio itself by default,
a local fake in tests and demos) by setting the API domain's ``base_url``.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

import requests
from flask import current_app
from sqlalchemy import select
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from portal.extensions import db
from portal.outbox.channels import Hold, SendResult
from portal.outbox.models import OutboxMessage, as_utc, utcnow
from portal.outbox.service import segments_sent_since
from portal.sms import alerts
from portal.sms.models import SmsSender
from portal.sms.pseudonyms import pseudonym, short

log = logging.getLogger(__name__)
# twilio-python logs query strings at INFO, and a reconciling GET carries the number in ``To``.
_http_log = logging.getLogger("portal.sms.twilio_http")
_http_log.setLevel(logging.WARNING)

# Replies to STOP / START / HELP go even to an opted-out number and past the spend cap.
KEYWORD_PURPOSES = frozenset({"keyword_reply"})
# Twilio error codes meaning "this number has opted out" and "not a mobile / not reachable".
OPTED_OUT_CODES = {21610}


def twilio_client() -> Client:
    """One client per process (it keeps a connection pool), aimed at TWILIO_API_BASE_URL."""
    config = current_app.config
    signature = (config["TWILIO_ACCOUNT_SID"], config["TWILIO_AUTH_TOKEN"], config["TWILIO_API_BASE_URL"])
    cached = current_app.extensions.get("sms_twilio_client")
    if cached is None or cached[0] != signature:
        http = TwilioHttpClient(timeout=config["TWILIO_TIMEOUT_SECONDS"], logger=_http_log)
        client = Client(config["TWILIO_ACCOUNT_SID"], config["TWILIO_AUTH_TOKEN"], http_client=http)
        client.api.base_url = config["TWILIO_API_BASE_URL"]
        cached = current_app.extensions["sms_twilio_client"] = (signature, client)
    return cached[1]


def configured() -> bool:
    config = current_app.config
    return bool(
        config["TWILIO_ACCOUNT_SID"]
        and config["TWILIO_AUTH_TOKEN"]
        and (config["TWILIO_FROM_NUMBER"] or config["TWILIO_MESSAGING_SERVICE_SID"])
    )


def next_midnight(now: datetime) -> datetime:
    return datetime.combine(now.date() + timedelta(days=1), time(0), tzinfo=now.tzinfo)


class SmsChannel:
    """Implements the outbox channel protocol for SMS."""

    def recipient_key(self, to: str) -> str:
        return pseudonym(to)

    def hold(self, message: OutboxMessage) -> Hold | None:
        if message.purpose not in KEYWORD_PURPOSES and message.recipient_key:
            sender = db.session.get(SmsSender, message.recipient_key)
            if sender is not None and sender.opted_out:
                return Hold("recipient opted out (STOP)")
        now = utcnow()
        if not configured():
            return Hold("Twilio is not configured", until=now + timedelta(minutes=5))
        if message.purpose not in KEYWORD_PURPOSES:
            midnight = datetime.combine(now.date(), time(0), tzinfo=now.tzinfo)
            used = segments_sent_since("sms", midnight)  # includes this message, already claimed
            cap = current_app.config["SMS_DAILY_SEGMENT_CAP"]
            if used > cap:
                alerts.raise_alert(
                    "spend_cap", f"daily cap of {cap} SMS segments reached; sending resumes at midnight"
                )
                return Hold("daily SMS cap reached", until=next_midnight(now))
        return None

    def send(self, message: OutboxMessage, to: str) -> SendResult:
        config = current_app.config
        options = {"to": to, "body": message.body, "status_callback": config["PUBLIC_URL"] + "/sms/status"}
        if config["TWILIO_MESSAGING_SERVICE_SID"]:
            options["messaging_service_sid"] = config["TWILIO_MESSAGING_SERVICE_SID"]
        else:
            options["from_"] = config["TWILIO_FROM_NUMBER"]
        try:
            sent = twilio_client().messages.create(**options)
        except TwilioRestException as error:
            detail = f"Twilio HTTP {error.status} error {error.code}: {error.msg}"
            if error.status == 429 or error.status >= 500:
                return SendResult("retry", error=detail)
            if error.code in OPTED_OUT_CODES and message.recipient_key:
                mark_opted_out(message.recipient_key)
            return SendResult("failed", error=detail)
        except requests.exceptions.ConnectTimeout as error:
            return SendResult("retry", error=f"could not connect to Twilio: {type(error).__name__}")
        except (requests.exceptions.RequestException, TwilioException) as error:
            # The request may have reached Twilio: ask before sending again.
            return SendResult("retry", error=f"no answer from Twilio: {type(error).__name__}", uncertain=True)
        return SendResult("sent", provider_id=sent.sid)

    def find_sent(self, message: OutboxMessage, to: str) -> str | None:
        """The SID of a message Twilio already took for this outbox row, if any."""
        since = as_utc(message.first_attempt_at) - timedelta(minutes=2)
        try:
            recent = twilio_client().messages.list(to=to, limit=50, page_size=50)
        except (TwilioException, requests.exceptions.RequestException) as error:
            log.warning("could not check Twilio for outbox message %s: %s", message.id, type(error).__name__)
            raise
        body = message.body  # decrypted once, not for each of the 50 records
        candidates = [
            record
            for record in recent
            if record.body == body and (record.date_created is None or as_utc(record.date_created) >= since)
        ]
        if not candidates:
            return None
        # The same words may have gone to this number for another outbox row: never adopt its SID.
        taken = set(
            db.session.scalars(
                select(OutboxMessage.provider_id).where(
                    OutboxMessage.provider_id.in_([r.sid for r in candidates])
                )
            )
        )
        for record in reversed(candidates):  # the oldest unclaimed one
            if record.sid not in taken:
                return record.sid
        return None


def mark_opted_out(key: str) -> None:
    """Twilio says the number has opted out (it handled a STOP itself): remember it."""
    sender = db.session.get(SmsSender, key)
    if sender is None:
        sender = SmsSender(key=key, created_at=utcnow())
        db.session.add(sender)
    sender.opted_out = True
    sender.opted_out_at = utcnow()
    sender.updated_at = utcnow()
    db.session.commit()
    log.info("sender %s opted out (reported by Twilio)", short(key))
