"""Safeguarding flags: a disclosure of risk in a form answer or an assistant message, for staff to act on."""

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.models import utcnow
from portal.extensions import db

FLAG_STATUSES = ("new", "seen", "closed")


class SafeguardingFlag(db.Model):
    """Something a person wrote that suggests a child or young person may be at risk."""

    __tablename__ = "safeguarding_flag"

    id: Mapped[int] = mapped_column(primary_key=True)
    # "form" (a free-text answer) or the name of the service that sent it ("assistant").
    source: Mapped[str] = mapped_column(String(30))
    channel: Mapped[str] = mapped_column(String(20))
    form_slug: Mapped[str | None] = mapped_column(String(100))
    # The response's reference number; the answers stay in the response tables.
    response_reference: Mapped[str | None] = mapped_column(String(20), index=True)
    # The assistant's pseudonymous conversation id: never a phone number.
    conversation_id: Mapped[str | None] = mapped_column(String(100), index=True)
    # Only for messages from outside the portal; form answers are read from the response.
    text: Mapped[str | None] = mapped_column(Text)
    categories: Mapped[str] = mapped_column(String(200))
    matched: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="new", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    seen_by: Mapped[str | None] = mapped_column(String(200))
    seen_by_id: Mapped[int | None] = mapped_column(Integer)
    seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def category_list(self) -> list[str]:
        return [c for c in self.categories.split(",") if c]
