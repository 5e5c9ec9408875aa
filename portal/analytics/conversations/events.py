"""Reading Rasa's broker events: what each one says about a conversation, as plain values.

Pure functions, no database: ``read_event`` turns one serialised Rasa event (a dict, as the SQL
and pika brokers publish it) into a ``BrokerEvent`` the ingest can store.
"""

import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime

# Actions that mean the assistant did not understand or could not answer the last message.
FALLBACK_ACTIONS = frozenset(
    {
        "action_default_fallback",
        "action_two_stage_fallback",
        "action_default_ask_affirmation",
        "action_default_ask_rephrase",
        "action_out_of_scope",
        "utter_default",
        "utter_out_of_scope",
    }
)
# Intents that mean the same when the classifier already says so.
FALLBACK_INTENTS = frozenset({"nlu_fallback", "out_of_scope"})
# Messages about risk are kept in the safeguarding flags, never in the analytics store's text.
PRIVATE_INTENTS = frozenset({"safeguarding"})
RATING_SLOT = "helpful"
ANSWER_SLOT = "last_answer"
# Actions that say nothing about whether a message was answered.
NEUTRAL_ACTIONS = frozenset({"action_listen", "action_session_start", "action_unlikely_intent"})

# Anything that looks like a UK or international phone number: 9+ digits with spaces, dashes, brackets.
PHONE_PATTERN = re.compile(r"(?<![\w])(?:\+|00)?(?:[\s().-]*\d){9,15}(?![\w])")
PHONE_REPLACEMENT = "[phone number removed]"
SENDER_PHONE_PATTERN = re.compile(r"(?:\+|00)?[\d\s().-]{9,20}")


@dataclass(frozen=True)
class BrokerEvent:
    """One Rasa event, reduced to what the analytics store keeps."""

    event_key: str
    conversation_key: str
    channel: str
    kind: str  # "user", "action", "slot" or "other"
    occurred_at: datetime
    name: str | None = None  # action or slot name
    intent: str | None = None
    confidence: float | None = None
    text: str | None = None
    value: object = None
    language: str | None = None


def event_key(raw: str | bytes) -> str:
    """The event's identity: a SHA-256 of Rasa's JSON serialisation, the same on every broker."""
    data = json.loads(raw) if isinstance(raw, str | bytes) else raw
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def remove_phone_numbers(text: str | None) -> str | None:
    """The text with anything that looks like a phone number replaced."""
    if text is None:
        return None
    return PHONE_PATTERN.sub(PHONE_REPLACEMENT, text)


def looks_like_phone_number(sender_id: str) -> bool:
    """True when a sender id (after any "sms:" style prefix) is a phone number rather than a pseudonym."""
    remainder = sender_id.split(":", 1)[-1]
    return bool(SENDER_PHONE_PATTERN.fullmatch(remainder.strip()))


def channel_of(sender_id: str) -> str:
    """ "sms" or "web" from the sender's prefix; anything else is "other"."""
    prefix = sender_id.split(":", 1)[0].lower() if ":" in sender_id else ""
    return prefix if prefix in {"sms", "web"} else "other"


def safe_conversation_key(sender_id: str, secret: str) -> str:
    """The sender id if it is a pseudonym; a keyed hash if it looks like a phone number.

    The SMS gateway already sends pseudonyms; this guards against a sender id that slipped through.
    """
    if not looks_like_phone_number(sender_id):
        return sender_id[:100]
    digest = hmac.new(secret.encode(), sender_id.encode(), hashlib.sha256).hexdigest()[:32]
    return f"{channel_of(sender_id)}:redacted-{digest}"


def _when(timestamp) -> datetime:
    try:
        return datetime.fromtimestamp(float(timestamp), UTC)
    except (TypeError, ValueError, OverflowError):
        return datetime.now(UTC)


def _language(data: dict) -> str | None:
    metadata = data.get("metadata") or {}
    language = metadata.get("language") if isinstance(metadata, dict) else None
    if isinstance(language, str) and re.fullmatch(r"[a-z]{2,3}(-[A-Za-z]{2})?", language):
        return language
    return None


def read_event(data: dict, secret: str, key: str | None = None) -> BrokerEvent | None:
    """The event as the analytics store sees it, or None if it has no sender."""
    sender_id = data.get("sender_id")
    if not isinstance(sender_id, str) or not sender_id:
        return None
    conversation_key = safe_conversation_key(sender_id, secret)
    common = {
        "event_key": key or event_key(data),
        "conversation_key": conversation_key,
        "channel": channel_of(conversation_key),
        "occurred_at": _when(data.get("timestamp")),
        "language": _language(data),
    }
    kind = data.get("event")
    if kind == "user":
        intent = (data.get("parse_data") or {}).get("intent") or {}
        confidence = intent.get("confidence")
        return BrokerEvent(
            kind="user",
            intent=intent.get("name"),
            confidence=float(confidence) if isinstance(confidence, int | float) else None,
            text=remove_phone_numbers(data.get("text")),
            **common,
        )
    if kind == "action":
        return BrokerEvent(kind="action", name=data.get("name"), **common)
    if kind == "slot" and data.get("name") in {RATING_SLOT, ANSWER_SLOT}:
        return BrokerEvent(kind="slot", name=data["name"], value=data.get("value"), **common)
    return BrokerEvent(kind="other", **common)


def is_fallback_intent(intent: str | None) -> bool:
    return intent in FALLBACK_INTENTS


def rating_value(value) -> bool | None:
    """The rating slot's value as helpful (True) or not (False); None for an unset slot."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in {"true", "yes", "positive", "1"}:
        return True
    if isinstance(value, str) and value.lower() in {"false", "no", "negative", "0"}:
        return False
    return None
