"""Making and finishing alternative-format requests (pure of HTTP)."""

import secrets
from datetime import datetime

from sqlalchemy import select

from portal.core.models import utcnow
from portal.extensions import db
from portal.formats.models import FORMAT_CODES, AlternativeFormatRequest
from portal.staff import audit
from portal.staff.secretbox import seal, unseal

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference() -> str:
    """A short reference families can read out on the phone, e.g. AF-7KQ2MX."""
    return "AF-" + "".join(secrets.choice(_ALPHABET) for _ in range(6))


def make_request(
    form_slug: str,
    formats: list[str],
    name: str,
    contact: str,
    other_language: str | None,
    page_language: str,
) -> AlternativeFormatRequest:
    """Store a request with its name and contact details sealed; returns it committed."""
    chosen = [code for code in FORMAT_CODES if code in formats]
    if not chosen:
        raise ValueError("no format chosen")
    request = AlternativeFormatRequest(
        reference=new_reference(),
        form_slug=form_slug,
        formats=",".join(chosen),
        other_language=(other_language or "").strip() or None,
        name_sealed=seal(name.strip()),
        contact_sealed=seal(contact.strip()),
        page_language=page_language,
    )
    db.session.add(request)
    db.session.commit()
    return request


def open_requests() -> list[AlternativeFormatRequest]:
    return list(
        db.session.scalars(
            select(AlternativeFormatRequest)
            .where(AlternativeFormatRequest.done_at.is_(None))
            .order_by(AlternativeFormatRequest.created_at)
        )
    )


def contact_of(request: AlternativeFormatRequest) -> tuple[str, str]:
    """Unseal name and contact for an officer, recording that they looked."""
    audit.record(
        "alternative_format.contact_viewed", subject_type="alternative_format", subject_id=request.id
    )
    db.session.commit()
    name = unseal(request.name_sealed) if request.name_sealed else ""
    contact = unseal(request.contact_sealed) if request.contact_sealed else ""
    return name, contact


def mark_done(request: AlternativeFormatRequest, user, when: datetime | None = None) -> None:
    request.done_at = when or utcnow()
    request.done_by_id = user.id
    audit.record("alternative_format.done", subject_type="alternative_format", subject_id=request.id)
    db.session.commit()
