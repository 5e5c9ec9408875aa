"""Front-end assets built from the npm registry's GOV.UK Frontend by ``make setup``.

``portal/static/build/`` holds the compiled stylesheet, GOV.UK Frontend's JavaScript and its
fonts and images (served at ``/assets/``, the path GOV.UK Frontend's CSS expects).
"""

from pathlib import Path

from flask import Flask, send_from_directory

BUILD_DIR = Path(__file__).parent / "static" / "build"


def init_app(app: Flask) -> None:
    app.add_url_rule("/assets/<path:filename>", endpoint="govuk_assets", view_func=_govuk_asset)


def _govuk_asset(filename: str):
    """Serve a GOV.UK Frontend image, icon or manifest."""
    return send_from_directory(BUILD_DIR / "assets", filename, max_age=60 * 60 * 24)
