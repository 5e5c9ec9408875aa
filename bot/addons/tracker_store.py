"""Rasa's SQL tracker store, saving a turn with one read of the conversation instead of two.

Rasa 3.6's `SQLTrackerStore.save` first hands the new events to the event broker, finding them
by loading the whole current session from the database and rebuilding a tracker from it, then
counts the session's stored events again to find what to insert. Both give the same offset, so
this subclass counts once and uses the result for the broker and the insert: the same rows in
the same `events` table and the same events published, without rebuilding a tracker on every
reply. The rows go in with one multi-row insert instead of an ORM object each.
SQLite files are switched to WAL mode (addons/sqlite_wal.py).
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from addons.sqlite_wal import use_wal


class TurnSQLTrackerStore(SQLTrackerStore):
    """SQL tracker store that reads a conversation once per saved turn."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_wal(self)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Publish and store the events that are not stored yet, as `SQLTrackerStore.save` does."""
        with self.session_scope() as session:
            stored = self._event_query(
                session, tracker.sender_id, fetch_events_from_all_sessions=False
            ).count()
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
            session.commit()
