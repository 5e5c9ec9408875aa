"""Forms, their versions, and what people answered: the tables every form-based capability shares."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.models import utcnow
from portal.extensions import db


class Form(db.Model):
    """A questionnaire known by its slug: a consultation, a feedback form or a care-leaver form."""

    __tablename__ = "form"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    versions: Mapped[list[FormVersion]] = relationship(back_populates="form", order_by="FormVersion.number")


class FormVersion(db.Model):
    """One loaded definition of a form; responses point here so they keep the wording they were given."""

    __tablename__ = "form_version"
    __table_args__ = (UniqueConstraint("form_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("form.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    checksum: Mapped[str] = mapped_column(String(64))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    form: Mapped[Form] = relationship(back_populates="versions")


class Response(db.Model):
    """One person's submitted answers, from any channel."""

    __tablename__ = "form_response"

    id: Mapped[int] = mapped_column(primary_key=True)
    form_version_id: Mapped[int] = mapped_column(ForeignKey("form_version.id"), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    language: Mapped[str] = mapped_column(String(8), default="en")
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    submission_token: Mapped[str] = mapped_column(String(64), unique=True)
    safeguarding_flag: Mapped[bool] = mapped_column(Boolean, default=False)
    entered_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    form_version: Mapped[FormVersion] = relationship()
    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", order_by="Answer.id", cascade="all, delete-orphan"
    )


class Answer(db.Model):
    """One answer: the stored value, the option label as shown (choices) and any write-in text."""

    __tablename__ = "form_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("form_response.id", ondelete="CASCADE"), index=True)
    question_key: Mapped[str] = mapped_column(String(64), index=True)
    value: Mapped[str] = mapped_column(Text)
    label: Mapped[str | None] = mapped_column(Text, nullable=True)
    write_in: Mapped[str | None] = mapped_column(Text, nullable=True)
    response: Mapped[Response] = relationship(back_populates="answers")


class ContactDetail(db.Model):
    """A personal answer (email, phone), kept apart from the answers and encrypted at rest."""

    __tablename__ = "contact_detail"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("form_response.id", ondelete="CASCADE"), index=True)
    question_key: Mapped[str] = mapped_column(String(64))
    value_encrypted: Mapped[str] = mapped_column(Text)
    erase_after: Mapped[date] = mapped_column(Date, index=True)
    response: Mapped[Response] = relationship()


class EqualityResponse(db.Model):
    """Optional equality-monitoring answers: deliberately not linked to any response."""

    __tablename__ = "equality_response"

    id: Mapped[int] = mapped_column(primary_key=True)
    form_version_id: Mapped[int] = mapped_column(ForeignKey("form_version.id"), index=True)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_on: Mapped[date] = mapped_column(Date)


class FormDraft(db.Model):
    """Answers in progress, encrypted; a resume code lets the person come back to them."""

    __tablename__ = "form_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    form_version_id: Mapped[int] = mapped_column(ForeignKey("form_version.id"), index=True)
    channel: Mapped[str] = mapped_column(String(10), default="online")
    language: Mapped[str] = mapped_column(String(8), default="en")
    answers_encrypted: Mapped[str] = mapped_column(Text, default="")
    resume_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    entered_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    response_id: Mapped[int | None] = mapped_column(
        ForeignKey("form_response.id", ondelete="SET NULL"), nullable=True
    )
    form_version: Mapped[FormVersion] = relationship()
