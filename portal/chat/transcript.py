"""A family's web chat: the sender id in their session, the transcript on the server, follow-ups.

The browser holds only the session cookie; the transcript is read back from ``chat_message``
and deleted after a day, or at once when the family clears it.
"""

import json
import logging
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app, session
from flask_babel import get_locale
from sqlalchemy import delete, select

from portal.chat import assistant
from portal.chat.models import ChatFollowUp, ChatMessage
from portal.core.models import utcnow
from portal.extensions import db
from portal.forms_engine.crypto import decrypt, encrypt
from portal.language_help import help_in_own_language
from portal.safeguarding.flags import flag_if_risky

log = logging.getLogger(__name__)

SESSION_KEY = "chat_sender"
KEEP_TRANSCRIPTS_FOR = timedelta(days=1)
MAX_MESSAGE_LENGTH = 1000
SHOWN_MESSAGES = 100


@dataclass
class Line:
    """One message as the page shows it."""

    id: int
    author: str
    text: str
    buttons: list[dict] = field(default_factory=list)
    notice: str | None = None  # "unavailable" for the portal's "the assistant is not working" message


def sender_id(create: bool = True) -> str | None:
    """This browser session's pseudonymous sender id for Rasa: "web:" and a random string."""
    sender = session.get(SESSION_KEY)
    if sender is None and create:
        sender = session[SESSION_KEY] = "web:" + secrets.token_urlsafe(16)
    return sender


def _language() -> str:
    locale = get_locale()
    return str(locale.language) if locale else "en"


def _add(sender: str, author: str, text: str, buttons: list[dict] | None = None) -> ChatMessage:
    message = ChatMessage(
        conversation_key=sender,
        author=author,
        text_encrypted=encrypt(text),
        buttons=json.dumps(buttons) if buttons else None,
    )
    db.session.add(message)
    return message


def lines(sender: str | None) -> list[Line]:
    """The transcript so far, oldest first (the latest ``SHOWN_MESSAGES``)."""
    if sender is None:
        return []
    messages = db.session.scalars(
        select(ChatMessage)
        .where(ChatMessage.conversation_key == sender)
        .order_by(ChatMessage.id.desc())
        .limit(SHOWN_MESSAGES)
    ).all()
    return [_line(message) for message in reversed(messages)]


def _line(message: ChatMessage) -> Line:
    try:
        text = decrypt(message.text_encrypted)
    except ValueError:
        text = ""
    notice = None
    if message.author == "service":
        notice, text = text, ""
    return Line(
        id=message.id,
        author=message.author,
        text=text,
        buttons=json.loads(message.buttons) if message.buttons else [],
        notice=notice,
    )


def offered_buttons(sender: str) -> list[dict]:
    """The quick replies offered by the assistant's latest message, if it is the latest line."""
    latest = lines(sender)[-1:] if sender else []
    return latest[0].buttons if latest and latest[0].author == "assistant" else []


def send(text: str = "", payload: str = "") -> list[Line]:
    """Pass the family's message (or the quick reply they chose) to the assistant; store both sides.

    Returns the new lines. If the assistant does not answer, the message is kept for staff and
    the new lines end with the portal's notice.
    """
    sender = sender_id()
    chosen = next((b for b in offered_buttons(sender) if b["payload"] == payload), None) if payload else None
    shown = chosen["title"] if chosen else (text.strip() or payload.strip())[:MAX_MESSAGE_LENGTH]
    to_assistant = chosen["payload"] if chosen else shown
    first_new = _add(sender, "family", shown)
    db.session.commit()
    own_language = None if chosen else help_in_own_language(shown)
    if own_language:
        # The assistant understands English only: say at once, in their language, where to get help.
        _flag_if_risky(sender, shown)
        _add(sender, "assistant", own_language)
        db.session.commit()
        return [line for line in lines(sender) if line.id >= first_new.id]
    config = current_app.config
    try:
        replies = assistant.ask(
            config["RASA_URL"], sender, to_assistant, _language(), float(config["CHAT_RASA_TIMEOUT"])
        )
        if not replies:
            raise assistant.AssistantUnavailable("no_reply", "the assistant said nothing")
    except assistant.AssistantUnavailable as problem:
        log.warning("The assistant did not answer a web chat message (%s)", problem.reason)
        keep_for_follow_up(sender, shown, problem.reason)
        _flag_if_risky(sender, shown)
        _add(sender, "service", "unavailable")
    else:
        for reply in replies:
            _add(sender, "assistant", reply.text, reply.buttons)
    db.session.commit()
    _forget_old_transcripts()
    return [line for line in lines(sender) if line.id >= first_new.id]


def keep_for_follow_up(sender: str, text: str, reason: str) -> ChatFollowUp:
    """Keep a message the assistant could not take, so a member of staff can read it."""
    follow_up = ChatFollowUp(
        conversation_key=sender,
        text_encrypted=encrypt(text),
        reason=reason,
        language=_language(),
        status="new",
    )
    db.session.add(follow_up)
    return follow_up


def _flag_if_risky(sender: str, text: str) -> None:
    """Nobody else reads this message for risk (the assistant is down or cannot read its language)."""
    flag_if_risky(text, source="web chat", channel="web", conversation_id=sender)


def follow_up_text(follow_up: ChatFollowUp) -> str:
    try:
        return decrypt(follow_up.text_encrypted)
    except ValueError:
        return ""


def clear() -> None:
    """Delete this session's transcript and start a new conversation with a new sender id."""
    sender = sender_id(create=False)
    if sender:
        db.session.execute(delete(ChatMessage).where(ChatMessage.conversation_key == sender))
        db.session.commit()
    session.pop(SESSION_KEY, None)


def _forget_old_transcripts() -> None:
    cutoff = utcnow() - KEEP_TRANSCRIPTS_FOR
    db.session.execute(delete(ChatMessage).where(ChatMessage.created_at < cutoff))
    db.session.commit()
