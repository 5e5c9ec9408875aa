"""Themes per form, who tagged which comment with which theme, suggestions, and "you said, we did"."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.models import utcnow
from portal.extensions import db

# Coding rounds: the main coding, a second officer's check of a sample, and the model's suggestions.
FIRST, SECOND, MODEL = "first", "second", "model"
ROUNDS = (FIRST, SECOND, MODEL)
# Who set a tag: an officer by hand, or a suggestion an officer accepted.
BY_OFFICER, BY_SUGGESTION = "officer", "suggestion"
OPEN, ACCEPTED, REJECTED = "open", "accepted", "rejected"
ACTION_STATUSES = ("planned", "in_progress", "done")


class Theme(db.Model):
    """A theme officers code a form's comments into: a short name and what it covers."""

    __tablename__ = "theme"
    __table_args__ = (UniqueConstraint("form_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("form.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # "You said, we did": what families said (plain text) and the council's answer (cleaned HTML).
    you_said: Mapped[str] = mapped_column(Text, default="")
    we_did_html: Mapped[str] = mapped_column(Text, default="")
    actions: Mapped[list[ThemeAction]] = relationship(back_populates="theme", order_by="ThemeAction.id")


class ThemeCoding(db.Model):
    """Marks that a comment was coded in a round (even with no theme), by whom or by which model."""

    __tablename__ = "theme_coding"
    __table_args__ = (UniqueConstraint("answer_id", "round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("form_answer.id", ondelete="CASCADE"), index=True)
    round: Mapped[str] = mapped_column(String(10))
    coder_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    model: Mapped[str | None] = mapped_column(String(120), nullable=True)
    coded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ThemeTag(db.Model):
    """One theme on one comment in one round, and who set it."""

    __tablename__ = "theme_tag"
    __table_args__ = (UniqueConstraint("answer_id", "theme_id", "round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("form_answer.id", ondelete="CASCADE"), index=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"), index=True)
    round: Mapped[str] = mapped_column(String(10), default=FIRST)
    set_by: Mapped[int] = mapped_column(Integer)  # the officer who tagged it or accepted the suggestion
    source: Mapped[str] = mapped_column(String(12), default=BY_OFFICER)
    model_name: Mapped[str | None] = mapped_column(String(120), nullable=True)
    model_version: Mapped[str | None] = mapped_column(String(40), nullable=True)
    quote: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ThemeSuggestion(db.Model):
    """A theme the model suggests for a comment; an officer accepts or rejects it."""

    __tablename__ = "theme_suggestion"
    __table_args__ = (UniqueConstraint("answer_id", "theme_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("form_answer.id", ondelete="CASCADE"), index=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"), index=True)
    score: Mapped[float] = mapped_column(Float)
    model_name: Mapped[str] = mapped_column(String(120))
    model_version: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(10), default=OPEN, index=True)
    decided_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ThemeAction(db.Model):
    """Something the council does in answer to a theme, with its status."""

    __tablename__ = "theme_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="planned")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    theme: Mapped[Theme] = relationship(back_populates="actions")


class ThemeUpdate(db.Model):
    """A change families who asked for updates are told about: a publication or an action's new status.

    Its id is part of each outbox message's dedupe key, so each change is told once per person.
    """

    __tablename__ = "theme_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("form.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # published | action_status
    action_id: Mapped[int | None] = mapped_column(ForeignKey("theme_action.id", ondelete="SET NULL"))
    status: Mapped[str | None] = mapped_column(String(12), nullable=True)
    made_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    made_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    notified: Mapped[int] = mapped_column(Integer, default=0)


class ThemePublication(db.Model):
    """A form's "you said, we did" is shown on its public page while this row exists."""

    __tablename__ = "theme_publication"

    form_id: Mapped[int] = mapped_column(ForeignKey("form.id"), primary_key=True)
    published_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
