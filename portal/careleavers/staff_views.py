"""The personal advisers' queue: new, in progress and done requests, overdue ones highlighted."""

from flask import Blueprint, abort, redirect, render_template, request, url_for
from sqlalchemy import select

from portal.careleavers import callbacks
from portal.careleavers.forms import MatchCaseForm, StatusForm
from portal.careleavers.models import KINDS, STATUS_LABELS, STATUSES, CallbackRequest
from portal.core.models import utcnow
from portal.extensions import db
from portal.forms_engine.crypto import decrypt
from portal.forms_engine.models import ContactDetail
from portal.safeguarding.staff_names import staff_id, staff_name
from portal.staff.audit import record
from portal.staff.auth import role_required

staff_bp = Blueprint(
    "careleavers_staff", __name__, url_prefix="/staff/care-leavers", template_folder="templates"
)
QUEUE_ROLES = ("pa", "officer")  # and admins


def _request_or_404(reference: str) -> CallbackRequest:
    found = db.session.scalar(select(CallbackRequest).where(CallbackRequest.reference == reference))
    if found is None:
        abort(404)
    return found


@staff_bp.get("/")
@role_required(*QUEUE_ROLES)
def queue():
    """One tab of the queue; overdue requests are marked."""
    status = request.args.get("status", "new")
    if status not in STATUSES:
        status = "new"
    now = utcnow()
    rows = [(r, callbacks.due_at(r), callbacks.is_overdue(r, now)) for r in callbacks.queue(status)]
    return render_template(
        "careleavers/queue.html",
        rows=rows,
        status=status,
        counts=callbacks.counts(),
        labels=STATUS_LABELS,
        kinds=KINDS,
        target_days=callbacks.target_days(),
    )


@staff_bp.get("/<reference>")
@role_required(*QUEUE_ROLES)
def detail(reference: str):
    """One request: what it is about, how to reach the person (a logged read) and its history."""
    callback = _request_or_404(reference)
    contact = {}
    if callback.response_id is not None:
        details = db.session.scalars(
            select(ContactDetail).where(ContactDetail.response_id == callback.response_id)
        )
        contact = {d.question_key: decrypt(d.value_encrypted) for d in details}
        record(
            "callback_request.view_contact",
            subject_type="callback_request",
            subject_id=callback.reference,
            detail={"fields": sorted(contact)},
        )
        db.session.commit()
    return render_template(
        "careleavers/request.html",
        callback=callback,
        contact=contact,
        answers={a.question_key: a.label or a.value for a in callback.response.answers}
        if callback.response
        else {},
        due_at=callbacks.due_at(callback),
        overdue=callbacks.is_overdue(callback),
        labels=STATUS_LABELS,
        kinds=KINDS,
        status_form=StatusForm(),
        match_form=MatchCaseForm(case_reference=callback.matched_case),
    )


@staff_bp.post("/<reference>/status")
@role_required(*QUEUE_ROLES)
def change_status(reference: str):
    """Pick up, put back, finish or reopen a request; every change is recorded."""
    callback = _request_or_404(reference)
    form = StatusForm()
    if not form.validate_on_submit():
        abort(400)
    previous = callback.status
    try:
        callbacks.change_status(callback, form.status.data, by_name=staff_name(), by_id=staff_id())
    except ValueError:
        abort(409)
    record(
        "callback_request.status",
        subject_type="callback_request",
        subject_id=callback.reference,
        detail={"from": previous, "to": callback.status},
    )
    db.session.commit()
    return redirect(url_for("careleavers_staff.detail", reference=reference), code=303)


@staff_bp.post("/<reference>/case")
@role_required(*QUEUE_ROLES)
def match_case(reference: str):
    """Record which case the request belongs to."""
    callback = _request_or_404(reference)
    form = MatchCaseForm()
    if not form.validate_on_submit():
        return detail(reference), 400
    callbacks.match_case(callback, form.case_reference.data, by_name=staff_name(), by_id=staff_id())
    record("callback_request.matched", subject_type="callback_request", subject_id=callback.reference)
    db.session.commit()
    return redirect(url_for("careleavers_staff.detail", reference=reference), code=303)
