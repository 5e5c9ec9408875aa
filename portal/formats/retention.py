"""Retention: after the period, a request's name and contact details are erased (the request is kept)."""

from datetime import datetime

from sqlalchemy import or_, select

from portal.extensions import db
from portal.formats.models import AlternativeFormatRequest
from portal.staff.retention import Erasure, register_retention_handler


def erase_expired_requests(cutoff: datetime, is_held) -> list[Erasure]:
    """Erase name and contact of requests made before ``cutoff``, unless under a legal hold."""
    rows = db.session.scalars(
        select(AlternativeFormatRequest)
        .where(AlternativeFormatRequest.created_at < cutoff)
        .where(
            or_(
                AlternativeFormatRequest.name_sealed.is_not(None),
                AlternativeFormatRequest.contact_sealed.is_not(None),
            )
        )
    ).all()
    erased = []
    for row in rows:
        if is_held(str(row.id)):
            continue
        fields = tuple(name for name in ("name_sealed", "contact_sealed") if getattr(row, name))
        row.name_sealed = row.contact_sealed = None
        erased.append(Erasure(record_id=str(row.id), fields=fields))
    return erased


def register() -> None:
    register_retention_handler("alternative_format_request", erase_expired_requests)
