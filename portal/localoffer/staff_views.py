"""The editors' side of the Local Offer: queue, review-due list, create, edit, publish, retire."""

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.extensions import db
from portal.localoffer import staff_bp
from portal.localoffer.editing import (
    FLAG_PROBLEMS,
    create_service,
    history,
    mark_reviewed,
    open_flags,
    publish,
    resolve_flag,
    retire,
    review_due,
    save_draft,
)
from portal.localoffer.models import Service, ServiceFlag
from portal.localoffer.records import service_to_record
from portal.localoffer.staff_auth import current_editor, editor_required
from portal.localoffer.staff_forms import ActionForm, ServiceForm


def _service(slug: str) -> Service:
    service = db.session.scalar(sa.select(Service).where(Service.slug == slug))
    if service is None:
        abort(404)
    return service


@staff_bp.get("/")
@editor_required
def dashboard():
    """Flags from families, services due for review, and changes waiting to be published."""
    waiting = db.session.scalars(
        sa.select(Service)
        .where(sa.or_(Service.status == "draft", Service.pending_changes.is_not(None)))
        .order_by(Service.name)
    ).all()
    return render_template(
        "localoffer/staff/dashboard.html",
        flags=open_flags(),
        problems=FLAG_PROBLEMS,
        due=review_due(),
        waiting=waiting,
        form=ActionForm(),
    )


@staff_bp.get("/services")
@editor_required
def services():
    """Every service, whatever its status."""
    rows = db.session.scalars(sa.select(Service).order_by(Service.name)).all()
    return render_template("localoffer/staff/services.html", services=rows)


@staff_bp.route("/services/new", methods=["GET", "POST"])
@editor_required
def new_service():
    """Add a service as a draft."""
    form = ServiceForm()
    if form.validate_on_submit():
        if db.session.scalar(sa.select(Service.id).where(Service.slug == form.slug.data)):
            form.slug.errors.append(_("A service with this id already exists"))
        else:
            service = create_service(form.record(last_reviewed=None), current_editor())
            flash(_("Draft saved. Publish it when it has been checked."))
            return redirect(url_for("localoffer_staff.service", slug=service.slug))
    return render_template("localoffer/staff/edit.html", form=form, service=None)


@staff_bp.get("/services/<slug>")
@editor_required
def service(slug: str):
    """A service as editors see it: status, waiting changes and history."""
    item = _service(slug)
    return render_template(
        "localoffer/staff/service.html", service=item, history=history(item), form=ActionForm()
    )


@staff_bp.route("/services/<slug>/edit", methods=["GET", "POST"])
@editor_required
def edit_service(slug: str):
    """Change a service; on a live service the changes wait for publishing."""
    item = _service(slug)
    form = ServiceForm()
    if form.validate_on_submit():
        record = form.record(last_reviewed=item.last_reviewed.isoformat() if item.last_reviewed else None)
        record["id"] = item.slug
        save_draft(item, record, current_editor())
        flash(_("Changes saved. They show to families once published."))
        return redirect(url_for("localoffer_staff.service", slug=item.slug))
    if not form.is_submitted():
        form.fill(item.pending_changes or service_to_record(item))
    return render_template("localoffer/staff/edit.html", form=form, service=item)


def _action(slug: str, action) -> object:
    item = _service(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    action(item, current_editor())
    return redirect(url_for("localoffer_staff.service", slug=item.slug))


@staff_bp.post("/services/<slug>/publish")
@editor_required
def publish_service(slug: str):
    """Publish a draft or waiting changes."""
    return _action(slug, publish)


@staff_bp.post("/services/<slug>/retire")
@editor_required
def retire_service(slug: str):
    """Take a service off the public directory."""
    return _action(slug, retire)


@staff_bp.post("/services/<slug>/reviewed")
@editor_required
def review_service(slug: str):
    """Confirm a service is still correct."""
    return _action(slug, mark_reviewed)


@staff_bp.post("/flags/<int:flag_id>/resolve")
@editor_required
def resolve(flag_id: int):
    """Close a family's flag once dealt with."""
    flag = db.session.get(ServiceFlag, flag_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    resolve_flag(flag, current_editor())
    return redirect(url_for("localoffer_staff.dashboard"))
