"""Staff list of safeguarding flags: newest first, marked as seen by the person who read them."""

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_wtf import FlaskForm

from portal.core.models import utcnow
from portal.extensions import db
from portal.safeguarding.flags import flags
from portal.safeguarding.models import FLAG_STATUSES, SafeguardingFlag
from portal.safeguarding.staff_names import staff_id, staff_name
from portal.staff.audit import record
from portal.staff.auth import role_required
from safeguarding_rules import CATEGORY_LABELS

bp = Blueprint("safeguarding", __name__, url_prefix="/staff/safeguarding", template_folder="templates")
STAFF_ROLES = ("officer", "pa")  # and admins


@bp.get("/")
@role_required(*STAFF_ROLES)
def index():
    """Every flag, newest first; new ones stand out."""
    status = request.args.get("status")
    if status not in FLAG_STATUSES:
        status = None
    return render_template(
        "safeguarding/flags.html",
        flags=flags(status),
        status=status,
        labels=CATEGORY_LABELS,
        form=FlaskForm(),
    )


@bp.post("/<int:flag_id>/status")
@role_required(*STAFF_ROLES)
def change_status(flag_id: int):
    """Mark a flag as seen (someone is acting on it) or closed."""
    form = FlaskForm()
    new_status = request.form.get("status")
    flag = db.session.get(SafeguardingFlag, flag_id)
    if flag is None:
        abort(404)
    if not form.validate_on_submit() or new_status not in FLAG_STATUSES:
        abort(400)
    previous, flag.status = flag.status, new_status
    if new_status != "new" and flag.seen_at is None:
        flag.seen_by, flag.seen_by_id, flag.seen_at = staff_name(), staff_id(), utcnow()
    record(
        "safeguarding_flag.status",
        subject_type="safeguarding_flag",
        subject_id=flag.id,
        detail={"from": previous, "to": new_status},
    )
    db.session.commit()
    return redirect(url_for("safeguarding.index"))
