"""Rows of an export, one per response, built from two streams merged in response order.

Responses and answers are read as two ordered cursors (a server-side cursor on PostgreSQL), so
neither the rows nor the answers are ever all in memory. The merge runs once per answer, so it is
kept to a dict lookup and an assignment: each version's questions are worked out once (`_cells`:
column, labels as shown), and each cell is encoded for its format as it is filled, with option
labels encoded once per version. An encoder is `as_is` (JSON), `neutralised` (Excel) or
`csv_field` (CSV: neutralised, then quoted as the csv module quotes it), so a CSV row is ready to
be joined with commas and no pass over every cell is needed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import secrets
from collections.abc import Callable, Iterator
from itertools import chain
from typing import NamedTuple

from sqlalchemy import select

from portal.extensions import db
from portal.forms_engine import crypto
from portal.forms_engine.content import definition_of
from portal.forms_engine.definition import SEPARATOR, FormDefinition, localise
from portal.forms_engine.models import Answer, ContactDetail, FormVersion, Response
from portal.forms_engine.tabular import FORMULA_STARTS

TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
BATCH = 10000
Encoder = Callable[[str], str]


def as_is(cell: str) -> str:
    """Cells for JSON: as they are."""
    return cell


def neutralised(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (a leading = + - @ gets a ' in front)."""
    return "'" + cell if cell and cell.startswith(FORMULA_STARTS) else cell


# The csv module quotes a field holding the delimiter, the quote character or a line break; any
# other field it writes as it is.
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def csv_field(cell: str) -> str:
    """A neutralised cell written exactly as ``csv.writer`` (minimal quoting) writes it."""
    cell = neutralised(cell)
    if not cell:
        return cell or ""  # None is written as an empty field
    if _NEEDS_QUOTES.search(cell) is None:
        return cell
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(["", cell])
    return buffer.getvalue()[1:-1]


class _Cell(NamedTuple):
    """Where and how one question's answers land in a row, for one form version."""

    position: int
    labels: dict[str, str] | None  # option value -> label as shown
    shown: dict[str, str] | None  # the same labels, encoded
    multiple: bool
    other: int | None  # the write-in's column


def _cells(definition: FormDefinition, index: dict[str, int], encode: Encoder) -> dict[str, _Cell]:
    """Question key -> its cell, for every column (answers to keys without one are skipped)."""
    labels = {
        q.key: {o.value: localise(o.label) for o in q.options} for q in definition.questions if q.options
    }
    multiple = {q.key for q in definition.questions if q.type == "multiple_choice"}
    cells = {}
    for key, position in index.items():
        shown = labels.get(key)
        encoded = {value: encode(label) for value, label in shown.items()} if shown else None
        cells[key] = _Cell(position, shown, encoded, key in multiple, index.get(f"{key}__other"))
    return cells


def _utc_text(moment) -> str:
    if isinstance(moment, str):  # SQLite hands back its stored text, always UTC: "2019-07-01 09:30:00.000000"
        return f"{moment[:10]}T{moment[11:19]}Z"
    moment = moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
    return moment.strftime(TIME_FORMAT)


def _stream(stmt) -> Iterator[tuple]:
    """A query's rows straight from the driver's cursor in batches: a server-side cursor on
    PostgreSQL, so neither database nor Python holds every row at once. Rows are taken out of each
    batch by C code (itertools.chain), not a Python generator step per row."""
    return chain.from_iterable(_batches(stmt))


def _batches(stmt) -> Iterator[list[tuple]]:
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
            yield batch
    finally:
        cursor.close()


def iter_rows(
    form_id: int, names: list[str], include_contact: bool = False, encode: Encoder = as_is
) -> Iterator[list[str]]:
    """The header, then one list of cells per response of the form (oldest first), each cell
    passed through ``encode``."""
    yield [encode(name) for name in names]
    index = {name: i for i, name in enumerate(names)}
    blank = [""] * (len(names) - 5)
    versions = {}
    for version in db.session.scalars(select(FormVersion).where(FormVersion.form_id == form_id)):
        cells = _cells(definition_of(version), index, encode)
        several = [cell.position for cell in cells.values() if cell.multiple]
        versions[version.id] = (encode(str(version.number)), cells, several)
    in_form = (
        select(Response.id)
        .join(FormVersion, Response.form_version_id == FormVersion.id)
        .where(FormVersion.form_id == form_id)
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
    contacts = None
    if include_contact:
        stream = _stream(
            select(ContactDetail.response_id, ContactDetail.question_key, ContactDetail.value_encrypted)
            .where(ContactDetail.response_id.in_(in_form))
            .order_by(ContactDetail.response_id, ContactDetail.id)
        )
        contacts = _Contacts(stream, index, encode)

    def start(response: tuple) -> tuple[list[str], dict[str, _Cell], list[int]]:
        _id, reference, submitted_at, channel, language, version_id = response
        number, cells, several = versions[version_id]
        row = [encode(reference), encode(_utc_text(submitted_at)), encode(channel), encode(language), number]
        return row + blank, cells, several

    def done(row: list[str], response_id: int, several: list[int]) -> list[str]:
        for position in several:  # several choices are joined as shown, then encoded as one cell
            if row[position]:
                row[position] = encode(row[position])
        return contacts.fill(row, response_id) if contacts else row

    waiting = next(responses, None)
    row: list[str] | None = None
    row_id = None
    cells: dict[str, _Cell] = {}
    several: list[int] = []
    for response_id, key, value, write_in in answers:
        if response_id != row_id:
            if row is not None:
                yield done(row, row_id, several)
            while waiting is not None and waiting[0] < response_id:  # responses without answers
                yield done(start(waiting)[0], waiting[0], [])
                waiting = next(responses, None)
            row_id = response_id
            if waiting is not None and waiting[0] == response_id:
                row, cells, several = start(waiting)
                waiting = next(responses, None)
            else:  # answers of a response stored after the export began: not in it
                row, cells, several = None, {}, []
        cell = cells.get(key)
        if cell is None:
            continue
        position, labels, shown, multiple, other = cell
        if multiple:
            text = labels.get(value, value) if labels else value
            row[position] = row[position] + SEPARATOR + text if row[position] else text
        elif shown:
            text = shown.get(value)
            row[position] = encode(value) if text is None else text
        else:
            row[position] = encode(value)
        if write_in and other is not None:
            row[other] = encode(write_in)
    if row is not None:
        yield done(row, row_id, several)
    while waiting is not None:
        yield done(start(waiting)[0], waiting[0], [])
        waiting = next(responses, None)


class _Contacts:
    """Contact details merged into rows by response id (a third stream in the same order)."""

    def __init__(self, stream: Iterator[tuple], index: dict[str, int], encode: Encoder) -> None:
        self.stream, self.index, self.encode = stream, index, encode
        self.pending = next(stream, None)

    def fill(self, row: list[str], response_id: int) -> list[str]:
        while self.pending is not None and self.pending[0] < response_id:
            self.pending = next(self.stream, None)
        while self.pending is not None and self.pending[0] == response_id:
            _rid, key, encrypted = self.pending
            if key in self.index:
                row[self.index[key]] = self.encode(crypto.decrypt(encrypted))
            self.pending = next(self.stream, None)
        return row
