"""Signposting contacts: the phone numbers families, children and care leavers are shown."""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.models import utcnow
from portal.extensions import db


class Contact(db.Model):
    """A number people can call, kept as content so staff can change it without a release."""

    __tablename__ = "contact"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(30))
    hours: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(500))
    last_checked: Mapped[date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Once staff edit an entry, the shipped file no longer overwrites it.
    edited_by_staff: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    def as_json(self) -> dict:
        """The public fields, as the API returns them."""
        return {"key": self.key, "name": self.name, "phone": self.phone, "hours": self.hours, "url": self.url}
