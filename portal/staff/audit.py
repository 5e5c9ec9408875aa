"""The audit log: who did what, to what, when and from where. Rows are added, never changed.

Other capabilities call ``record(...)`` in the same transaction as the change they make, so
the change and its audit row are committed (or rolled back) together.
"""

from __future__ import annotations

from flask import has_request_context, request
from flask_login import current_user

from portal.extensions import db
from portal.staff.models import AuditEvent


def record(
    action: str,
    *,
    subject_type: str | None = None,
    subject_id: str | int | None = None,
    detail: dict | None = None,
    reason: str | None = None,
    user=None,
) -> AuditEvent:
    """Add an audit event for the signed-in person (or ``user``) to the current transaction.

    ``detail`` must never hold a family's contact details: name the record, not its content.
    """
    event = AuditEvent(
        action=action,
        subject_type=subject_type,
        subject_id=None if subject_id is None else str(subject_id),
        detail=detail,
        reason=reason,
    )
    who = user
    if who is None and has_request_context() and current_user and current_user.is_authenticated:
        who = current_user
    if who is not None:
        event.user_id = who.id
        event.user_email = who.email
    if has_request_context():
        event.ip_address = request.remote_addr
        event.user_agent = (request.user_agent.string or "")[:500] or None
    db.session.add(event)
    return event
