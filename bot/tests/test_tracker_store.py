"""The turn-saving SQL tracker store writes, publishes and returns what Rasa's SQL tracker store does."""

import asyncio
import itertools
import sqlite3
import warnings

import pytest
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

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


def turn_by_turn(store_class, path):
    """Rasa's own order for each turn: `retrieve` the latest session, add the turn, `save`."""
    broker = ListBroker()
    store = store_class(domain=DOMAIN, dialect="sqlite", db=str(path), event_broker=broker)
    clock = itertools.count(1)
    seen, kept = [], []

    async def conversation():
        saved = None
        for turn in [*turns(), *turns()]:
            tracker = await store.retrieve("sms:a") or DialogueStateTracker("sms:a", DOMAIN.slots)
            kept.append(tracker is saved)
            seen.append(tracker.current_state(EventVerbosity.ALL))
            for event in turn:
                event.timestamp = next(clock)
                tracker.update(event, DOMAIN)
            await store.save(tracker)
            saved = tracker
        final = await store.retrieve("sms:a")
        seen.append(final.current_state(EventVerbosity.ALL))
        full = await store.retrieve_full_tracker("sms:a")
        seen.append(full.current_state(EventVerbosity.ALL))

    asyncio.run(conversation())
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events ORDER BY id"
        ).fetchall()
    return (rows, broker.published, seen), kept


def test_turn_by_turn_the_same_trackers_rows_and_published_events_as_rasas_sql_store(tmp_path):
    ours, kept = turn_by_turn(TurnSQLTrackerStore, tmp_path / "ours.db")
    rasas, _ = turn_by_turn(SQLTrackerStore, tmp_path / "rasa.db")
    assert ours == rasas
    rows, published, seen = ours
    assert len(rows) == len(published) == 28
    assert [len(state["events"]) for state in seen] == [0, 6, 10, 3, 9, 13, 3, 28]
    # Every turn but the first and those after a session start got the kept tracker.
    assert kept == [False, True, True, False, True, True]


def store_at(path, **kwargs):
    return TurnSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(path), **kwargs)


async def first_turn(store, sender="sms:a"):
    tracker = DialogueStateTracker(sender, DOMAIN.slots)
    for event in next(turns()):
        tracker.update(event, DOMAIN)
    await store.save(tracker)
    return tracker


def test_a_saved_tracker_is_handed_back_without_reading_the_conversation_again(tmp_path):
    store = store_at(tmp_path / "tracker.db")

    async def conversation():
        saved = await first_turn(store)
        assert await store.retrieve("sms:a") is saved
        # Taken out of the cache until the next save: a second reader gets the database's copy.
        again = await store.retrieve("sms:a")
        assert again is not saved
        assert again.current_state(EventVerbosity.ALL) == saved.current_state(EventVerbosity.ALL)

    asyncio.run(conversation())


def test_events_another_writer_added_are_read_from_the_database(tmp_path):
    ours, other = store_at(tmp_path / "tracker.db"), store_at(tmp_path / "tracker.db")

    async def conversation():
        saved = await first_turn(ours)
        elsewhere = await other.retrieve("sms:a")
        elsewhere.update(UserUttered("yes", {"name": "affirm"}, timestamp=7), DOMAIN)
        await other.save(elsewhere)
        tracker = await ours.retrieve("sms:a")
        assert tracker is not saved
        assert tracker.current_state(EventVerbosity.ALL) == elsewhere.current_state(EventVerbosity.ALL)

    asyncio.run(conversation())


class FailingBroker(ListBroker):
    def publish(self, event):
        raise ConnectionError("broker down")


def test_a_failed_turn_leaves_no_unsaved_events_behind(tmp_path):
    store = store_at(tmp_path / "tracker.db")

    async def conversation():
        await first_turn(store)
        # A turn that fails before saving.
        tracker = await store.retrieve("sms:a")
        tracker.update(UserUttered("yes", {"name": "affirm"}, timestamp=7), DOMAIN)
        assert len((await store.retrieve("sms:a")).events) == 6
        # A turn whose save fails.
        tracker = await store.retrieve("sms:a")
        tracker.update(UserUttered("yes", {"name": "affirm"}, timestamp=7), DOMAIN)
        store.event_broker = FailingBroker()
        with pytest.raises(ConnectionError):
            await store.save(tracker)
        assert len((await store.retrieve("sms:a")).events) == 6

    asyncio.run(conversation())


def test_events_added_after_a_save_are_not_handed_out(tmp_path):
    store = store_at(tmp_path / "tracker.db")

    async def conversation():
        saved = await first_turn(store)
        saved.update(UserUttered("yes", {"name": "affirm"}, timestamp=7), DOMAIN)
        tracker = await store.retrieve("sms:a")
        assert tracker is not saved
        assert len(tracker.events) == 6

    asyncio.run(conversation())


def test_the_turn_that_starts_a_session_is_not_kept(tmp_path):
    store = store_at(tmp_path / "tracker.db")

    async def conversation():
        tracker = DialogueStateTracker("sms:a", DOMAIN.slots)
        for events in turns():
            for event in events:
                tracker.update(event, DOMAIN)
        await store.save(tracker)  # 14 events, of which the database's latest session holds 3
        latest = await store.retrieve("sms:a")
        assert latest is not tracker
        assert [event.type_name for event in latest.events] == ["session_started", "action", "user"]

    asyncio.run(conversation())


def test_the_oldest_conversation_leaves_the_cache_first(tmp_path):
    store = store_at(tmp_path / "tracker.db", cached_conversations=2)

    async def conversation():
        first = await first_turn(store, "sms:a")
        second = await first_turn(store, "sms:b")
        third = await first_turn(store, "sms:c")
        assert await store.retrieve("sms:a") is not first
        assert await store.retrieve("sms:b") is second
        assert await store.retrieve("sms:c") is third

    asyncio.run(conversation())


def test_loading_another_domain_empties_the_cache(tmp_path):
    store = store_at(tmp_path / "tracker.db")

    async def conversation():
        saved = await first_turn(store)
        store.domain = DOMAIN
        assert await store.retrieve("sms:a") is not saved

    asyncio.run(conversation())


def test_a_sqlite_file_is_in_wal_mode_like_the_portals(tmp_path):
    store = TurnSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    with sqlite3.connect(tmp_path / "tracker.db") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
