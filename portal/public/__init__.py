"""Public pages every family can reach: the start page, privacy, cookies, accessibility, contact."""

from flask import Blueprint, Flask

bp = Blueprint("public", __name__, template_folder="templates")


def init_app(app: Flask) -> None:
    from portal.public import views  # noqa: F401  (registers the routes on bp)

    app.register_blueprint(bp)
