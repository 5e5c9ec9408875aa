"""Faults: the database read-only, full or restarted, and the assistant down, while families answer.

Each time the person gets a friendly page (503, "Your answers are saved"), the answers they had
already given are still there, pressing the button again works, and nothing accepted is lost.
Twilio failing and RabbitMQ down are covered where those parts live: tests/sms/test_outbox.py and
tests/analytics/test_conversation_ingest_rabbitmq.py (see docs/reliability.md).
"""

import os
import re
import shutil
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import event

from portal.extensions import db
from tests.conftest import make_test_app
from tests.consultations.factories import answer, start
from tests.fakes.rasa_server import FakeRasa
from tests.reliability.conftest import full_only, record
from tests.reliability.harness import SLUG, Portal, log, run_in_own_loop, run_load
from tests.reliability.test_load import reconcile

pytestmark = pytest.mark.reliability
CHECKED = re.compile(r'value="professional"[^>]*checked|checked[^>]*value="professional"')


def answer_first_page(client) -> str:
    url = answer(client, start(client, SLUG), {"role": "professional"})
    assert "/questions/" in url
    return url


def finish(client, url: str) -> None:
    """Press on from ``url`` with plain answers until the answers are sent."""
    from tests.hostile.walker import fields, fill

    for _ in range(20):
        page = client.get(url)
        if page.status_code == 303:
            url = page.headers["Location"]
            continue
        html = page.get_data(as_text=True)
        token = re.search(r'name="submission_token" value="([^"]+)"', html)
        if token:
            done = client.post(url, data={"submission_token": token.group(1)})
            assert done.status_code == 303
            assert "Answers sent" in client.get(done.headers["Location"]).get_data(as_text=True)
            return
        response = client.post(url, data=fill(fields(html), "", safe=True))
        assert response.status_code == 303, response.status_code
        url = response.headers["Location"]
    raise AssertionError("did not reach the end")


def assert_friendly_503(response) -> None:
    assert response.status_code == 503
    assert "Your answers are saved" in response.get_data(as_text=True)
    assert response.headers["Retry-After"].isdigit()


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.mark.parametrize("database_uri", ["sqlite"], indirect=True)
def test_a_read_only_sqlite_database_gives_a_friendly_page_and_loses_nothing(app, client, database_uri):
    url = answer_first_page(client)

    def read_only(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA query_only = ON")

    with app.app_context():
        db.engine.dispose()
        event.listen(db.engine, "connect", read_only)
    client.get(url)
    assert_friendly_503(client.post(url, data={"child_age": "9"}))
    with app.app_context():
        event.remove(db.engine, "connect", read_only)
        db.engine.dispose()

    assert CHECKED.search(client.get(f"/consultations/{SLUG}/questions/role").get_data(as_text=True))
    finish(client, url)
    assert integrity(Path(database_uri.removeprefix("sqlite:///"))) == "ok"


@pytest.mark.skipif(os.geteuid() != 0, reason="mounts a tiny filesystem (needs root)")
def test_a_full_disk_under_sqlite_gives_a_friendly_page_and_no_corruption(sqlite_template, tmp_path):
    mount = tmp_path / "tiny"
    mount.mkdir()
    size_kb = sqlite_template.stat().st_size // 1024 + 1024
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(mount)], check=True, timeout=20
    )
    try:
        path = mount / "portal.db"
        shutil.copyfile(sqlite_template, path)
        app = make_test_app(f"sqlite:///{path}", tmp_path / "instance")
        client = app.test_client()
        from tests.conftest import CheckingClient

        app.test_client_class = CheckingClient
        client = app.test_client()
        url = answer_first_page(client)
        with app.app_context():
            db.engine.dispose()  # closing checkpoints and removes the WAL file, so fill the disk after
        filler = mount / "filler"
        subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=4k"], capture_output=True, timeout=20)
        statuses = []
        for attempt in range(10):  # each answer appends to the WAL: one soon needs space there is not
            client.get(url)
            response = client.post(url, data={"used_local_offer": "no", "role": f"{attempt}" * 3000})
            statuses.append(response.status_code)
            if response.status_code == 503:
                assert_friendly_503(response)
                break
        assert 503 in statuses, statuses
        filler.unlink()
        with app.app_context():
            db.engine.dispose()
        assert CHECKED.search(client.get(f"/consultations/{SLUG}/questions/role").get_data(as_text=True))
        finish(client, url)
        with app.app_context():
            db.engine.dispose()
        assert integrity(path) == "ok"
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False, timeout=20)


def test_an_unreachable_database_gives_a_friendly_page_and_a_failing_health_check(tmp_path):
    app = make_test_app("postgresql+psycopg://127.0.0.1:1/nowhere?connect_timeout=2", tmp_path)
    client = app.test_client()
    page = client.get(f"/consultations/{SLUG}")
    assert page.status_code == 503 and "Try again in a few minutes" in page.get_data(as_text=True)
    assert client.get("/healthz").status_code == 503
    api = client.post("/api/v1/callback-requests", json={})
    assert api.status_code in (401, 503)


@pytest.mark.parametrize("database_uri", ["sqlite"], indirect=True)
def test_with_the_assistant_down_chat_degrades_without_server_errors(database_uri, tmp_path):
    rasa = FakeRasa().start()
    rasa.down = True
    try:
        with Portal(database_uri, tmp_path / "instance", rasa.url, workers=2) as portal:
            stats = run_in_own_loop(run_load(portal.url, 2, 4, 5))
    finally:
        rasa.stop()
    summary = {**stats.summary(), **reconcile(stats, database_uri), "scenario": "rasa down"}
    record("fault-rasa-down", summary)
    log(f"rasa down: {summary}")
    assert stats.server_errors == 0 and 599 not in stats.statuses, summary
    assert stats.chat_turns > 0 and stats.chat_inconsistent == stats.chat_turns, summary


@full_only
def test_postgresql_restarted_mid_load_loses_nothing(private_postgresql, tmp_path):
    database_uri = private_postgresql.url
    rasa = FakeRasa().start()
    restarted = threading.Event()
    problems: list[str] = []

    def restart_later():
        time.sleep(15)
        try:
            private_postgresql.restart()
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            problems.append(f"{error}: {error.stderr!r}")
        else:
            restarted.set()

    try:
        with Portal(database_uri, tmp_path / "instance", rasa.url, workers=4) as portal:
            thread = threading.Thread(target=restart_later, daemon=True)
            thread.start()
            stats = run_in_own_loop(run_load(portal.url, 20, 5, 45))
            thread.join(timeout=130)
    finally:
        rasa.stop()
    assert restarted.is_set(), problems
    summary = {**stats.summary(), **reconcile(stats, database_uri), "scenario": "postgresql restarted"}
    record("fault-postgresql-restart", summary)
    log(f"postgresql restart: {summary}")
    assert stats.server_errors == 0, summary
    assert stats.references, summary
