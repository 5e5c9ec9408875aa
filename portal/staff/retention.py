"""Retention: personal data is erased when its kind of record reaches its retention period.

The tables belong to other capabilities, so each registers an eraser for its kinds of record::

    register_retention_handler("feedback", erase_expired_feedback)

An eraser is called as ``fn(cutoff, is_held)``: it erases the personal data of records created
before ``cutoff`` (contact details, free text it marks as personal), keeps the answers
de-identified, skips every record for which ``is_held(record_id)`` is true (a legal hold), and
returns an ``Erasure`` for each record it changed. ``portal retention run`` calls every eraser and
writes the deletion log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from portal.extensions import db
from portal.staff import audit
from portal.staff.models import RETENTION_KINDS, DeletionLog, LegalHold, RetentionPolicy, utcnow

# Days after a record is made until its personal data is erased, unless an admin changes it.
DEFAULT_DAYS = {
    "consultation": 365,
    "feedback": 365,
    "careleaver_request": 730,
    "safeguarding_flag": 2190,
    "alternative_format_request": 365,
}


@dataclass(frozen=True)
class Erasure:
    """One record whose personal data was erased, and the names (never values) of what went."""

    record_id: str
    fields: tuple[str, ...]


RetentionHandler = Callable[[datetime, Callable[[str], bool]], list[Erasure]]
_handlers: dict[str, dict[str, RetentionHandler]] = {}


def register_retention_handler(kind: str, fn: RetentionHandler) -> None:
    """Register the function that erases expired personal data of ``kind`` (safe to call again)."""
    if kind not in RETENTION_KINDS:
        raise ValueError(f"unknown kind of record {kind!r}; add it to RETENTION_KINDS")
    _handlers.setdefault(kind, {})[f"{fn.__module__}.{fn.__qualname__}"] = fn


def handlers_for(kind: str) -> list[RetentionHandler]:
    return list(_handlers.get(kind, {}).values())


def load_default_policies() -> str:
    """Set-up step: make sure every kind of record has a retention period."""
    existing = set(db.session.scalars(select(RetentionPolicy.kind)))
    added = [kind for kind in RETENTION_KINDS if kind not in existing]
    for kind in added:
        db.session.add(RetentionPolicy(kind=kind, days=DEFAULT_DAYS[kind]))
    db.session.commit()
    return f"{len(added)} retention periods added" if added else "retention periods already set"


def policy_days(kind: str) -> int:
    policy = db.session.get(RetentionPolicy, kind)
    return policy.days if policy else DEFAULT_DAYS[kind]


def held_record_ids(kind: str) -> set[str]:
    """Records of ``kind`` under a legal hold that has not been released."""
    rows = db.session.scalars(
        select(LegalHold.record_id).where(LegalHold.kind == kind, LegalHold.released_at.is_(None))
    )
    return set(rows)


def log_erasure(kind: str, erasure: Erasure, *, trigger: str, user_id: int | None = None) -> None:
    db.session.add(
        DeletionLog(
            kind=kind,
            record_id=erasure.record_id,
            fields=list(erasure.fields),
            trigger=trigger,
            user_id=user_id,
        )
    )


def run_retention(now: datetime | None = None, user=None) -> dict[str, int]:
    """Erase personal data past its retention period, everywhere; returns records erased per kind."""
    now = now or utcnow()
    counts: dict[str, int] = {}
    for kind in RETENTION_KINDS:
        cutoff = now - timedelta(days=policy_days(kind))
        held = held_record_ids(kind)
        erased = 0
        for handler in handlers_for(kind):
            for erasure in handler(cutoff, held.__contains__):
                if erasure.record_id in held:
                    raise RuntimeError(f"{kind} eraser erased held record {erasure.record_id}")
                log_erasure(kind, erasure, trigger="retention", user_id=getattr(user, "id", None))
                erased += 1
        counts[kind] = erased
    audit.record("retention_run", detail={"erased": counts}, user=user)
    db.session.commit()
    return counts
