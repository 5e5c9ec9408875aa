"""Admins manage staff accounts: add, change role, deactivate, unlock, reset password or codes."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from portal.extensions import db
from portal.staff import accounts, bp
from portal.staff.admin_forms import ActionForm, NewUserForm, PasswordResetForm, RoleForm
from portal.staff.auth import role_required
from portal.staff.models import StaffUser
from portal.staff.signin import user_by_email

admin_required = role_required("admin")


def _user_or_404(user_id: int) -> StaffUser:
    user = db.session.get(StaffUser, user_id)
    if user is None:
        abort(404)
    return user


@bp.get("/users")
@admin_required
def users():
    """Everyone who can sign in to the staff area."""
    people = db.session.scalars(select(StaffUser).order_by(StaffUser.active.desc(), StaffUser.name)).all()
    return render_template("staff/users.html", people=people)


@bp.route("/users/new", methods=["GET", "POST"])
@admin_required
def new_user():
    """Add a member of staff."""
    form = NewUserForm()
    if form.validate_on_submit():
        if user_by_email(form.email.data) is not None:
            form.email.errors.append(_("There is already an account with this email address"))
        else:
            user = accounts.create_user(
                email=form.email.data, name=form.name.data, role=form.role.data, password=form.password.data
            )
            db.session.commit()
            flash(_("%(name)s can now sign in.", name=user.name), "success")
            return redirect(url_for("staff.user", user_id=user.id))
    return render_template("staff/user_new.html", form=form), 400 if form.errors else 200


@bp.get("/users/<int:user_id>")
@admin_required
def user(user_id: int):
    """One account, with the changes an admin can make."""
    person = _user_or_404(user_id)
    role_form = RoleForm(data={"role": person.role})
    password_form = PasswordResetForm()
    password_form.account_email, password_form.account_name = person.email, person.name
    return render_template(
        "staff/user.html",
        person=person,
        role_form=role_form,
        password_form=password_form,
        action_form=ActionForm(),
    )


@bp.post("/users/<int:user_id>/<change>")
@admin_required
def change_user(user_id: int, change: str):
    """Apply one change to an account; every change is audited."""
    person = _user_or_404(user_id)
    form = {"role": RoleForm, "password": PasswordResetForm}.get(change, ActionForm)()
    form.account_email, form.account_name = person.email, person.name
    if change not in {"role", "password", "deactivate", "reactivate", "unlock", "two-factor"}:
        abort(404)
    if not form.validate_on_submit():
        errors = (
            {"role_form": form}
            if change == "role"
            else {"password_form": form}
            if change == "password"
            else {}
        )
        page = {
            "role_form": RoleForm(data={"role": person.role}),
            "password_form": PasswordResetForm(formdata=None),
            **errors,
        }
        return render_template(
            "staff/user.html", person=person, action_form=ActionForm(), error_form=form, **page
        ), 400
    try:
        if change == "role":
            accounts.change_role(person, form.role.data)
        elif change == "password":
            accounts.reset_password(person, form.password.data)
        elif change in {"deactivate", "reactivate"}:
            accounts.set_active(person, change == "reactivate")
        elif change == "unlock":
            accounts.unlock(person)
        else:
            accounts.reset_two_factor(person)
    except accounts.LastAdminError:
        db.session.rollback()
        flash(_("You cannot do that: the staff area must keep at least one active administrator."))
        return redirect(url_for("staff.user", user_id=user_id))
    db.session.commit()
    flash(_("Account updated."), "success")
    return redirect(url_for("staff.user", user_id=user_id))
