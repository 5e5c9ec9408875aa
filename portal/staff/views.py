"""Signing in and out of the staff area, the second factor, and the staff dashboard."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.extensions import db, limiter
from portal.staff import bp, secretbox, signin, totp
from portal.staff.auth import public_route, safe_next, signed_in_required
from portal.staff.forms import CodeForm, SignInForm, SignOutForm
from portal.staff.sections import sections_for


def sign_in_limit() -> str:
    return current_app.config.get("STAFF_SIGN_IN_LIMIT", "10 per minute")


def _generic_failure(form) -> None:
    # The same words whatever went wrong, so nobody can learn which emails have accounts.
    form.email.errors.append(
        _(
            "Enter a correct email address and password. "
            "After 5 wrong tries the account is locked for 15 minutes."
        )
    )


def _after_password(user):
    needs_enrolment = user.role == "admin" and current_app.config.get("STAFF_ADMIN_TWO_FACTOR", True)
    if user.has_two_factor or needs_enrolment:
        next_url = safe_next(request.args.get("next"))
        signin.start_pending(user)
        db.session.commit()
        target = "staff.sign_in_code" if user.has_two_factor else "staff.sign_in_set_up_code"
        return redirect(url_for(target, next=next_url))
    return _finish(user)


def _finish(user):
    next_url = safe_next(request.args.get("next"))
    signin.complete_sign_in(user)
    return redirect(next_url or url_for("staff.dashboard"))


@bp.route("/sign-in", methods=["GET", "POST"])
@public_route("the way in")
@limiter.limit(sign_in_limit, methods=["POST"])
def sign_in():
    """Sign in with an email address and password."""
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("staff.dashboard"))
    form = SignInForm()
    if form.validate_on_submit():
        check = signin.check_password(form.email.data, form.password.data)
        if check.ok:
            return _after_password(check.user)
        db.session.commit()
        _generic_failure(form)
    from portal.staff import oidc

    return render_template(
        "staff/sign_in.html", form=form, oidc_enabled=oidc.enabled()
    ), 400 if form.errors else 200


@bp.route("/sign-in/code", methods=["GET", "POST"])
@public_route("second step of signing in; needs a passed password step")
@limiter.limit(sign_in_limit, methods=["POST"])
def sign_in_code():
    """Enter the code from an authenticator app."""
    user = signin.pending_user()
    if user is None or not user.has_two_factor:
        return redirect(url_for("staff.sign_in"))
    form = CodeForm()
    if form.validate_on_submit():
        if signin.check_code(user, form.code.data):
            return _finish(user)
        db.session.commit()
        form.code.errors.append(_("The code is not right. Check your authenticator app and try again."))
    return render_template("staff/sign_in_code.html", form=form), 200 if not form.errors else 400


@bp.route("/sign-in/set-up-code", methods=["GET", "POST"])
@public_route("admins set up their second factor before they are signed in; needs a passed password step")
@limiter.limit(sign_in_limit, methods=["POST"])
def sign_in_set_up_code():
    """Admins must set up an authenticator app before their first sign-in completes."""
    from flask import session

    user = signin.pending_user()
    if user is None or user.has_two_factor:
        return redirect(url_for("staff.sign_in"))
    return _enrol(user, session, finish=True)


@bp.route("/two-step-sign-in", methods=["GET", "POST"])
@signed_in_required
def two_factor():
    """Set up (or replace) codes from an authenticator app for the signed-in person."""
    from flask import session

    return _enrol(current_user, session, finish=False)


def _enrol(user, session, *, finish: bool):
    from portal.staff import audit

    sealed = session.get("staff_new_totp")
    if not sealed or request.method == "GET":
        sealed = session["staff_new_totp"] = secretbox.seal(totp.new_secret())
    secret = secretbox.unseal(sealed)
    form = CodeForm()
    if form.validate_on_submit():
        step = totp.matching_step(secret, form.code.data)
        if step is not None:
            user.totp_secret = secretbox.seal(secret)
            user.totp_last_step = step
            session.pop("staff_new_totp", None)
            audit.record("two_factor_enrolled", subject_type="staff_user", subject_id=user.id, user=user)
            if finish:
                return _finish(user)
            db.session.commit()
            flash(_("Two-step sign-in is set up."), "success")
            return redirect(url_for("staff.dashboard"))
        form.code.errors.append(_("The code is not right. Check you typed the key correctly and try again."))
    return render_template(
        "staff/set_up_code.html",
        form=form,
        key=totp.grouped(secret),
        uri=totp.provisioning_uri(secret, user.email),
        finish=finish,
        account=user.email,
    ), 200 if not form.errors else 400


@bp.post("/sign-out")
@signed_in_required
def sign_out():
    """Sign out and end the session everywhere."""
    form = SignOutForm()
    if form.validate_on_submit():
        signin.sign_out(current_user._get_current_object())
        flash(_("You have signed out."), "success")
    return redirect(url_for("staff.sign_in"))


@bp.get("/")
@signed_in_required
def dashboard():
    """The staff area's front page: the sections this person may use."""
    return render_template("staff/dashboard.html", sections=sections_for(current_user.role))
