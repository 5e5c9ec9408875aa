"""Care leavers: update contact details, ask a PA to call or text back, tell us something is wrong.

The forms are content (``portal/content/careleavers/``) answered on the shared journey. Each
answer also becomes a ``CallbackRequest`` in the personal advisers' queue (``/staff/care-leavers``),
and the assistant can make the same request through ``POST /api/v1/callback-requests``.
"""

import os

from flask import Blueprint, Flask

bp = Blueprint("careleavers", __name__, url_prefix="/care-leavers", template_folder="templates")


def init_app(app: Flask) -> None:
    from portal import forms_engine
    from portal.api import add_paths
    from portal.careleavers import views  # noqa: F401  (the public routes)
    from portal.careleavers.api import OPENAPI_PATHS, OPENAPI_SCHEMAS, api_bp
    from portal.careleavers.staff_views import staff_bp
    from portal.extensions import csrf

    app.config.setdefault(
        "CALLBACK_TARGET_WORKING_DAYS", int(os.environ.get("CALLBACK_TARGET_WORKING_DAYS", "2"))
    )
    app.config.setdefault("CALLBACK_HOLIDAYS", os.environ.get("CALLBACK_HOLIDAYS"))
    forms_engine.init_app(app)
    app.register_blueprint(bp)
    app.register_blueprint(staff_bp)
    csrf.exempt(api_bp)  # bearer-token API: no cookies, so no CSRF
    app.register_blueprint(api_bp)
    add_paths(app, OPENAPI_PATHS, OPENAPI_SCHEMAS)
