"""Reveal with reason: staff see a family's contact details only after recording why.

A capability that shows personal data calls, in its view::

    from portal.staff.personal_data import may_see, reveal_url
    show = may_see("callback_request", request_id)
    ... render a "Show contact details" link to reveal_url("callback_request", request_id, request.path)

The reveal page asks for a reason, writes ``personal_data_viewed`` to the audit log with it,
and lets this person see this record's details for the next 15 minutes. Roles that may reveal
each kind are declared with ``register_personal_data``; analysts never can.
"""

from __future__ import annotations

import time

from flask import session, url_for
from flask_login import current_user

REVEAL_FOR_SECONDS = 15 * 60
DEFAULT_ROLES = ("officer", "admin")
_roles: dict[str, tuple[str, ...]] = {}


def register_personal_data(kind: str, roles: tuple[str, ...] = DEFAULT_ROLES) -> None:
    """Declare a kind of record with personal data and which roles may reveal it (never analysts)."""
    if "analyst" in roles:
        raise ValueError("analysts see aggregates only")
    _roles[kind] = tuple(roles)


def roles_for(kind: str) -> tuple[str, ...]:
    return _roles.get(kind, DEFAULT_ROLES)


def may_reveal(kind: str) -> bool:
    return current_user.is_authenticated and current_user.role in roles_for(kind)


def _key(kind: str, record_id) -> str:
    return f"{current_user.id}:{kind}:{record_id}"


def may_see(kind: str, record_id) -> bool:
    """True when the signed-in person gave a reason to see this record in the last 15 minutes."""
    if not may_reveal(kind):
        return False
    granted = session.get("staff_reveals", {}).get(_key(kind, record_id))
    return granted is not None and time.time() - granted < REVEAL_FOR_SECONDS


def grant(kind: str, record_id, reason: str) -> None:
    """Record the reason in the audit log and let this person see the record for a while."""
    from portal.staff import audit

    audit.record("personal_data_viewed", subject_type=kind, subject_id=record_id, reason=reason)
    now = time.time()
    reveals = {k: t for k, t in session.get("staff_reveals", {}).items() if now - t < REVEAL_FOR_SECONDS}
    reveals[_key(kind, record_id)] = now
    session["staff_reveals"] = reveals


def reveal_url(kind: str, record_id, next_url: str) -> str:
    """The page that asks for a reason before showing this record's personal data."""
    return url_for("staff.reveal_personal_data", kind=kind, record_id=record_id, next=next_url)
