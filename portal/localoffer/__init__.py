"""The Local Offer: a directory of services for children and young people with SEND, short
breaks and care leavers. Public search and service pages, a JSON API, Open Referral UK
import and export, and the editors' side under /staff/local-offer."""

from flask import Blueprint, Flask

bp = Blueprint(
    "localoffer",
    __name__,
    url_prefix="/local-offer",
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
)
api_bp = Blueprint("localoffer_api", __name__, url_prefix="/api/v1")
staff_bp = Blueprint(
    "localoffer_staff", __name__, url_prefix="/staff/local-offer", template_folder="templates"
)


def init_app(app: Flask) -> None:
    from portal.localoffer import api, cli, staff_views, views  # noqa: F401  (routes on the blueprints)
    from portal.localoffer.seed import setup_step
    from portal.setup_steps import register_setup_step

    app.register_blueprint(bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(staff_bp)
    app.cli.add_command(cli.localoffer)
    register_setup_step(app, "localoffer", setup_step)
    api.register_openapi(app)
