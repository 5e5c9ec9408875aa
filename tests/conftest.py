"""Fixtures for every test: a migrated throw-away database, the app, a checking client and a runner.

Each test gets its own copy of a database that was migrated (and loaded with the shipped content)
once per run: a copied SQLite file always, and a PostgreSQL database made from a template when
TEST_DATABASE_URL is set (the machine's real server; CI requires it).
"""

import itertools
import os
import re
import shutil
import uuid
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from portal import create_app
from portal.config import normalise_database_url
from portal.extensions import db
from tests.pagecheck import check_page

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")
DATABASES = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])
RUN_ID = uuid.uuid4().hex[:8]
_counter = itertools.count()


def make_test_app(database_uri: str, instance_path: Path, **overrides):
    """An app for tests: real database, CSRF on, in-memory rate limits, a throw-away instance folder."""
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_uri,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "RATELIMIT_STORAGE_URI": "memory://",
        "SERVER_NAME": None,
        **overrides,
    }
    return create_app(config, instance_path=str(instance_path))


def run_setup(app) -> None:
    result = app.test_cli_runner().invoke(args=["setup"])
    if result.exit_code != 0:
        raise RuntimeError(f"portal setup failed:\n{result.output}\n{result.exception!r}")


def _admin_engine():
    url = make_url(normalise_database_url(POSTGRES_URL))
    # Pre-ping: the reliability tests restart the server, which ends pooled connections.
    return create_engine(url, isolation_level="AUTOCOMMIT", pool_pre_ping=True), url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sqlite-template")
    path = folder / "template.db"
    app = make_test_app(f"sqlite:///{path}", folder)
    with app.app_context():
        run_setup(app)
        db.engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_template(tmp_path_factory):
    engine, url = _admin_engine()
    name = f"fv_template_{RUN_ID}"
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    app = make_test_app(
        url.set(database=name).render_as_string(hide_password=False), tmp_path_factory.mktemp("pg-template")
    )
    with app.app_context():
        run_setup(app)
        db.engine.dispose()
    yield name
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(params=DATABASES)
def database_uri(request, tmp_path):
    """A fresh, migrated database with the shipped content, for one test."""
    if request.param == "sqlite":
        path = tmp_path / "portal.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    template = request.getfixturevalue("postgres_template")
    engine, url = _admin_engine()
    name = f"fv_test_{RUN_ID}_{next(_counter)}"
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture
def app(database_uri, tmp_path):
    """The portal on a fresh database. It holds no app context, so each request gets its own
    (as in production); use ``with app.app_context():`` to read or write the database directly."""
    app = make_test_app(database_uri, tmp_path)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


class CheckingClient(FlaskClient):
    """A test client that checks every HTML page and sends the last page's CSRF token with forms."""

    _csrf_pattern = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.last_csrf_token: str | None = None

    def open(self, *args, **kwargs):
        method = (kwargs.get("method") or "GET").upper()
        data = kwargs.get("data")
        if method == "POST" and isinstance(data, dict) and "csrf_token" not in data and self.last_csrf_token:
            kwargs["data"] = {**data, "csrf_token": self.last_csrf_token}
        response = super().open(*args, **kwargs)
        if response.mimetype == "text/html" and not 300 <= response.status_code < 400:
            html = response.get_data(as_text=True)
            path = args[0] if args and isinstance(args[0], str) else ""
            check_page(html, path)
            match = self._csrf_pattern.search(html)
            if match:
                self.last_csrf_token = match.group(1) or match.group(2)
        return response


@pytest.fixture
def client(app):
    app.test_client_class = CheckingClient
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def pytest_report_header(config):
    return f"databases: {', '.join(DATABASES)}" + (
        "" if POSTGRES_URL else " (set TEST_DATABASE_URL for PostgreSQL)"
    )


def pytest_sessionstart(session):
    if os.environ.get("REQUIRE_POSTGRES") and not POSTGRES_URL:
        raise pytest.UsageError("REQUIRE_POSTGRES is set but TEST_DATABASE_URL is not")


def pytest_terminal_summary(terminalreporter):
    """Show how many tests ran on each database and in the browser."""
    counts: dict[str, int] = {}
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", []):
        if report.when != "call":
            continue
        if "/browser/" in report.nodeid:
            kind = "browser"
        elif "[postgresql" in report.nodeid or "-postgresql" in report.nodeid:
            kind = "postgresql"
        elif "[sqlite" in report.nodeid or "-sqlite" in report.nodeid:
            kind = "sqlite"
        else:
            kind = "unit"
        counts[kind] = counts.get(kind, 0) + 1
    terminalreporter.write_sep("-", "tests run by kind")
    for kind in ("unit", "sqlite", "postgresql", "browser"):
        terminalreporter.write_line(f"{kind}: {counts.get(kind, 0)}")
