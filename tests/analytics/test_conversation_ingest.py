"""The assistant's events reach the analytics store from Rasa's SQL broker file, once each."""

from sqlalchemy import func, select

from portal.analytics.conversations.events import read_event, remove_phone_numbers, safe_conversation_key
from portal.analytics.conversations.ingest import ingest_sql
from portal.analytics.conversations.models import (
    Conversation,
    ConversationEvent,
    ConversationIngestWatermark,
    ConversationRating,
    ConversationTurn,
)
from portal.extensions import db
from tests.analytics.rasa_events import action, sample_conversations, user, write_events_db


def _counts():
    return {
        model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
        for model in (Conversation, ConversationEvent, ConversationTurn, ConversationRating)
    }


def test_phone_numbers_are_removed_from_text_and_never_used_as_conversation_ids():
    assert remove_phone_numbers("call 07700 900123 or +44 (0)1905 822666 today") == (
        "call [phone number removed] or [phone number removed] today"
    )
    assert remove_phone_numbers("my son is 7 and lives in WR1") == "my son is 7 and lives in WR1"
    redacted = safe_conversation_key("sms:+447700900123", "secret")
    assert redacted.startswith("sms:redacted-") and "7700" not in redacted
    assert safe_conversation_key("sms:5f2b9c0d1e7a4b3c", "secret") == "sms:5f2b9c0d1e7a4b3c"
    event = read_event({"sender_id": "07700900123", "event": "user", "text": "hi", "timestamp": 1}, "k")
    assert "07700900123" not in event.conversation_key


def test_ingest_reads_intents_fallbacks_ratings_channels_and_language(app, tmp_path):
    events_db = tmp_path / "events.db"
    write_events_db(events_db, sample_conversations())
    with app.app_context():
        result = ingest_sql(f"sqlite:///{events_db}")
        assert result.errors == [] and result.read == len(sample_conversations())

        conversations = {c.conversation_key: c for c in db.session.scalars(select(Conversation))}
        assert set(conversations) == {"web:Qm9vdHN0cmFw", "sms:5f2b9c0d1e7a4b3c"}
        web, sms = conversations["web:Qm9vdHN0cmFw"], conversations["sms:5f2b9c0d1e7a4b3c"]
        assert (web.channel, web.language, web.turn_count) == ("web", "pl", 4)
        assert (sms.channel, sms.language, sms.turn_count) == ("sms", None, 3)

        turns = list(db.session.scalars(select(ConversationTurn).order_by(ConversationTurn.id)))
        assert [(t.intent, t.fallback) for t in turns] == [
            ("greet", False),
            ("nlu_fallback", True),
            ("faq", False),
            ("affirm", False),
            ("find_service", True),
            ("out_of_scope", True),
            ("deny", False),
        ]
        assert turns[0].confidence == 0.98
        unanswered = [t.unanswered_text for t in turns if t.fallback]
        assert unanswered == [
            "can my son go to a sleepover club at weekends",
            "is there a sleep over club for weekends",
            "ring me back on [phone number removed] about the bus",
        ]
        # Answered messages leave no text behind.
        assert all(t.unanswered_text is None for t in turns if not t.fallback)
        assert web.pending_text is None and sms.pending_text is None

        ratings = list(db.session.scalars(select(ConversationRating).order_by(ConversationRating.id)))
        assert [(r.channel, r.helpful, r.answer) for r in ratings] == [
            ("web", True, "faq/what_are_short_breaks"),
            ("sms", False, None),
        ]


