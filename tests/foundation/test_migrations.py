"""Every migration goes up and comes back down cleanly, on SQLite and PostgreSQL."""

from datetime import UTC, datetime

from flask_migrate import downgrade, upgrade
from sqlalchemy import column, inspect, select, table, text

from portal.extensions import db
from tests.conftest import make_test_app


def _is_search_index(table: str) -> bool:
    """Full-text search tables that migrations maintain by hand, outside the models."""
    return "_fts" in table or table.endswith("_search")


def _tables():
    return {t for t in inspect(db.engine).get_table_names() if not _is_search_index(t)} - {"alembic_version"}


def test_migrations_upgrade_to_the_models_and_downgrade_to_nothing(database_uri, tmp_path):
    app = make_test_app(database_uri, tmp_path)
    with app.app_context():
        downgrade(revision="base")
        assert _tables() == set()
        upgrade(revision="heads")
        assert _tables() == set(db.metadata.tables)
        downgrade(revision="base")
        assert _tables() == set()
        upgrade(revision="heads")
        db.engine.dispose()


def test_outbox_bodies_written_in_clear_are_encrypted_by_the_migration_and_decrypted_by_its_downgrade(
    database_uri, tmp_path
):
    from portal.forms_engine.crypto import decrypt, encrypt
    from portal.outbox.models import OutboxMessage

    app = make_test_app(database_uri, tmp_path)
    body = "Your code to carry on is ABCDE-23456."
    with app.app_context():
        downgrade(revision="outbox_0001")
        now = datetime(2026, 11, 24, 9, tzinfo=UTC)
        row = {
            "channel": "email",
            "recipient_encrypted": encrypt("parent@example.com"),
            "body": body,
            "purpose": "resume_code",
            "status": "created",
            "attempts": 0,
            "outcome_uncertain": False,
            "segments": 1,
            **dict.fromkeys(("next_attempt_at", "created_at", "updated_at"), now),
        }
        with db.engine.begin() as connection:
            connection.execute(table("outbox_message", *map(column, row)).insert(), row)
        upgrade(revision="heads")
        stored = db.session.scalar(text("SELECT body_encrypted FROM outbox_message"))
        assert "ABCDE" not in stored and decrypt(stored) == body
        assert db.session.scalars(select(OutboxMessage)).one().body == body
        db.session.remove()
        downgrade(revision="outbox_0001")
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT body FROM outbox_message")).scalar_one() == body
        upgrade(revision="heads")
        db.engine.dispose()
