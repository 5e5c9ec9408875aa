"""Browser tests: the portal served on a random loopback port, driven in Debian's Chromium.

Playwright for Python drives ``/usr/bin/chromium`` headless; no browser is ever downloaded.
Screenshots of failures (and of every public page at phone and desktop widths) are kept in
``test-artifacts/`` for people to look at.
"""

import json
import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.chat.fake_rasa import FakeRasa
from tests.conftest import make_test_app

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def closing_each_body(app):
    """Read each response body whole and close it before werkzeug's server sees it.

    werkzeug's server drains the socket before it calls the body's ``close()``; when Chromium
    resets a connection (a page closed mid-request), the drain raises and ``close()`` is skipped,
    leaving an asset's open file to the garbage collector (``werkzeug/serving.py``, ``execute``).
    """

    def wsgi(environ, start_response):
        body = app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            if hasattr(body, "close"):
                body.close()

    return wsgi


class LiveServer:
    """The portal running in a thread, on its own migrated SQLite database."""

    def __init__(self, app):
        self.app = app
        self._server = make_server("127.0.0.1", 0, closing_each_body(app), threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> "LiveServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)


def start_live_server(sqlite_template, folder: Path, **settings) -> LiveServer:
    """The portal on a copy of the set-up SQLite database, served on a free loopback port."""
    database = folder / "portal.db"
    shutil.copyfile(sqlite_template, database)
    app = make_test_app(f"sqlite:///{database}", folder, TESTING=False, RATELIMIT_ENABLED=False, **settings)
    return LiveServer(app).start()


@pytest.fixture(scope="session")
def live_server(sqlite_template, tmp_path_factory):
    server = start_live_server(sqlite_template, tmp_path_factory.mktemp("live"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def fake_rasa():
    """A stand-in for the assistant's REST channel (tests/chat/fake_rasa.py)."""
    fake = FakeRasa()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def chat_server(sqlite_template, tmp_path_factory, fake_rasa):
    """The portal with its web chat talking to the stand-in for the assistant."""
    server = start_live_server(sqlite_template, tmp_path_factory.mktemp("chat-live"), RASA_URL=fake_rasa.url)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Debian's chromium is missing at {CHROMIUM}: run `make browser` (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash.setdefault("failed", report.failed)
        item.stash["failed"] = report.failed
    return report


@pytest.fixture
def page(browser, request):
    """A fresh browser tab (own cookies) at desktop width; a screenshot is saved if the test fails."""
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    if request.node.stash.get("failed", False):
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-120:]
        page.screenshot(path=str(ARTIFACTS / f"failed-{name}.png"), full_page=True)
    context.close()


@pytest.fixture
def page_without_javascript(browser):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """Run axe-core's WCAG 2.2 A/AA rules on the page and return the violations."""
    page.evaluate(AXE_SOURCE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return result["violations"]


def check_accessibility(page) -> None:
    """Fail with a readable list if axe finds any WCAG 2.2 AA violation on the page."""
    violations = axe_violations(page)
    if violations:
        lines = [f"{page.url}: {len(violations)} accessibility violation(s)"]
        for violation in violations:
            targets = [node["target"] for node in violation["nodes"]][:5]
            lines.append(
                f"- {violation['id']} ({violation['impact']}): {violation['help']} at {json.dumps(targets)}"
            )
        pytest.fail("\n".join(lines))


def screenshot(page, name: str) -> Path:
    """Keep a full-page screenshot in test-artifacts/screenshots for people to look at."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
