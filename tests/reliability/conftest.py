"""Settings for the reliability tests: short by default, the full run under ``make test-reliability``."""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from portal.extensions import db
from tests.conftest import DATABASES, make_test_app, run_setup

FULL = os.environ.get("FV_RELIABILITY_FULL") == "1"
FAMILIES = int(os.environ.get("FV_LOAD_FAMILIES", "100" if FULL else "10"))
CHATS = int(os.environ.get("FV_LOAD_CHATS", "50" if FULL else "5"))
SECONDS = float(os.environ.get("FV_LOAD_SECONDS", "120" if FULL else "10"))
RESULTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "reliability"
# The load runs on the server database when the machine has one, as in production.
ENGINE = DATABASES[-1]

full_only = pytest.mark.skipif(not FULL, reason="part of make test-reliability only (FV_RELIABILITY_FULL=1)")


def record(name: str, summary: dict) -> None:
    """Keep each run's numbers for docs/reliability.md."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")


class PrivatePostgres:
    """A PostgreSQL server of the test's own (initdb in a temporary folder, a free loopback port).

    Restarting it mid-load disturbs no other test and no other user of the machine's server.
    Run as root, the server's commands run as the ``postgres`` account, since PostgreSQL refuses root.
    """

    def __init__(self) -> None:
        from tests.reliability.harness import free_port

        initdb = shutil.which("initdb")
        if initdb is None:
            pytest.skip("PostgreSQL's initdb is not installed")
        self.bin = Path(initdb).resolve().parent
        self.folder = Path(tempfile.mkdtemp(prefix="fv-private-pg-", dir="/tmp"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.as_owner: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
            self.as_owner = ["runuser", "-u", "postgres", "--"]
        self._run("initdb", "-D", str(self.data), "--auth=trust", "-U", "postgres", "-E", "UTF8", "--no-sync")
        self.start()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/family_voice"
        admin = create_engine(self.url.replace("/family_voice", "/postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text("CREATE DATABASE family_voice"))
        admin.dispose()

    def _run(self, command: str, *args: str) -> None:
        command_line = [*self.as_owner, str(self.bin / command), *args]
        subprocess.run(command_line, check=True, capture_output=True, timeout=120)

    def _server(self, action: str, *args: str) -> None:
        # The server writes to its log file, never to our pipes (which would keep them open).
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        log_file = str(self.folder / "log")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log_file, *args, "-w", action)

    def start(self) -> None:
        self._server("start")

    def restart(self) -> None:
        self._server("restart", "-m", "fast")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def private_postgresql(tmp_path):
    """A migrated database with the shipped content on a PostgreSQL server of the test's own."""
    server = PrivatePostgres()
    try:
        app = make_test_app(server.url, tmp_path / "private-pg-setup")
        with app.app_context():
            run_setup(app)
            db.engine.dispose()
        yield server
    finally:
        server.stop()
