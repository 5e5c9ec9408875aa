"""Reading the audit log: filters, pages and a CSV export safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, func, select

from portal.extensions import db
from portal.staff.models import AuditEvent

PAGE_SIZE = 50
CSV_COLUMNS = [
    "occurred_at",
    "user_id",
    "user_email",
    "action",
    "subject_type",
    "subject_id",
    "detail",
    "reason",
    "ip_address",
    "user_agent",
]


def parse_uk_date(text: str | None) -> date | None:
    """A date typed as 1/8/2026, 01/08/2026 or 2026-08-01; None if empty or not a date."""
    text = (text or "").strip()
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            return date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
    except ValueError:
        return None
    return None


@dataclass(frozen=True)
class AuditFilter:
    action: str | None = None
    who: str | None = None
    subject: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    def as_dict(self) -> dict:
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in self.__dict__.items() if v}


def filtered(query_filter: AuditFilter) -> Select:
    query = select(AuditEvent)
    if query_filter.action:
        query = query.where(AuditEvent.action == query_filter.action)
    if query_filter.who:
        query = query.where(
            func.lower(AuditEvent.user_email).contains(query_filter.who.lower(), autoescape=True)
        )
    if query_filter.subject:
        query = query.where(AuditEvent.subject_id == query_filter.subject)
    if query_filter.date_from:
        query = query.where(AuditEvent.occurred_at >= datetime.combine(query_filter.date_from, time(), UTC))
    if query_filter.date_to:
        end = datetime.combine(query_filter.date_to + timedelta(days=1), time(), UTC)
        query = query.where(AuditEvent.occurred_at < end)
    return query.order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())


def page_of_events(query_filter: AuditFilter, page: int) -> tuple[list[AuditEvent], bool]:
    """One page of events, newest first, and whether there is a next page."""
    query = filtered(query_filter).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)
    events = db.session.scalars(query).all()
    return events[:PAGE_SIZE], len(events) > PAGE_SIZE


def known_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))


def spreadsheet_safe(value) -> str:
    """Text that a spreadsheet will not run as a formula (a leading = + - @ is neutralised)."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def events_csv(query_filter: AuditFilter) -> str:
    import json

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for event in db.session.scalars(filtered(query_filter)):
        row = []
        for column in CSV_COLUMNS:
            value = getattr(event, column)
            if column == "detail" and value is not None:
                value = json.dumps(value, sort_keys=True)
            elif column == "occurred_at":
                value = value.isoformat()
            row.append(spreadsheet_safe(value))
        writer.writerow(row)
    return buffer.getvalue()
