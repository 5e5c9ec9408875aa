"""The staff area's JSON API: who is signed in, and (for admins) the staff list and audit events."""

from flask import Blueprint, jsonify, request
from flask_login import current_user
from sqlalchemy import select

from portal.extensions import db
from portal.staff.audit_log import AuditFilter, page_of_events
from portal.staff.auth import role_required, signed_in_required
from portal.staff.models import StaffUser

api_bp = Blueprint("staff_api", __name__, url_prefix="/api/v1/staff")


@api_bp.get("/me")
@signed_in_required
def me():
    """The signed-in member of staff and their role."""
    return jsonify({"id": current_user.id, "name": current_user.name, "role": current_user.role})


@api_bp.get("/users")
@role_required("admin")
def users():
    """Every staff account (admins only)."""
    people = db.session.scalars(select(StaffUser).order_by(StaffUser.id))
    return jsonify(
        {
            "data": [
                {"id": p.id, "email": p.email, "name": p.name, "role": p.role, "active": p.active}
                for p in people
            ]
        }
    )


@api_bp.get("/audit-events")
@role_required("admin")
def audit_events():
    """Newest audit events, 50 to a page (admins only)."""
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    events, more = page_of_events(AuditFilter(action=request.args.get("action") or None), page)
    return jsonify(
        {
            "data": [
                {
                    "occurred_at": e.occurred_at.isoformat(),
                    "user_id": e.user_id,
                    "action": e.action,
                    "subject_type": e.subject_type,
                    "subject_id": e.subject_id,
                    "detail": e.detail,
                    "reason": e.reason,
                    "ip_address": e.ip_address,
                }
                for e in events
            ],
            "next_page": page + 1 if more else None,
        }
    )
