"""Rasa's SQL tracker store, with one read of the conversation per saved turn and none per new turn.

Rasa 3.6's `SQLTrackerStore.save` first hands the new events to the event broker, finding them
by loading the whole current session from the database and rebuilding a tracker from it, then
counts the session's stored events again to find what to insert. Both give the same offset, so
this subclass counts once and uses the result for the broker and the insert: the same rows in
the same `events` table and the same events published, without rebuilding a tracker on every
reply. The rows go in with one multi-row insert instead of an ORM object each.

Each turn also started by reading the session's rows back and replaying them into a new tracker
(`retrieve`). A tracker just saved is now kept in memory, with the row count and last row id of
its session as the database held them after the save; `retrieve` hands it out again only if one
query finds the database unchanged since (no other writer, no other session), and otherwise
reads the database as Rasa does. `retrieve` takes the tracker out of the cache, and only a
successful `save` puts it back, so a turn that fails before saving leaves nothing half-done in
memory. A tracker whose events are not exactly the session's rows (the turn that starts a new
session, a tracker of several sessions) is not kept. Loading another model (a new domain)
empties the cache. `retrieve_full_tracker` always reads the database.
SQLite files are switched to WAL mode (addons/sqlite_wal.py).
"""

from __future__ import annotations

import itertools
import json
from collections import OrderedDict
from typing import Any, NamedTuple

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from addons.sqlite_wal import use_wal

_EVENTS = SQLTrackerStore.SQLEvent.__table__
_STARTS = _EVENTS.alias("session_starts")
_SESSION_START = (
    sa.select(sa.func.max(_STARTS.c.timestamp))
    .where(_STARTS.c.sender_id == sa.bindparam("sender_id"), _STARTS.c.type_name == SessionStarted.type_name)
    .scalar_subquery()
)
_SESSION_ROWS = sa.select(sa.func.count(_EVENTS.c.id), sa.func.max(_EVENTS.c.id)).where(
    _EVENTS.c.sender_id == sa.bindparam("sender_id"),
    sa.or_(_SESSION_START.is_(None), _EVENTS.c.timestamp >= _SESSION_START),
)


class _Kept(NamedTuple):
    """A saved tracker and what proves it is still the stored session."""

    tracker: DialogueStateTracker
    rows: tuple[int, int | None]  # (count, last id) of the session's rows after the save
    events: int  # len(tracker.events) at the save
    last_event: Event


class TurnSQLTrackerStore(SQLTrackerStore):
    """SQL tracker store that reads a conversation once per saved turn and keeps recent trackers."""

    def __init__(self, *args: Any, cached_conversations: int = 2000, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_wal(self)
        self.cached_conversations = int(cached_conversations)
        self._kept: OrderedDict[str, _Kept] = OrderedDict()

    @property
    def domain(self) -> Domain:
        """The domain trackers are built with."""
        return self._domain

    @domain.setter
    def domain(self, domain: Domain | None) -> None:
        # Kept trackers hold the old domain's slots.
        self._domain = domain or Domain.empty()
        self._kept.clear()

    def _session_rows(self, session: Any, sender_id: str) -> tuple[int, int | None]:
        """Count and last id of the rows Rasa's `retrieve` reads: those of the latest session.

        The same filter as `SQLTrackerStore._event_query` (rows from the latest `session_started`
        on, by timestamp, or all rows before any), as one Core statement: a tenth of the ORM
        query's time.
        """
        return tuple(session.execute(_SESSION_ROWS, {"sender_id": sender_id}).one())

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The latest session's tracker: the kept one if the database still holds exactly it."""
        kept = self._kept.pop(sender_id, None)
        if (
            kept is not None
            and len(kept.tracker.events) == kept.events
            and kept.tracker.events[-1] is kept.last_event
        ):
            with self.session_scope() as session:
                if self._session_rows(session, sender_id) == kept.rows:
                    return kept.tracker
        return await super().retrieve(sender_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Publish and store the events that are not stored yet, as `SQLTrackerStore.save` does."""
        with self.session_scope() as session:
            stored, _ = self._session_rows(session, tracker.sender_id)
            new_events = list(itertools.islice(tracker.events, stored, len(tracker.events)))
            if self.event_broker is not None:
                await self._stream_new_events(self.event_broker, new_events, tracker.sender_id)
            rows = []
            for event in new_events:
                data = event.as_dict()
                rows.append(
                    {
                        "sender_id": tracker.sender_id,
                        "type_name": event.type_name,
                        "timestamp": data.get("timestamp"),
                        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                        "action_name": data.get("name"),
                        "data": json.dumps(data),
                    }
                )
            if rows:  # one INSERT for the turn's rows rather than one ORM object each
                session.execute(self.SQLEvent.__table__.insert(), rows)
            after = self._session_rows(session, tracker.sender_id)
            session.commit()
        self._keep(tracker, stored, after)

    def _keep(self, tracker: DialogueStateTracker, stored: int, after: tuple[int, int | None]) -> None:
        """Keep `tracker` if its events are exactly the session's rows, oldest conversation out."""
        self._kept.pop(tracker.sender_id, None)
        if (
            self.cached_conversations <= 0
            or not tracker.events
            or tracker.events.maxlen is not None  # a tracker cut to max_event_history
            or stored > len(tracker.events)  # the database held more than this tracker
            or after[0] != len(tracker.events)  # a new session, several sessions, another writer
        ):
            return
        self._kept[tracker.sender_id] = _Kept(tracker, after, len(tracker.events), tracker.events[-1])
        while len(self._kept) > self.cached_conversations:
            self._kept.popitem(last=False)
