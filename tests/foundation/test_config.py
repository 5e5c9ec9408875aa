"""Settings come from the environment, with safe defaults and no secrets in the repository."""

import stat

from portal import create_app
from portal.config import normalise_database_url


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


def test_sqlite_runs_in_wal_mode(app):
    from sqlalchemy import text

    from portal.extensions import db

    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            return
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
