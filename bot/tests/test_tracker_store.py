"""The turn-saving SQL tracker store writes and publishes exactly what Rasa's SQL tracker store does."""

import asyncio
import sqlite3
import warnings

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from addons.tracker_store import TurnSQLTrackerStore

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Rasa always notes that slot auto-fill was removed in 3.0
    DOMAIN = Domain.from_yaml(
        """
    version: "3.1"
    intents: [faq, affirm]
    slots:
      helpful:
        type: bool
        influence_conversation: false
        mappings:
          - type: custom
    responses:
      utter_did_that_help: [{text: "Did that help?"}]
    """
    )


class ListBroker(EventBroker):
    def __init__(self):
        self.published = []

    def publish(self, event):
        self.published.append(event)


def turns():
    """Three saves: a first turn, a rating, then a new session with another question."""
    yield [
        ActionExecuted("action_listen", timestamp=1),
        UserUttered("is there transport", {"name": "faq"}, timestamp=2),
        ActionExecuted("action_answer_faq", timestamp=3),
        BotUttered("Children get to short breaks ...", timestamp=4),
        ActionExecuted("utter_did_that_help", timestamp=5),
        ActionExecuted("action_listen", timestamp=6),
    ]
    yield [
        UserUttered("yes", {"name": "affirm"}, timestamp=7),
        ActionExecuted("action_store_rating", timestamp=8),
        SlotSet("helpful", True, timestamp=9),
        ActionExecuted("action_listen", timestamp=10),
    ]
    yield [
        ActionExecuted("action_session_start", timestamp=11),
        SessionStarted(timestamp=12),
        ActionExecuted("action_listen", timestamp=13),
        UserUttered("what happens at 18", {"name": "faq"}, timestamp=14),
    ]


def run(store_class, path):
    broker = ListBroker()
    store = store_class(domain=DOMAIN, dialect="sqlite", db=str(path), event_broker=broker)

    async def conversation():
        tracker = DialogueStateTracker.from_events("sms:a", [], DOMAIN.slots)
        for events in turns():
            tracker = await store.retrieve_full_tracker("sms:a") or tracker
            for event in events:
                tracker.update(event, DOMAIN)
            await store.save(tracker)
        return await store.retrieve_full_tracker("sms:a")

    final = asyncio.run(conversation())
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events ORDER BY id"
        ).fetchall()
    return rows, broker.published, [event.as_dict() for event in final.events]


def test_the_same_rows_and_published_events_as_rasas_sql_store(tmp_path):
    ours = run(TurnSQLTrackerStore, tmp_path / "ours.db")
    rasas = run(SQLTrackerStore, tmp_path / "rasa.db")
    assert ours == rasas
    rows, published, events = ours
    assert len(rows) == len(published) == len(events) == 14
    assert [event["event"] for event in published].count("session_started") == 1


def test_a_sqlite_file_is_in_wal_mode_like_the_portals(tmp_path):
    store = TurnSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    with sqlite3.connect(tmp_path / "tracker.db") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
