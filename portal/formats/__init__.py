"""Alternative formats: a family asks for a consultation in large print, audio, Braille, on paper,
through a British Sign Language video call or in another language; officers work the requests, and
any questionnaire prints as a clean paper copy."""

from flask import Blueprint, Flask

bp = Blueprint("formats", __name__, template_folder="templates")
staff_bp = Blueprint(
    "formats_staff", __name__, url_prefix="/staff/alternative-formats", template_folder="templates"
)


def init_app(app: Flask) -> None:
    """Register the public pages, the staff queue and the retention handler."""
    from portal.formats import retention, staff_views, views  # noqa: F401  (register the routes)
    from portal.formats.easy_read import easy_read_available

    retention.register()
    app.add_template_global(easy_read_available, "easy_read_available")
    app.register_blueprint(bp)
    app.register_blueprint(staff_bp)
