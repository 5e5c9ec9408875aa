"""Data protection pages: reveal with reason, retention and legal holds, subject requests."""

import json

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.extensions import db
from portal.staff import audit, bp, personal_data, subjects
from portal.staff.admin_forms import (
    KIND_LABELS,
    LegalHoldForm,
    ReasonForm,
    SubjectSearchForm,
    retention_form_class,
)
from portal.staff.auth import role_required, safe_next
from portal.staff.models import RETENTION_KINDS, DeletionLog, LegalHold, RetentionPolicy, utcnow
from portal.staff.retention import policy_days
from portal.staff.signin import email_fingerprint

admin_required = role_required("admin")


@bp.route("/personal-data/<kind>/<record_id>", methods=["GET", "POST"])
@role_required("officer", "pa")
def reveal_personal_data(kind: str, record_id: str):
    """Ask why, record it, then go back to the record with its contact details shown."""
    if not personal_data.may_reveal(kind):
        abort(403)
    next_url = safe_next(request.args.get("next")) or url_for("staff.dashboard")
    form = ReasonForm()
    if form.validate_on_submit():
        personal_data.grant(kind, record_id, form.reason.data.strip())
        db.session.commit()
        return redirect(next_url)
    return render_template(
        "staff/reveal.html", form=form, kind=kind, record_id=record_id, next_url=next_url
    ), 400 if form.errors else 200


@bp.route("/retention", methods=["GET", "POST"])
@admin_required
def retention():
    """Retention periods per kind of record, legal holds and the deletion log."""
    form = retention_form_class()(data={kind: policy_days(kind) for kind in RETENTION_KINDS})
    if form.validate_on_submit():
        changes = {}
        for kind in RETENTION_KINDS:
            policy = db.session.get(RetentionPolicy, kind) or RetentionPolicy(kind=kind, days=0)
            new_days = getattr(form, kind).data
            if policy.days != new_days:
                changes[kind] = {"from": policy.days, "to": new_days}
                policy.days, policy.updated_at = new_days, utcnow()
                db.session.add(policy)
        if changes:
            audit.record("retention_changed", detail=changes)
        db.session.commit()
        flash(_("Retention periods saved."), "success")
        return redirect(url_for("staff.retention"))
    return _retention_page(form, LegalHoldForm(formdata=None))


def _retention_page(form, hold_form, status=None):
    holds = db.session.scalars(
        select(LegalHold).where(LegalHold.released_at.is_(None)).order_by(LegalHold.placed_at)
    ).all()
    deletions = db.session.scalars(
        select(DeletionLog).order_by(DeletionLog.occurred_at.desc()).limit(50)
    ).all()
    page = render_template(
        "staff/retention.html",
        form=form,
        hold_form=hold_form,
        error_form=hold_form if hold_form.errors else form,
        holds=holds,
        deletions=deletions,
        kind_labels=KIND_LABELS,
    )
    return page, status or (400 if form.errors or hold_form.errors else 200)


@bp.post("/retention/holds")
@admin_required
def place_hold():
    """Stop a record's personal data being erased until the hold is released."""
    hold_form = LegalHoldForm()
    if not hold_form.validate_on_submit():
        form = retention_form_class()(
            formdata=None, data={kind: policy_days(kind) for kind in RETENTION_KINDS}
        )
        return _retention_page(form, hold_form)
    hold = LegalHold(
        kind=hold_form.kind.data,
        record_id=hold_form.record_id.data.strip(),
        reason=hold_form.reason.data.strip(),
        placed_by=current_user.id,
    )
    db.session.add(hold)
    db.session.flush()
    audit.record("legal_hold_placed", subject_type=hold.kind, subject_id=hold.record_id, reason=hold.reason)
    db.session.commit()
    flash(_("Legal hold placed."), "success")
    return redirect(url_for("staff.retention"))


@bp.post("/retention/holds/<int:hold_id>/release")
@admin_required
def release_hold(hold_id: int):
    """Release a legal hold: the record's personal data is erased at the next retention run if expired."""
    from portal.staff.admin_forms import ActionForm

    hold = db.session.get(LegalHold, hold_id)
    if hold is None or hold.released_at is not None:
        abort(404)
    if ActionForm().validate_on_submit():
        hold.released_at, hold.released_by = utcnow(), current_user.id
        audit.record("legal_hold_released", subject_type=hold.kind, subject_id=hold.record_id)
        db.session.commit()
        flash(_("Legal hold released."), "success")
    return redirect(url_for("staff.retention"))


@bp.route("/subject-requests", methods=["GET", "POST"])
@admin_required
def subject_requests():
    """Find a person's data by email or phone, then export it or erase it."""
    form = SubjectSearchForm()
    if not form.validate_on_submit():
        return render_template(
            "staff/subject_requests.html", form=form, records=None
        ), 400 if form.errors else 200
    email, phone, reason = form.email.data, form.phone.data, form.reason.data.strip()
    records = subjects.find_subject(email, phone)
    searched = {
        "email_fingerprint": email_fingerprint(email) if (email or "").strip() else None,
        "phone_given": bool((phone or "").strip()),
        "found": len(records),
    }
    action = request.form.get("action", "search")
    if action == "export":
        audit.record("subject_exported", detail=searched, reason=reason)
        db.session.commit()
        body = json.dumps(subjects.export_subject(records), indent=2, ensure_ascii=False, default=str)
        return Response(
            body,
            mimetype="application/json",
            headers={
                "Content-Disposition": "attachment; filename=subject-access.json",
                "Cache-Control": "no-store",
            },
        )
    if action == "erase":
        if not form.confirm.data:
            form.confirm.errors = [_("Confirm you have checked the person's identity")]
            return render_template("staff/subject_requests.html", form=form, records=records), 400
        erased, held = subjects.erase_subject(records, current_user)
        audit.record("subject_erasure_requested", detail=searched, reason=reason)
        db.session.commit()
        flash(
            _(
                "Erased personal data from %(erased)d records. %(held)d records are under legal hold.",
                erased=len(erased),
                held=len(held),
            ),
            "success",
        )
        return redirect(url_for("staff.subject_requests"))
    audit.record("subject_searched", detail=searched, reason=reason)
    db.session.commit()
    return render_template("staff/subject_requests.html", form=form, records=records)