def test_running_the_ingest_twice_doubles_nothing_and_new_events_follow_the_watermark(app, tmp_path, runner):
    events_db = tmp_path / "events.db"
    events = sample_conversations()
    write_events_db(events_db, events)
    app.config["RASA_EVENTS_DB_URL"] = f"sqlite:///{events_db}"
    first = runner.invoke(args=["analytics", "ingest", "--source", "sql"])
    assert first.exit_code == 0, first.output
    with app.app_context():
        after_first = _counts()
        watermark = db.session.scalars(select(ConversationIngestWatermark)).one()
        assert watermark.last_event_id == len(events)

    second = runner.invoke(args=["analytics", "ingest", "--source", "sql"])
    assert "0 events read, 0 stored" in second.output
    with app.app_context():
        assert _counts() == after_first

        # The watermark is lost (say, restored from a backup): everything is read again, nothing doubles.
        db.session.scalars(select(ConversationIngestWatermark)).one().last_event_id = 0
        db.session.commit()
        again = ingest_sql(f"sqlite:///{events_db}")
        assert again.read == len(events) and again.stored == 0
        assert _counts() == after_first

    sender = "web:Qm9vdHN0cmFw"
    write_events_db(
        events_db,
        [
            user(sender, "where is the nearest youth club", "nlu_fallback", 0.3),
            action(sender, "action_default_fallback"),
        ],
    )
    third = runner.invoke(args=["analytics", "ingest"])
    assert "2 events read, 1 stored" in third.output, third.output  # the action adds nothing new
    with app.app_context():
        assert _counts()["conversation_turn"] == after_first["conversation_turn"] + 1
        latest = db.session.scalars(select(ConversationTurn).order_by(ConversationTurn.id.desc())).first()
        assert latest.unanswered_text == "where is the nearest youth club"


def test_a_missing_events_file_is_not_an_error_and_is_not_created(app, tmp_path, runner):
    app.config["RASA_EVENTS_DB_URL"] = f"sqlite:///{tmp_path / 'none.db'}"
    result = runner.invoke(args=["analytics", "ingest"])
    assert result.exit_code == 0 and "no events database yet" in result.output
    assert not (tmp_path / "none.db").exists()


def test_malformed_rows_are_skipped_and_do_not_stop_the_rest(app, tmp_path):
    import sqlite3

    events_db = tmp_path / "events.db"
    write_events_db(events_db, sample_conversations()[:6])
    connection = sqlite3.connect(events_db)
    with connection:
        connection.execute("INSERT INTO events (sender_id, data) VALUES ('web:x', 'not json')")
    connection.close()
    write_events_db(events_db, [user("web:later", "hello", "greet", 0.9)])
    with app.app_context():
        result = ingest_sql(f"sqlite:///{events_db}")
        assert result.read == 8 and result.errors == []
        keys = set(db.session.scalars(select(Conversation.conversation_key)))
        assert "web:later" in keys


def test_the_worker_ingests_every_minute(app, tmp_path):
    from portal import worker

    events_db = tmp_path / "events.db"
    write_events_db(events_db, sample_conversations())
    app.config["RASA_EVENTS_DB_URL"] = f"sqlite:///{events_db}"
    assert worker.ingest_conversations.task_class in worker.huey._registry._periodic_tasks
    previous = worker._app
    worker.set_app(app)
    try:
        worker.ingest_conversations.call_local()
        worker.ingest_conversations.call_local()
    finally:
        worker.set_app(previous)
    with app.app_context():
        assert _counts()["conversation_turn"] == 7


def test_a_server_events_table_is_re_read_behind_the_watermark_for_late_commits(app, database_uri):
    """On PostgreSQL a transaction can commit a lower id after a higher one; it is still read, once."""
    import json

    import pytest
    from sqlalchemy import create_engine, text

    if not database_uri.startswith("postgresql"):
        pytest.skip("only server databases commit ids out of order")
    engine = create_engine(database_uri)
    events = sample_conversations()
    with engine.begin() as connection:
        connection.execute(
            text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), data TEXT)")
        )
        for number, event in enumerate(events, start=1):
            if number == 4:
                continue  # this row (the first "hello") commits late
            connection.execute(
                text("INSERT INTO events (id, sender_id, data) VALUES (:id, :sender, :data)"),
                {"id": number, "sender": event["sender_id"], "data": json.dumps(event)},
            )
    with app.app_context():
        first = ingest_sql(database_uri)
        assert first.read == len(events) - 1
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO events (id, sender_id, data) VALUES (4, :sender, :data)"),
                {"sender": events[3]["sender_id"], "data": json.dumps(events[3])},
            )
        second = ingest_sql(database_uri)
        # The late message, and the reply that answered it (skipped before: no conversation yet).
        assert second.stored == 2
        assert _counts()["conversation_turn"] == 7
        web = db.session.scalars(select(Conversation).where(Conversation.channel == "web")).one()
        assert web.pending_text is None
        third = ingest_sql(database_uri)
        assert third.stored == 0
    engine.dispose()
