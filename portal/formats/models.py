"""A request for a consultation in another format. Name and contact details are sealed (encrypted)."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.models import utcnow
from portal.extensions import db

FORMAT_CODES = ("large_print", "audio", "braille", "paper", "bsl_video", "language")


class AlternativeFormatRequest(db.Model):
    """One family's request; `formats` holds the chosen codes joined with commas."""

    __tablename__ = "alternative_format_request"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    form_slug: Mapped[str] = mapped_column(String(120), index=True)
    formats: Mapped[str] = mapped_column(String(200))
    other_language: Mapped[str | None] = mapped_column(String(60))
    name_sealed: Mapped[str | None] = mapped_column(Text)
    contact_sealed: Mapped[str | None] = mapped_column(Text)
    page_language: Mapped[str] = mapped_column(String(8), default="en")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))

    @property
    def format_codes(self) -> list[str]:
        return [code for code in self.formats.split(",") if code]
