"""Staff accounts and the append-only audit log."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from sqlalchemy import JSON, Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db

ROLES = ("admin", "officer", "pa", "editor", "analyst")


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes; treat them as the UTC they were stored in."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def new_session_nonce() -> str:
    return secrets.token_urlsafe(16)


class StaffUser(db.Model):
    """Someone who works in the staff area: officer, personal adviser, editor, analyst or admin."""

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # Encrypted at rest (see portal.staff.secretbox); None until the person enrols.
    totp_secret: Mapped[str | None] = mapped_column(Text, nullable=True)
    totp_last_step: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Part of the session identity: changing it signs the person out everywhere.
    session_nonce: Mapped[str] = mapped_column(String(64), default=new_session_nonce)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    # Flask-Login's user interface.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return bool(self.active)

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}.{self.session_nonce}"

    @property
    def has_two_factor(self) -> bool:
        return bool(self.totp_secret)

    def is_locked(self, now: datetime | None = None) -> bool:
        locked_until = as_utc(self.locked_until)
        return locked_until is not None and locked_until > (now or utcnow())

    def __repr__(self) -> str:
        return f"<StaffUser {self.id} {self.role}>"


class AuditEvent(db.Model):
    """One thing someone did or looked at. Rows are only ever added: the database refuses changes."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    user_email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    action: Mapped[str] = mapped_column(String(100), index=True)
    subject_type: Mapped[str | None] = mapped_column(String(100), nullable=True)
    subject_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    detail: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    ip_address: Mapped[str | None] = mapped_column(String(64), nullable=True)
    user_agent: Mapped[str | None] = mapped_column(String(500), nullable=True)


RETENTION_KINDS = (
    "consultation",
    "feedback",
    "careleaver_request",
    "safeguarding_flag",
    "alternative_format_request",
)


class RetentionPolicy(db.Model):
    """How many days personal data of one kind of record is kept before it is erased."""

    __tablename__ = "retention_policy"

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    days: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LegalHold(db.Model):
    """Stops erasure of one record (for a complaint, court case or investigation) until released."""

    __tablename__ = "legal_hold"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    record_id: Mapped[str] = mapped_column(String(100), index=True)
    reason: Mapped[str] = mapped_column(Text)
    placed_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    placed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    released_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    released_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class DeletionLog(db.Model):
    """What personal data was erased, from which record, why and by whom. Never holds the data itself."""

    __tablename__ = "deletion_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(100))
    fields: Mapped[list] = mapped_column(JSON)
    trigger: Mapped[str] = mapped_column(String(20))  # "retention" or "request"
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
