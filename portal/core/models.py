"""Records of the set-up steps that have run, so shipped content loads once per change."""

from datetime import UTC, datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC)


class SetupRecord(db.Model):
    """The last fingerprint a set-up step loaded, e.g. the hash of the shipped content files."""

    __tablename__ = "setup_record"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(128))
    applied_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
