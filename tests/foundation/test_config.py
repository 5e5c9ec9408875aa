"""Settings come from the environment, with safe defaults and no secrets in the repository."""

import multiprocessing
import os
import stat
import time

from portal import create_app
from portal.config import instance_secret, normalise_database_url


def test_the_default_database_is_sqlite_in_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app(instance_path=str(tmp_path))
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/portal.db"


def test_database_url_from_the_environment_uses_psycopg_3(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@db.internal:5432/voice")
    app = create_app(instance_path=str(tmp_path))
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db.internal:5432/voice"


def test_short_postgres_urls_are_normalised():
    assert normalise_database_url("postgres://a@b/c") == "postgresql+psycopg://a@b/c"
    assert normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_a_secret_key_is_generated_once_into_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = create_app(instance_path=str(tmp_path)).config["SECRET_KEY"]
    second = create_app(instance_path=str(tmp_path)).config["SECRET_KEY"]
    key_file = tmp_path / "secret_key"
    assert first == second == key_file.read_text().strip()
    assert len(first) >= 40
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_secret_key_and_rate_limit_storage_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/0")
    app = create_app(instance_path=str(tmp_path))
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"
    assert not (tmp_path / "secret_key").exists()


def test_sqlite_runs_in_wal_mode_and_commits_reach_the_disk(app):
    from sqlalchemy import text

    from portal.extensions import db

    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            return
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def _read_secret_written_slowly(folder: str) -> str:
    # Each writer takes a while over its write, as a loaded machine may: a reader must not see the
    # file until it is whole. (This runs in a pool process, so the patch dies with it.)
    real_fdopen = os.fdopen

    def slow_fdopen(*args, **kwargs):
        handle = real_fdopen(*args, **kwargs)
        write = handle.write
        handle.write = lambda text: time.sleep(0.3) or write(text)
        return handle

    os.fdopen = slow_fdopen
    try:
        return instance_secret(folder, "race_key")
    finally:
        os.fdopen = real_fdopen


def test_processes_starting_at_once_all_read_the_same_whole_secret(tmp_path):
    # gunicorn's workers boot together and each reads (or makes) the instance's keys.
    folder = str(tmp_path / "instance")
    with multiprocessing.get_context("fork").Pool(6) as pool:
        values = pool.map(_read_secret_written_slowly, [folder] * 6, chunksize=1)
    assert len(set(values)) == 1 and len(values[0]) == 43, values
    assert [p.name for p in (tmp_path / "instance").iterdir()] == ["race_key"]
