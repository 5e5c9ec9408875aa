"""Subject access and erasure: find everything held about a person by email or phone.

Each capability registers a finder for its own tables::

    register_subject_finder(find_people_in_callback_requests)

A finder is called as ``fn(email, phone)`` (either may be None; both already normalised) and
returns a ``SubjectRecord`` for each record that holds the person's data, with the data to
export and a function that erases the personal parts of that record.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from portal.staff import audit
from portal.staff.retention import Erasure, held_record_ids, log_erasure


@dataclass
class SubjectRecord:
    """One record that holds a person's data."""

    kind: str
    record_id: str
    summary: str
    data: dict[str, Any]
    erase: Callable[[], Erasure] = field(repr=False)


SubjectFinder = Callable[[str | None, str | None], list[SubjectRecord]]
_finders: dict[str, SubjectFinder] = {}


def register_subject_finder(fn: SubjectFinder) -> None:
    """Register a function that finds a person's records in one capability's tables (safe to call again)."""
    _finders[f"{fn.__module__}.{fn.__qualname__}"] = fn


def normalise_email(email: str | None) -> str | None:
    email = (email or "").strip().lower()
    return email or None


def normalise_phone(phone: str | None) -> str | None:
    """UK numbers in one form: digits only, starting 0 (so +44 7700 900123 matches 07700900123)."""
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    return digits or None


def phone_in(text: str, phone: str) -> bool:
    return normalise_phone(text) == phone


def find_subject(email: str | None, phone: str | None) -> list[SubjectRecord]:
    """Every registered record that holds this email address or phone number."""
    email, phone = normalise_email(email), normalise_phone(phone)
    if not email and not phone:
        return []
    found: list[SubjectRecord] = []
    for finder in _finders.values():
        found.extend(finder(email, phone))
    return found


def export_subject(records: list[SubjectRecord]) -> dict[str, Any]:
    """The subject access export: every record found, as JSON-ready data."""
    return {
        "records": [
            {"kind": r.kind, "record_id": r.record_id, "summary": r.summary, "data": r.data} for r in records
        ]
    }


def erase_subject(records: list[SubjectRecord], user) -> tuple[list[SubjectRecord], list[SubjectRecord]]:
    """Erase the person's data from every record not under legal hold: (erased, held)."""
    erased, held = [], []
    holds: dict[str, set[str]] = {}
    for record in records:
        if record.record_id in holds.setdefault(record.kind, held_record_ids(record.kind)):
            held.append(record)
            continue
        erasure = record.erase()
        log_erasure(record.kind, erasure, trigger="request", user_id=user.id)
        erased.append(record)
    audit.record(
        "subject_erased",
        detail={
            "erased": [[r.kind, r.record_id] for r in erased],
            "held": [[r.kind, r.record_id] for r in held],
        },
        user=user,
    )
    return erased, held
