"""Retention for safeguarding flags: after the period, the words that raised the flag are erased.

The flag itself (when, where from, categories, what staff did) is kept for the record; the
message text and matched words, which may say who the person is, go. Records are named by the
flag's number, which is what a legal hold names.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select

from portal.extensions import db
from portal.safeguarding.models import SafeguardingFlag
from portal.staff.retention import Erasure, register_retention_handler


def erase_expired_flags(cutoff: datetime, is_held) -> list[Erasure]:
    """Erase the text of flags made before ``cutoff`` that still hold any."""
    flags = db.session.scalars(
        select(SafeguardingFlag)
        .where(SafeguardingFlag.created_at < cutoff)
        .where(or_(SafeguardingFlag.text.is_not(None), SafeguardingFlag.matched != ""))
    ).all()
    erased = []
    for flag in flags:
        if is_held(str(flag.id)):
            continue
        fields = tuple(name for name in ("text", "matched") if getattr(flag, name))
        flag.text, flag.matched = None, ""
        erased.append(Erasure(record_id=str(flag.id), fields=fields))
    return erased


def register() -> None:
    register_retention_handler("safeguarding_flag", erase_expired_flags)
