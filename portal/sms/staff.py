"""Staff pages for text messages: dead letters with a retry button, and open alerts."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.extensions import db
from portal.outbox.models import OutboxMessage
from portal.outbox.service import dead_letters, retry_dead
from portal.sms import alerts
from portal.sms.access import staff_only

staff_bp = Blueprint("sms_staff", __name__, url_prefix="/staff/sms", template_folder="templates")


def _audit(action: str, subject_type: str, subject_id: int) -> None:
    try:
        from portal.staff.audit import record
    except ImportError:  # pragma: no cover - without the staff capability there is no audit log
        return
    record(action, subject_type=subject_type, subject_id=subject_id)


@staff_bp.get("/", endpoint="dead_letters")
@staff_only
def dead_letters_page():
    """Messages that could not be sent, and alerts about floods, the spend cap or the assistant."""
    query = select(OutboxMessage.status, func.count(OutboxMessage.id)).group_by(OutboxMessage.status)
    counts = dict(db.session.execute(query).all())
    return render_template(
        "sms/staff/dead_letters.html",
        messages=dead_letters(),
        alerts=alerts.open_alerts(),
        counts=counts,
    )


@staff_bp.post("/messages/<int:message_id>/retry")
@staff_only
def retry(message_id: int):
    """Try a dead or failed message again from the start."""
    if not retry_dead(message_id):
        abort(404)
    _audit("sms.retry_message", "outbox_message", message_id)
    db.session.commit()
    flash(_("Message %(id)s will be sent again.", id=message_id), "success")
    return redirect(url_for("sms_staff.dead_letters"))


@staff_bp.post("/alerts/<int:alert_id>/resolve")
@staff_only
def resolve_alert(alert_id: int):
    """Mark an alert as dealt with."""
    if not alerts.resolve(alert_id):
        abort(404)
    _audit("sms.resolve_alert", "sms_alert", alert_id)
    db.session.commit()
    return redirect(url_for("sms_staff.dead_letters"))
