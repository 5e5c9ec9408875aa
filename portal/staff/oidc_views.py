"""Signing in through the council's identity provider (OpenID Connect), when configured."""

import logging

from flask import abort, render_template, request, session, url_for

from portal.extensions import db, limiter
from portal.staff import audit, bp, oidc, signin
from portal.staff.auth import public_route
from portal.staff.models import StaffUser
from portal.staff.passwords import NO_PASSWORD
from portal.staff.views import _finish, sign_in_limit

log = logging.getLogger(__name__)


def _redirect_uri() -> str:
    return url_for("staff.sign_in_oidc_callback", _external=True)


@bp.get("/sign-in/oidc")
@public_route("starts single sign-on; only redirects to the identity provider")
@limiter.limit(sign_in_limit)
def sign_in_oidc():
    """Go to the council's sign-in page."""
    from flask import redirect

    if not oidc.enabled():
        abort(404)
    address, pending = oidc.start(_redirect_uri())
    session["staff_oidc"] = pending
    return redirect(address)


@bp.get("/sign-in/oidc/callback")
@public_route("the identity provider returns here; state, nonce and the signed ID token are checked")
@limiter.limit(sign_in_limit)
def sign_in_oidc_callback():
    """Come back from the council's sign-in page and sign in as the matching member of staff."""
    if not oidc.enabled():
        abort(404)
    pending = session.pop("staff_oidc", None)
    try:
        email, role, claims = oidc.finish(
            code=request.args.get("code", ""),
            state=request.args.get("state", ""),
            pending=pending,
            redirect_uri=_redirect_uri(),
        )
    except oidc.SignOnError as error:
        log.warning("Single sign-on refused: %s", error)
        audit.record("sign_in_failed", detail={"why": "single sign-on", "error": str(error)[:200]})
        db.session.commit()
        return render_template("staff/sign_on_refused.html"), 403
    user = signin.user_by_email(email)
    if user is None:
        user = StaffUser(email=email, name=claims.get("name", "")[:200], role=role, password_hash=NO_PASSWORD)
        db.session.add(user)
        db.session.flush()
        audit.record(
            "user_created",
            subject_type="staff_user",
            subject_id=user.id,
            detail={"role": role, "by": "single sign-on"},
            user=user,
        )
    elif not user.active:
        audit.record(
            "sign_in_failed",
            subject_type="staff_user",
            subject_id=user.id,
            detail={"why": "inactive"},
            user=user,
        )
        db.session.commit()
        return render_template("staff/sign_on_refused.html"), 403
    elif user.role != role:
        audit.record(
            "user_role_changed",
            subject_type="staff_user",
            subject_id=user.id,
            detail={"from": user.role, "to": role, "by": "single sign-on"},
            user=user,
        )
        user.role = role
    return _finish(user)
