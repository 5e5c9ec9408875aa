"""Export and import of responses as rows: the same columns both ways, so a file round-trips exactly."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from portal.extensions import db
from portal.forms_engine.content import definition_of
from portal.forms_engine.models import Form, FormVersion, Response
from portal.forms_engine.store import build_response
from portal.forms_engine.tabular import (
    CHANNELS,
    META_COLUMNS,
    columns,
    is_blank,
    row_to_answers,
)

TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


class UnknownForm(LookupError):
    """No form has this slug."""


@dataclass
class ImportResult:
    """What an import did: how many responses were stored, or every problem found (and none stored)."""

    imported: int = 0
    problems: list[str] = field(default_factory=list)


def apply_mapping(
    header: list[str], rows: list[list[str]], mapping: dict
) -> tuple[list[str], list[list[str]], int]:
    """Rename another tool's columns and answers to ours; returns (header, rows, rows skipped)."""
    renames = mapping.get("columns") or {}
    skip = int(mapping.get("skip_rows") or 0)
    new_header = [renames.get(name, name) if name in renames else name for name in header]
    values = mapping.get("values") or {}
    mapped = []
    for row in rows[skip:]:
        cells = list(row)
        for i, name in enumerate(new_header):
            if name in values and i < len(cells):
                cells[i] = _map_cell(cells[i], values[name])
        mapped.append(cells)
    return new_header, mapped, skip


def _map_cell(cell: str, table: dict) -> str:
    parts = [p.strip() for p in cell.split(";")] if ";" in cell else [cell.strip()]
    return "; ".join(str(table.get(p, p)) for p in parts if p)


def import_csv(
    slug: str, text: str, channel: str, mapping: dict | None = None, entered_by: int | None = None
) -> ImportResult:
    """Check every row against the definition (routing included); store all rows or none."""
    versions = _versions(slug)
    reader = list(csv.reader(io.StringIO(text)))
    if not reader:
        return ImportResult(problems=["the file is empty"])
    header, body, skipped = reader[0], reader[1:], 0
    if mapping:
        header, body, skipped = apply_mapping(header, body, mapping)
    keep = [i for i, name in enumerate(header) if name is not None]
    header = [header[i].strip() for i in keep]
    latest = versions[max(versions)]
    known = set(columns(definition_of(latest), include_contact=True)) | set(META_COLUMNS)
    problems = [
        f"column '{name}' is not in the form (check its spelling)" for name in header if name not in known
    ]
    if len(set(header)) != len(header):
        problems.append("some columns appear more than once")
    if problems:
        return ImportResult(problems=problems)
    today = dt.date.today()
    seen_references: set[str] = set()
    prepared = []
    for number, cells in enumerate(body, start=2 + skipped):
        if not any(c.strip() for c in cells):
            continue
        row = {name: (cells[i] if i < len(cells) else "") for name, i in zip(header, keep, strict=True)}
        details, row_problems = _row_details(row, versions, channel, seen_references)
        version = details.pop("version", latest)
        answers, answer_problems = row_to_answers(definition_of(version), row, today)
        row_problems += [f"{p.field}: {p.message}" for p in answer_problems]
        if not row_problems and is_blank(answers):
            row_problems.append("the row has no answers")
        problems += [f"row {number}: {message}" for message in row_problems]
        prepared.append((version, answers, details))
    if problems:
        return ImportResult(problems=problems)
    for version, answers, details in prepared:
        build_response(version, answers, entered_by=entered_by, **details)
    db.session.commit()
    return ImportResult(imported=len(prepared))


def _versions(slug: str) -> dict[int, FormVersion]:
    form = db.session.scalar(select(Form).where(Form.slug == slug))
    if form is None or not form.versions:
        raise UnknownForm(slug)
    return {v.number: v for v in form.versions}


def _row_details(row: dict[str, str], versions: dict[int, FormVersion], channel: str, seen: set[str]):
    details: dict[str, Any] = {"channel": (row.get("channel") or "").strip() or channel}
    problems = []
    if details["channel"] not in CHANNELS:
        problems.append(f"channel: '{details['channel']}' is not one of {', '.join(CHANNELS)}")
    details["language"] = (row.get("language") or "").strip() or "en"
    reference = (row.get("reference") or "").strip()
    if reference:
        taken = db.session.scalar(select(Response.id).where(Response.reference == reference))
        if taken is not None or reference in seen:
            problems.append(f"reference: '{reference}' is already used by another response")
        seen.add(reference)
        details["reference"] = reference
    submitted = (row.get("submitted_at") or "").strip()
    if submitted:
        try:
            details["submitted_at"] = _parse_time(submitted)
        except ValueError:
            problems.append(f"submitted_at: '{submitted}' is not a time like 2019-07-01T09:30:00Z")
    number = (row.get("form_version") or "").strip()
    if number:
        if not number.isdigit() or int(number) not in versions:
            problems.append(f"form_version: there is no version '{number}' of this form")
        else:
            details["version"] = versions[int(number)]
    return details, problems


def _parse_time(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
