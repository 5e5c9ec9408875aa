"""Service-user feedback: child protection conferences, EHCPs, children's own views, case closure.

The forms are content (``portal/content/feedback/``) answered on the same journey as
consultations; their answers land in the same response tables.
"""

from flask import Blueprint, Flask

bp = Blueprint("feedback", __name__, url_prefix="/feedback", template_folder="templates")


def init_app(app: Flask) -> None:
    from portal import forms_engine
    from portal.feedback import cli, views  # noqa: F401  (the routes)
    from portal.feedback.staff_views import staff_bp

    forms_engine.init_app(app)
    app.register_blueprint(bp)
    app.register_blueprint(staff_bp)
    app.cli.add_command(cli.feedback_group)
