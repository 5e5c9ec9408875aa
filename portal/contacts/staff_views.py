"""Staff pages to keep the signposting numbers right: list them and change one."""

import datetime as dt

from flask import Blueprint, abort, redirect, render_template, url_for

from portal.contacts.content import all_contacts
from portal.contacts.forms import ContactForm
from portal.contacts.models import Contact
from portal.extensions import db
from portal.staff.audit import record
from portal.staff.auth import role_required

staff_bp = Blueprint("contacts_staff", __name__, url_prefix="/staff/contacts", template_folder="templates")
EDITORS = ("officer",)  # and admins
FIELDS = ("name", "phone", "hours", "url")


@staff_bp.get("/")
@role_required(*EDITORS)
def index():
    """Every contact, with when it was last checked."""
    return render_template("contacts/staff_list.html", contacts=all_contacts())


@staff_bp.route("/<key>", methods=["GET", "POST"])
@role_required(*EDITORS)
def edit(key: str):
    """Change one contact; the shipped file no longer overwrites it."""
    contact = db.session.get(Contact, key)
    if contact is None:
        abort(404)
    form = ContactForm(obj=contact)
    if form.validate_on_submit():
        changed = [f for f in FIELDS if (getattr(form, f).data or None) != getattr(contact, f)]
        for field in FIELDS:
            setattr(contact, field, (getattr(form, field).data or "").strip() or None)
        if form.checked_today.data:
            contact.last_checked = dt.date.today()
        contact.edited_by_staff = True
        record("contact.changed", subject_type="contact", subject_id=key, detail={"fields": changed})
        db.session.commit()
        return redirect(url_for("contacts_staff.index"), code=303)
    return render_template("contacts/staff_edit.html", contact=contact, form=form)
