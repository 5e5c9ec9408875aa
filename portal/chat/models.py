"""The web chat's transcripts (kept for a day at most) and messages kept for staff to follow up.

Message text is encrypted at rest with the portal's contact-details key: families may type
anything, including their phone number.
"""

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.models import utcnow
from portal.extensions import db

FOLLOW_UP_STATUSES = ("new", "done")


class ChatMessage(db.Model):
    """One line of a web chat transcript: from the family, the assistant or the service itself."""

    __tablename__ = "chat_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_key: Mapped[str] = mapped_column(String(100), index=True)
    # "family", "assistant" or "service" (the portal's own notices, such as "the assistant is not working").
    author: Mapped[str] = mapped_column(String(10))
    text_encrypted: Mapped[str] = mapped_column(Text)
    # Quick replies offered with an assistant message: JSON [{"title", "payload"}].
    buttons: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class ChatFollowUp(db.Model):
    """A message the assistant could not take (it was down or slow), for staff to read and act on."""

    __tablename__ = "chat_follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_key: Mapped[str] = mapped_column(String(100), index=True)
    text_encrypted: Mapped[str] = mapped_column(Text)
    # "unavailable" (no answer), "slow" (timed out) or "no_reply" (an empty answer).
    reason: Mapped[str] = mapped_column(String(20))
    language: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10), default="new", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    handled_by: Mapped[str | None] = mapped_column(String(200))
    handled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
