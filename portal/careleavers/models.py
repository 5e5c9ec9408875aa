"""Care leavers' requests to their personal adviser, and each change to them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.models import utcnow
from portal.extensions import db
from portal.forms_engine.models import Response

STATUSES = ("new", "in_progress", "done")
STATUS_LABELS = {"new": "New", "in_progress": "In progress", "done": "Done"}
KINDS = {
    "callback": "Call or text back",
    "urgent": "Something is wrong",
    "details_update": "New contact details",
}


class CallbackRequest(db.Model):
    """A care leaver asks their PA (or the duty worker) to get back to them.

    Who the person is stays in the encrypted contact store (web) or with the SMS gateway (texts);
    staff match a request to a case themselves: nothing here says whether the person is known.
    """

    __tablename__ = "callback_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="callback")
    channel: Mapped[str] = mapped_column(String(10))  # web | sms
    response_id: Mapped[int | None] = mapped_column(
        ForeignKey("form_response.id", ondelete="SET NULL"), nullable=True, index=True
    )
    conversation_id: Mapped[str | None] = mapped_column(String(100), index=True)
    reason: Mapped[str] = mapped_column(String(300), default="")
    best_time: Mapped[str | None] = mapped_column(String(100))
    preferred_contact: Mapped[str | None] = mapped_column(String(10))
    safeguarding: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(12), default="new", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    picked_up_by: Mapped[str | None] = mapped_column(String(200))
    picked_up_by_id: Mapped[int | None] = mapped_column(Integer)
    picked_up_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    matched_case: Mapped[str | None] = mapped_column(String(50))
    response: Mapped[Response | None] = relationship()
    events: Mapped[list[CallbackEvent]] = relationship(
        back_populates="request", order_by="CallbackEvent.id", cascade="all, delete-orphan"
    )


class CallbackEvent(db.Model):
    """One change to a request: its status, or the case it was matched to; who and when."""

    __tablename__ = "callback_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("callback_request.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(30))
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str | None] = mapped_column(String(12))
    by_name: Mapped[str] = mapped_column(String(200))
    by_id: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    request: Mapped[CallbackRequest] = relationship(back_populates="events")
