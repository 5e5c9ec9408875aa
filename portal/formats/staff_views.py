"""The officers' queue of alternative-format requests."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.extensions import db
from portal.formats import staff_bp
from portal.formats.forms import FORMAT_LABELS
from portal.formats.models import AlternativeFormatRequest
from portal.formats.requests import contact_of, mark_done, open_requests
from portal.staff.auth import role_required


@staff_bp.get("/")
@role_required("officer")
def queue():
    """Requests not yet dealt with, oldest first."""
    return render_template("formats/staff_queue.html", requests=open_requests(), labels=FORMAT_LABELS)


@staff_bp.get("/<int:request_id>")
@role_required("officer")
def show(request_id: int):
    """One request with its contact details (the look is audited)."""
    request = db.session.get(AlternativeFormatRequest, request_id) or abort(404)
    name, contact = contact_of(request)
    return render_template(
        "formats/staff_request.html", item=request, name=name, contact=contact, labels=FORMAT_LABELS
    )


@staff_bp.post("/<int:request_id>/done")
@role_required("officer")
def done(request_id: int):
    request = db.session.get(AlternativeFormatRequest, request_id) or abort(404)
    mark_done(request, current_user)
    flash(_("Marked as dealt with."), "success")
    return redirect(url_for("formats_staff.queue"))
