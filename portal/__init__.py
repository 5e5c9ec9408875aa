"""The family voice portal: consultations, feedback, care-leaver contact, Local Offer and staff area."""

import importlib
import logging
import os
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

from portal import config as settings
from portal.extensions import babel, csrf, db, limiter, login_manager, migrate
from portal.templating import PortalEnvironment

# Each capability package exposes init_app(app): its blueprints, commands and setup steps.
CAPABILITIES = [
    "portal.public",
    "portal.api",
    "portal.localoffer",
    "portal.contacts",
    "portal.safeguarding",
    "portal.consultations",
    "portal.feedback",
    "portal.careleavers",
    "portal.staff",
    "portal.analytics",
    "portal.chat",
    "portal.outbox",
    "portal.sms",
    "portal.themes",
    "portal.formats",
]


def create_app(test_config: dict | None = None, instance_path: str | None = None) -> Flask:
    """Create and configure the portal application.

    ``instance_path`` (default ``instance/`` beside the package) holds the SQLite database and the
    secrets generated on first run; tests pass a throw-away folder.
    """
    instance_path = instance_path or os.environ.get("PORTAL_INSTANCE_PATH") or None
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path)
    app.jinja_environment = PortalEnvironment  # before anything creates app.jinja_env
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(settings.FIXED)
    app.config.from_mapping(settings.from_environment(app.instance_path))
    if test_config:
        app.config.from_mapping(test_config)

    logging.basicConfig(
        level=app.config["LOG_LEVEL"], format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    register_extensions(app)
    register_core(app)
    for name in CAPABILITIES:
        importlib.import_module(name).init_app(app)
    if app.config["PROXY_FIX_HOPS"]:
        # Outermost, so that every layer a capability wraps around the app (the SMS webhook's fast
        # path) sees the address and scheme the request was really made with.
        hops = app.config["PROXY_FIX_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
    return app


def register_extensions(app: Flask) -> None:
    """Initialise the shared extensions against this app."""
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    # Until the staff capability registers its own loader, nobody is signed in.
    login_manager.user_loader(lambda user_id: None)

    from portal import i18n

    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=lambda: "Europe/London")


def register_core(app: Flask) -> None:
    """Wire the mechanisms every page relies on: templates, assets, security, errors, commands."""
    from portal import assets, cli, errors, health, i18n, security, templating
    from portal.core import models  # noqa: F401  (the set-up record table)

    templating.init_app(app)
    assets.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    i18n.init_app(app)
    health.init_app(app)
    cli.init_app(app)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    """Run SQLite in WAL mode with foreign keys on and a busy timeout for concurrent writers.

    ``synchronous=FULL``: a commit is on the disk before the page says the answers were sent, so a
    power cut cannot take back what somebody wrote (NORMAL would save about half a millisecond a
    commit and could lose the last ones).
    """
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()
