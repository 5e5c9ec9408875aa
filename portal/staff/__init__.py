"""The staff area: sign-in, roles, the audit log and data protection (retention, subject requests).

Other capabilities protect their staff pages with ``portal.staff.auth.role_required`` and write
to the audit log with ``portal.staff.audit.record``.
"""

from flask import Blueprint, Flask, redirect, request, url_for

bp = Blueprint("staff", __name__, url_prefix="/staff", template_folder="templates")


def init_app(app: Flask) -> None:
    from portal.extensions import login_manager
    from portal.setup_steps import register_setup_step
    from portal.staff import audit_views, cli, data_views, oidc_views, users_views, views  # noqa: F401
    from portal.staff.api import api_bp
    from portal.staff.retention import load_default_policies
    from portal.staff.signin import load_user

    app.config.setdefault("STAFF_SIGN_IN_LIMIT", "10 per minute")
    app.config.setdefault("STAFF_ADMIN_TWO_FACTOR", True)
    app.register_blueprint(bp)
    app.register_blueprint(api_bp)
    login_manager.user_loader(load_user)
    login_manager.login_view = "staff.sign_in"
    login_manager.unauthorized_handler(_unauthorised)
    app.before_request(_staff_area_needs_sign_in)
    cli.init_app(app)
    register_setup_step(app, "retention periods", load_default_policies)
    _register_forms_engine_data()
    _register_safeguarding_data()


def _unauthorised():
    from portal.errors import api_error
    from portal.staff.auth import safe_next

    if request.path.startswith("/api/"):
        return api_error(401, "Sign in to use this.", code="unauthorised")
    return redirect(url_for("staff.sign_in", next=safe_next(request.full_path.rstrip("?"))))


def _staff_area_needs_sign_in():
    """Every /staff page other than the sign-in steps needs a signed-in person, whatever its own rule."""
    from flask_login import current_user

    from portal.staff.auth import is_public_endpoint

    if not request.path.startswith("/staff") or current_user.is_authenticated:
        return None
    if request.endpoint is None or is_public_endpoint(request.endpoint):
        return None
    return _unauthorised()


def _register_forms_engine_data() -> None:
    """Retention and subject requests cover the forms engine's responses when it is installed."""
    try:
        from portal.staff import forms_data
    except ImportError:  # pragma: no cover - depends on which capabilities are installed
        return
    from portal.staff import keys

    forms_data.register()
    keys.register_forms_engine_columns()


def _register_safeguarding_data() -> None:
    """Retention covers safeguarding flags when that capability is installed."""
    try:
        from portal.staff import safeguarding_data
    except ImportError:  # pragma: no cover - depends on which capabilities are installed
        return
    safeguarding_data.register()
