"""The answer facts: one row per stored answer, denormalised so any form can be sliced the same way.

A fact carries the form, version, question, option (value and the label the person saw), channel,
language, submitted date and quarter, and the team and service a feedback link named. Free-text and
number answers get a fact too (with no option), so "answered" bases come from the same table; their
text never does. Facts are added in the same flush as the response, and ``rebuild`` recreates them
from the answers with one INSERT ... SELECT.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    case,
    cast,
    delete,
    event,
    func,
    insert,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from portal.extensions import db
from portal.forms_engine.models import Answer, Form, FormVersion, Response


class AnswerFact(db.Model):
    """One answer to one question, with everything a summary may be filtered or grouped by."""

    __tablename__ = "analytics_answer_fact"
    __table_args__ = (
        Index("ix_analytics_answer_fact_form_question", "form_slug", "question_key", "option_value"),
        Index("ix_analytics_answer_fact_form_date", "form_slug", "submitted_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("form_response.id", ondelete="CASCADE"), index=True)
    form_slug: Mapped[str] = mapped_column(String(100))
    form_kind: Mapped[str] = mapped_column(String(20))
    form_version: Mapped[int] = mapped_column(Integer)
    question_key: Mapped[str] = mapped_column(String(64))
    option_value: Mapped[str | None] = mapped_column(String(200), nullable=True)
    option_label: Mapped[str | None] = mapped_column(Text, nullable=True)
    channel: Mapped[str] = mapped_column(String(10))
    language: Mapped[str] = mapped_column(String(8))
    submitted_on: Mapped[dt.date] = mapped_column(Date)
    quarter: Mapped[str] = mapped_column(String(10))
    team: Mapped[str | None] = mapped_column(String(80), nullable=True)
    service: Mapped[str | None] = mapped_column(String(80), nullable=True)
    response: Mapped[Response] = relationship()


def quarter_of(day: dt.date) -> str:
    """The council's financial-year quarter of a day ("2019-20 Q2"), as feedback links write it."""
    from portal.feedback.context import quarter_of as financial_quarter

    return financial_quarter(day)


def _facts_for(response: Response, answers: list[Answer]) -> list[AnswerFact]:
    version = response.form_version or db.session.get(FormVersion, response.form_version_id)
    submitted = response.submitted_at or dt.datetime.now(dt.UTC)
    day = submitted.date()
    return [
        AnswerFact(
            response=response,
            form_slug=version.form.slug,
            form_kind=version.form.kind,
            form_version=version.number,
            question_key=answer.question_key,
            option_value=answer.value[:200] if answer.label is not None else None,
            option_label=answer.label,
            channel=response.channel,
            language=response.language or "en",
            submitted_on=day,
            quarter=quarter_of(day),
        )
        for answer in answers
    ]


def _before_flush(session: Session, _context, _instances) -> None:
    """Add a fact for each new answer, and copy a new feedback context onto its response's facts."""
    new_answers = [obj for obj in session.new if isinstance(obj, Answer)]
    by_response: dict[int, tuple[Response, list[Answer]]] = {}
    for answer in new_answers:
        if answer.response is None:
            continue
        by_response.setdefault(id(answer.response), (answer.response, []))[1].append(answer)
    for response, answers in by_response.values():
        for fact in _facts_for(response, answers):
            session.add(fact)
            response.__dict__.setdefault("_analytics_facts", []).append(fact)
    from portal.feedback.models import ResponseContext

    for obj in session.new:
        if isinstance(obj, ResponseContext):
            response = obj.response or session.get(Response, obj.response_id)
            pending = response.__dict__.get("_analytics_facts", []) if response is not None else []
            for fact in pending:
                fact.team, fact.service = obj.team, obj.service
                fact.quarter = obj.quarter or fact.quarter
            if response is not None and not pending and response.id is not None:
                values = {"team": obj.team, "service": obj.service}
                if obj.quarter:
                    values["quarter"] = obj.quarter
                session.execute(
                    AnswerFact.__table__.update()
                    .where(AnswerFact.response_id == response.id)
                    .values(**values)
                )


def listen() -> None:
    """Keep facts in step with stored answers (registered once per process)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)


def rebuild(slug: str | None = None) -> int:
    """Recreate the facts (for one form, or all) from the stored answers; returns how many."""
    from portal.feedback.models import ResponseContext

    bind = db.session.get_bind()
    submitted = Response.submitted_at
    if bind.dialect.name == "sqlite":
        day = func.date(submitted)
    else:
        day = cast(func.timezone("UTC", submitted), Date)
    # The financial-year quarter ("2019-20 Q2"), unless the feedback link named one.
    month = cast(func.extract("month", submitted), Integer)
    year = cast(func.extract("year", submitted), Integer)
    start = case((month >= 4, year), else_=year - 1)
    number = case((month <= 3, " Q4"), (month <= 6, " Q1"), (month <= 9, " Q2"), else_=" Q3")
    quarter = func.coalesce(
        ResponseContext.quarter,
        cast(start, String) + "-" + func.substr(cast(start + 1, String), 3, 2) + number,
    )
    source = (
        select(
            Answer.response_id,
            Form.slug,
            Form.kind,
            FormVersion.number,
            Answer.question_key,
            case((Answer.label.is_not(None), func.substr(Answer.value, 1, 200)), else_=None),
            Answer.label,
            Response.channel,
            Response.language,
            day,
            quarter,
            ResponseContext.team,
            ResponseContext.service,
        )
        .select_from(Answer)
        .join(Response, Answer.response_id == Response.id)
        .join(FormVersion, Response.form_version_id == FormVersion.id)
        .join(Form, FormVersion.form_id == Form.id)
        .outerjoin(ResponseContext, ResponseContext.response_id == Response.id)
    )
    clear = delete(AnswerFact)
    if slug is not None:
        source = source.where(Form.slug == slug)
        clear = clear.where(AnswerFact.form_slug == slug)
    db.session.execute(clear)
    columns = [
        "response_id",
        "form_slug",
        "form_kind",
        "form_version",
        "question_key",
        "option_value",
        "option_label",
        "channel",
        "language",
        "submitted_on",
        "quarter",
        "team",
        "service",
    ]
    db.session.execute(insert(AnswerFact).from_select(columns, source))
    count = select(func.count()).select_from(AnswerFact)
    if slug is not None:
        count = count.where(AnswerFact.form_slug == slug)
    total = db.session.scalar(count) or 0
    db.session.commit()
    return total
