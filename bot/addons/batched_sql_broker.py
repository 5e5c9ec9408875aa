"""Rasa's SQL event broker, writing each turn's events in one transaction, off the event loop.

Rasa 3.6's `SQLEventBroker.publish` opens a session and commits for every event, and a single
message produces six to ten events, which made the SQL broker the slowest part of a reply.
This subclass keeps the same `events` table (so the portal's ingest is unchanged) and queues
events until the event loop's next turn, then hands them as one batch to a single writer
thread, which commits them together: the batches keep their order, and the database's sync no
longer holds up the loop (the next message, or another conversation) while it waits for the
disk. Outside an event loop, and on `flush()` and `close()`, it writes at once and waits. A
SQLite file is switched to WAL mode (addons/sqlite_wal.py).
"""

from __future__ import annotations

import asyncio
import json
import logging
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

from rasa.core.brokers.sql import SQLEventBroker

from addons import action_connections
from addons.sqlite_wal import use_wal

logger = logging.getLogger(__name__)


class BatchedSQLEventBroker(SQLEventBroker):
    """SQL event broker that commits the events of one turn together, in a writer thread."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_wal(self)
        self._pending: list[dict[str, Any]] = []
        self._hand_over_scheduled = False
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="events-writer")
        self._last_write: Future | None = None

    def publish(self, event: dict[str, Any]) -> None:
        """Queue an event; it goes to the writer, with the rest of its turn, on the loop's next turn."""
        self._pending.append(event)
        if self._hand_over_scheduled:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.flush()
            return
        self._hand_over_scheduled = True
        loop.call_soon(self._hand_over)

    def _hand_over(self) -> None:
        """Give every queued event to the writer thread as one batch."""
        self._hand_over_scheduled = False
        pending, self._pending = self._pending, []
        if pending:
            self._last_write = self._writer.submit(self._write, pending)
            self._last_write.add_done_callback(_log_failure)

    def _write(self, events: list[dict[str, Any]]) -> None:
        with self.session_scope() as session:
            session.add_all(
                [
                    self.SQLBrokerEvent(sender_id=event.get("sender_id"), data=json.dumps(event))
                    for event in events
                ]
            )
            session.commit()

    def flush(self) -> None:
        """Write every queued event now and wait until all handed-over batches are written.

        A batch that cannot be written is logged (`_log_failure`), never raised into Rasa.
        """
        self._hand_over()
        if self._last_write is not None:
            wait([self._last_write])

    async def written(self) -> None:
        """Wait, without blocking the loop, until the batches handed over so far are written."""
        if self._last_write is not None:
            await asyncio.wait([asyncio.wrap_future(self._last_write)])

    async def close(self) -> None:
        """Write anything still queued before shutting down.

        Rasa calls this when the server stops, and nothing else of the assistant's, so it also
        closes the connections kept to the action server (addons/action_connections.py).
        """
        self._hand_over()
        await self.written()
        self._writer.shutdown(wait=True)
        await action_connections.close_pools()


def _log_failure(write: Future) -> None:
    error = write.exception()
    if error is not None:
        logger.error("Could not write conversation events to the events table", exc_info=error)
