"""The backup script's dump restores into a fresh PostgreSQL database with every row intact."""

import os
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from portal.config import normalise_database_url
from tests.consultations.factories import answer, create_open_consultation, start

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="needs the machine's PostgreSQL (TEST_DATABASE_URL)")


def table_counts(url: str) -> dict[str, int]:
    engine = create_engine(normalise_database_url(url))
    try:
        with engine.connect() as connection:
            names = inspect(connection).get_table_names()
            return {n: connection.execute(text(f'SELECT count(*) FROM "{n}"')).scalar_one() for n in names}  # noqa: S608
    finally:
        engine.dispose()


@pytest.mark.parametrize("database_uri", ["postgresql"], indirect=True)
def test_a_backup_restores_into_a_fresh_database(app, client, database_uri, tmp_path):
    create_open_consultation(app)
    url = answer(client, start(client, "open-copy"), {"role": "parent_carer"})
    assert "/questions/" in url

    env = {**os.environ, "DATABASE_URL": database_uri}
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "backup.sh"), str(tmp_path / "backups")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    dump = Path(done.stdout.strip().splitlines()[-1])
    assert dump.exists() and dump.suffix == ".dump" and not list(tmp_path.glob("backups/*.partial"))

    source = make_url(normalise_database_url(database_uri))
    restored = f"{source.database}_restored"
    admin = create_engine(source.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{restored}"'))
        target = source.set(database=restored).render_as_string(hide_password=False)
        plain = target.replace("+psycopg", "")
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", "--dbname", plain, str(dump)],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        before, after = table_counts(database_uri), table_counts(target)
        assert after == before
        assert before["form_draft"] >= 1 and before["form"] >= 1
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)'))
        admin.dispose()
