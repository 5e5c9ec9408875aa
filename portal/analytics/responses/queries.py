"""Counting answer facts for one form, with filters: every summary and dashboard reads through here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Select, distinct, func, select

from portal.analytics.responses.facts import AnswerFact
from portal.extensions import db
from portal.forms_engine.models import Form, FormVersion, Response


@dataclass(frozen=True)
class Filters:
    """What to count: answers given to other questions, channel, language, team, service, dates."""

    answers: tuple[tuple[str, str], ...] = ()
    channel: str | None = None
    language: str | None = None
    team: str | None = None
    service: str | None = None
    quarter: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def active(self) -> bool:
        """True when anything narrows the responses counted."""
        return bool(
            self.answers
            or self.channel
            or self.language
            or self.team
            or self.service
            or self.quarter
            or self.date_from
            or self.date_to
        )


def _filtered(stmt: Select, slug: str, filters: Filters) -> Select:
    stmt = stmt.where(AnswerFact.form_slug == slug)
    for column, value in (
        (AnswerFact.channel, filters.channel),
        (AnswerFact.language, filters.language),
        (AnswerFact.team, filters.team),
        (AnswerFact.service, filters.service),
        (AnswerFact.quarter, filters.quarter),
    ):
        if value:
            stmt = stmt.where(column == value)
    if filters.date_from:
        stmt = stmt.where(AnswerFact.submitted_on >= filters.date_from)
    if filters.date_to:
        stmt = stmt.where(AnswerFact.submitted_on <= filters.date_to)
    for key, value in filters.answers:
        chosen = select(AnswerFact.response_id).where(
            AnswerFact.form_slug == slug, AnswerFact.question_key == key, AnswerFact.option_value == value
        )
        stmt = stmt.where(AnswerFact.response_id.in_(chosen))
    return stmt


def response_total(slug: str, filters: Filters = Filters()) -> int:
    """How many responses the form has (that match the filters)."""
    if not filters.active:
        return (
            db.session.scalar(
                select(func.count(Response.id))
                .join(FormVersion, Response.form_version_id == FormVersion.id)
                .join(Form, FormVersion.form_id == Form.id)
                .where(Form.slug == slug)
            )
            or 0
        )
    stmt = _filtered(select(func.count(distinct(AnswerFact.response_id))), slug, filters)
    return db.session.scalar(stmt) or 0


def question_counts(
    slug: str, filters: Filters = Filters()
) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """(answered per question, count per question and option value)."""
    answered_stmt = _filtered(
        select(AnswerFact.question_key, func.count(distinct(AnswerFact.response_id))), slug, filters
    ).group_by(AnswerFact.question_key)
    counts_stmt = _filtered(
        select(AnswerFact.question_key, AnswerFact.option_value, func.count()), slug, filters
    ).where(AnswerFact.option_value.is_not(None))
    counts_stmt = counts_stmt.group_by(AnswerFact.question_key, AnswerFact.option_value)
    answered = {row[0]: row[1] for row in db.session.execute(answered_stmt)}
    counts = {(key, value): n for key, value, n in db.session.execute(counts_stmt)}
    return answered, counts


def crosstab_counts(
    slug: str, row_key: str, column_key: str, filters: Filters = Filters()
) -> dict[tuple[str, str], int]:
    """How many responses gave each pair of answers to two questions (several choices count each)."""
    other = AnswerFact.__table__.alias("other_fact")
    stmt = (
        select(AnswerFact.option_value, other.c.option_value, func.count())
        .join(other, other.c.response_id == AnswerFact.response_id)
        .where(
            AnswerFact.question_key == row_key,
            other.c.question_key == column_key,
            AnswerFact.option_value.is_not(None),
            other.c.option_value.is_not(None),
        )
        .group_by(AnswerFact.option_value, other.c.option_value)
    )
    return {(a, b): n for a, b, n in db.session.execute(_filtered(stmt, slug, filters))}


def over_time(slug: str, filters: Filters = Filters()) -> dict[dt.date, int]:
    """Responses per day they were submitted (only responses with at least one answer)."""
    stmt = _filtered(
        select(AnswerFact.submitted_on, func.count(distinct(AnswerFact.response_id))), slug, filters
    ).group_by(AnswerFact.submitted_on)
    result: dict[dt.date, int] = {}
    for day, n in db.session.execute(stmt):
        day = dt.date.fromisoformat(day) if isinstance(day, str) else day
        result[day] = result.get(day, 0) + n
    return result


def quarter_counts(
    slug: str, question_key: str, positive: Iterable[str], filters: Filters = Filters()
) -> dict[str, tuple[int, int]]:
    """Per quarter: (positive answers, answered) to one question."""
    positive = list(positive)
    stmt = _filtered(
        select(
            AnswerFact.quarter,
            func.count(distinct(AnswerFact.response_id)),
            func.sum(func.coalesce(AnswerFact.option_value.in_(positive), False).cast(db.Integer)),
        ),
        slug,
        filters,
    ).where(AnswerFact.question_key == question_key, AnswerFact.option_value.is_not(None))
    stmt = stmt.group_by(AnswerFact.quarter)
    return {quarter: (int(pos or 0), answered) for quarter, answered, pos in db.session.execute(stmt)}


def filter_choices(slug: str) -> dict[str, list[str]]:
    """The channels, languages, teams, services and quarters present, for the filter form."""
    choices = {}
    for name, column in (
        ("channel", AnswerFact.channel),
        ("language", AnswerFact.language),
        ("team", AnswerFact.team),
        ("service", AnswerFact.service),
        ("quarter", AnswerFact.quarter),
    ):
        stmt = select(column).distinct().where(AnswerFact.form_slug == slug, column.is_not(None))
        choices[name] = sorted(v for v in db.session.scalars(stmt) if v)
    return choices
