"""Rasa's SQL event broker, writing each turn's events in one transaction instead of one each.

Rasa 3.6's `SQLEventBroker.publish` opens a session and commits for every event, and a single
message produces six to ten events, which made the SQL broker the slowest part of a reply.
This subclass keeps the same `events` table (so the portal's ingest is unchanged) and queues
events until the event loop's next turn, then writes them together. Outside an event loop it
writes at once. A SQLite file is switched to WAL mode (addons/sqlite_wal.py).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from rasa.core.brokers.sql import SQLEventBroker

from addons.sqlite_wal import use_wal


class BatchedSQLEventBroker(SQLEventBroker):
    """SQL event broker that commits the events of one turn together."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_wal(self)
        self._pending: list[dict[str, Any]] = []
        self._flush_scheduled = False

    def publish(self, event: dict[str, Any]) -> None:
        """Queue an event; it is written, with the rest of its turn, on the loop's next turn."""
        self._pending.append(event)
        if self._flush_scheduled:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.flush()
            return
        self._flush_scheduled = True
        loop.call_soon(self.flush)

    def flush(self) -> None:
        """Write every queued event in one transaction."""
        self._flush_scheduled = False
        pending, self._pending = self._pending, []
        if not pending:
            return
        with self.session_scope() as session:
            session.add_all(
                [
                    self.SQLBrokerEvent(sender_id=event.get("sender_id"), data=json.dumps(event))
                    for event in pending
                ]
            )
            session.commit()

    async def close(self) -> None:
        """Write anything still queued before shutting down."""
        self.flush()
