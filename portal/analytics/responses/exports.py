"""Exports of responses, one row per response, streamed so memory stays flat however many there are.

Responses and answers are read as two streams in response order and merged, so neither the rows
nor the answers are ever all in memory. Columns are the forms engine's (``tabular.columns``), so an
export imports back with ``portal responses import``. Cells that a spreadsheet would run as a
formula (leading = + - @) get a ' in front in CSV and XLSX.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import secrets
from collections.abc import Iterator
from typing import IO

from sqlalchemy import select

from portal.extensions import db
from portal.forms_engine import crypto
from portal.forms_engine.content import definition_of, latest_version
from portal.forms_engine.definition import SEPARATOR, FormDefinition, localise
from portal.forms_engine.models import Answer, ContactDetail, Form, FormVersion, Response
from portal.forms_engine.tabular import FORMULA_STARTS, columns

TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
BATCH = 10000
# Staff roles allowed to export responses row by row, and to include contact details.
ROW_EXPORT_ROLES = ("officer", "admin")
CONTACT_ROLES = ("officer", "admin")


class UnknownForm(LookupError):
    """No form has this slug."""


class NotAllowed(PermissionError):
    """The acting member of staff may not have this export."""


def check_export_allowed(role: str | None, include_contact: bool) -> None:
    """Raise NotAllowed unless this role may export rows (and contact details when asked for).

    ``role`` None means the server's operator at the command line, who may export answers but
    must name a permitted member of staff (``--as``) to include contact details.
    """
    if role is not None and role not in ROW_EXPORT_ROLES:
        raise NotAllowed(
            "Only officers and admins can export responses row by row. "
            "Analysts can use the summary report, which hides small numbers."
        )
    if include_contact and role not in CONTACT_ROLES:
        raise NotAllowed("Contact details can only be exported by an officer or admin (use --as EMAIL).")


def export_columns(slug: str, include_contact: bool = False) -> tuple[FormVersion, list[str]]:
    """The latest version of the form and its export columns."""
    version = latest_version(slug)
    if version is None:
        raise UnknownForm(slug)
    return version, columns(definition_of(version), include_contact)


def _label_maps(definition: FormDefinition) -> tuple[dict[str, dict[str, str]], set[str]]:
    """For one version: option value -> label as shown, per question; and the multiple-choice keys."""
    maps = {q.key: {o.value: localise(o.label) for o in q.options} for q in definition.questions if q.options}
    multiple = {q.key for q in definition.questions if q.type == "multiple_choice"}
    return maps, multiple


def _utc_text(moment) -> str:
    if isinstance(moment, str):  # SQLite hands back its stored text, always UTC: "2019-07-01 09:30:00.000000"
        return f"{moment[:10]}T{moment[11:19]}Z"
    moment = moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
    return moment.strftime(TIME_FORMAT)


def _stream(stmt) -> Iterator[tuple]:
    """A query's rows straight from the driver's cursor in batches: a server-side cursor on
    PostgreSQL, so neither database nor Python holds every row at once."""
    connection = db.session.connection()
    dialect = connection.dialect
    # Only integers (form ids) are bound, so literal SQL is safe and works for both drivers.
    sql = str(stmt.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
    raw = connection.connection.driver_connection
    if dialect.name == "postgresql":
        cursor = raw.cursor(name=f"export_{secrets.token_hex(6)}")
        cursor.itersize = BATCH
    else:
        cursor = raw.cursor()
    try:
        cursor.execute(sql)
        while batch := cursor.fetchmany(BATCH):
            yield from batch
    finally:
        cursor.close()


def iter_rows(slug: str, include_contact: bool = False) -> Iterator[list[str]]:
    """The header, then one list of cells per response (oldest first), streamed."""
    latest, names = export_columns(slug, include_contact)
    yield names
    index = {name: i for i, name in enumerate(names)}
    width = len(names)
    versions = {
        v.id: (str(v.number), *_label_maps(definition_of(v)))
        for v in db.session.scalars(select(FormVersion).where(FormVersion.form_id == latest.form_id))
    }
    in_form = (
        select(Response.id)
        .join(FormVersion, Response.form_version_id == FormVersion.id)
        .where(FormVersion.form_id == latest.form_id)
    )
    responses = _stream(
        select(
            Response.id,
            Response.reference,
            Response.submitted_at,
            Response.channel,
            Response.language,
            Response.form_version_id,
        )
        .where(Response.id.in_(in_form))
        .order_by(Response.id)
    )
    answers = _stream(
        select(Answer.response_id, Answer.question_key, Answer.value, Answer.write_in)
        .where(Answer.response_id.in_(in_form))
        .order_by(Answer.response_id, Answer.id)
    )
    contacts = (
        _stream(
            select(ContactDetail.response_id, ContactDetail.question_key, ContactDetail.value_encrypted)
            .where(ContactDetail.response_id.in_(in_form))
            .order_by(ContactDetail.response_id, ContactDetail.id)
        )
        if include_contact
        else iter(())
    )
    pending = next(answers, None)
    pending_contact = next(contacts, None)
    for response_id, reference, submitted_at, channel, language, version_id in responses:
        number, maps, multiple = versions[version_id]
        row = [""] * width
        row[0:5] = [reference, _utc_text(submitted_at), channel, language, number]
        while pending is not None and pending[0] < response_id:
            pending = next(answers, None)
        while pending is not None and pending[0] == response_id:
            _rid, key, value, write_in = pending
            pending = next(answers, None)
            position = index.get(key)
            if position is None:
                continue
            table = maps.get(key)
            text = table.get(value, value) if table else value
            if key in multiple and row[position]:
                row[position] += SEPARATOR + text
            else:
                row[position] = text
            if write_in and other_key_of(key) in index:
                row[index[other_key_of(key)]] = write_in
        while pending_contact is not None and pending_contact[0] < response_id:
            pending_contact = next(contacts, None)
        while pending_contact is not None and pending_contact[0] == response_id:
            _rid, key, encrypted = pending_contact
            if key in index:
                row[index[key]] = crypto.decrypt(encrypted)
            pending_contact = next(contacts, None)
        yield row


def other_key_of(key: str) -> str:
    """The write-in column of a question."""
    return f"{key}__other"


def _safe(row: list[str]) -> list[str]:
    """Cells a spreadsheet will not run as formulas (a leading = + - @ gets a ' in front)."""
    return ["'" + cell if cell and cell.startswith(FORMULA_STARTS) else cell for cell in row]


def write_csv(rows: Iterator[list[str]], out: IO[str]) -> int:
    """Write rows as CSV (formula-like cells neutralised); returns the number of responses."""
    writer = csv.writer(out, lineterminator="\n")
    count = -1
    for row in rows:
        writer.writerow(_safe(row))
        count += 1
    return max(count, 0)


def json_pieces(rows: Iterator[list[str]]) -> Iterator[str]:
    """A JSON list of objects keyed by column, as pieces of text, one response at a time."""
    names = next(rows)
    yield "["
    count = 0
    for row in rows:
        yield (",\n  " if count else "\n  ") + json.dumps(
            dict(zip(names, row, strict=True)), ensure_ascii=False
        )
        count += 1
    yield "\n]\n" if count else "]\n"


def write_json(rows: Iterator[list[str]], out: IO[str]) -> int:
    """Write a JSON list of objects keyed by column; returns the number of responses."""
    pieces = 0
    for piece in json_pieces(rows):
        out.write(piece)
        pieces += 1
    return max(pieces - 2, 0)


def write_xlsx(rows: Iterator[list[str]], out: IO[bytes]) -> int:
    """Write an Excel workbook in openpyxl's write-only mode (rows go straight to disk)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Responses")
    count = -1
    for row in rows:
        sheet.append(_safe(row))
        count += 1
    workbook.save(out)
    return max(count, 0)


def export(slug: str, fmt: str, out, include_contact: bool = False) -> int:
    """Write the export in ``fmt`` (csv, json: a text stream; xlsx: a binary stream)."""
    rows = iter_rows(slug, include_contact)
    if fmt == "csv":
        return write_csv(rows, out)
    if fmt == "json":
        return write_json(rows, out)
    if fmt == "xlsx":
        return write_xlsx(rows, out)
    raise ValueError(fmt)


def export_bytes(slug: str, fmt: str, include_contact: bool = False) -> bytes:
    """The whole export in memory (small forms, tests)."""
    if fmt == "xlsx":
        buffer = io.BytesIO()
        export(slug, fmt, buffer, include_contact)
        return buffer.getvalue()
    text = io.StringIO()
    export(slug, fmt, text, include_contact)
    return text.getvalue().encode("utf-8")


def form_exists(slug: str) -> bool:
    """True when a form has this slug."""
    return db.session.scalar(select(Form.id).where(Form.slug == slug)) is not None
