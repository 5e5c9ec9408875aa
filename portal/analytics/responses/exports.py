"""Exports of responses, one row per response, streamed so memory stays flat however many there are.

Columns are the forms engine's (``tabular.columns``), so an export imports back with
``portal responses import``. Cells that a spreadsheet would run as a formula (leading = + - @) get
a ' in front in CSV and XLSX. The rows themselves are built in `export_rows`.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import IO

from portal.analytics.responses import export_rows
from portal.analytics.responses.export_rows import csv_field, neutralised
from portal.forms_engine.content import definition_of, latest_version
from portal.forms_engine.models import FormVersion
from portal.forms_engine.tabular import columns

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


def iter_rows(slug: str, include_contact: bool = False, *, encode=export_rows.as_is) -> Iterator[list[str]]:
    """The header, then one list of cells per response (oldest first), streamed; each cell passed
    through ``encode`` (`export_rows.as_is`, `neutralised` or `csv_field`)."""
    latest, names = export_columns(slug, include_contact)
    return export_rows.iter_rows(latest.form_id, names, include_contact, encode)


def csv_text(rows: Iterable[list[str]]) -> str:
    """Rows of `csv_field` cells as CSV text, one line each."""
    return "".join([",".join(row) + "\n" for row in rows])


def write_csv(rows: Iterator[list[str]], out: IO[str]) -> int:
    """Write rows of `csv_field` cells as CSV, a thousand at a time; returns the number of responses."""
    count = -1
    while chunk := list(islice(rows, 1000)):
        out.write(csv_text(chunk))
        count += len(chunk)
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
    """Write rows of `neutralised` cells as an Excel workbook in openpyxl's write-only mode (rows
    go straight to disk)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Responses")
    count = -1
    for row in rows:
        sheet.append(row)
        count += 1
    workbook.save(out)
    return max(count, 0)


def export(slug: str, fmt: str, out, include_contact: bool = False) -> int:
    """Write the export in ``fmt`` (csv, json: a text stream; xlsx: a binary stream)."""
    if fmt == "csv":
        return write_csv(iter_rows(slug, include_contact, encode=csv_field), out)
    if fmt == "json":
        return write_json(iter_rows(slug, include_contact), out)
    if fmt == "xlsx":
        return write_xlsx(iter_rows(slug, include_contact, encode=neutralised), out)
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
