"""Write-ahead logging and kept connections for the assistant's SQLite files.

Rasa's SQL tracker store and SQL event broker open their SQLite file in the default
rollback-journal mode and, through SQLAlchemy 1.4's default pool for SQLite files, open and
close a connection for every query. Each commit then writes and syncs a journal file and the
database, 5-15 ms on a busy disk, and a reply commits twice (tracker and events). Here the files
run as the portal runs its own SQLite database (portal/__init__.py): WAL mode with
`synchronous=NORMAL`, where a commit appends to the log without waiting for the disk and the log
is synced at checkpoints. The file cannot be corrupted by a crash, and a crash of the assistant
loses nothing committed; a power cut or operating-system crash can lose the last turns written
before it. Readers such as the portal's ingest no longer block the writer. Closing the last
connection to a WAL database checkpoints and deletes the log, so connections are kept in a pool.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm
from sqlalchemy.pool import QueuePool


def wal_engine(engine: Any) -> Any:
    """For a SQLite file, an engine with pooled connections to it in WAL mode; else `engine` itself."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return engine
    pooled = sa.create_engine(
        engine.url,
        poolclass=QueuePool,
        # The pool hands a connection to one user at a time, whichever thread it is on.
        connect_args={"check_same_thread": False},
    )
    sa.event.listen(pooled, "connect", _pragmas)
    with pooled.connect() as connection:
        connection.exec_driver_sql("PRAGMA journal_mode=WAL")
    engine.dispose()
    return pooled


def _pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def use_wal(store: Any) -> None:
    """Give a Rasa SQL tracker store or SQL event broker the WAL engine (`wal_engine`)."""
    engine = wal_engine(store.engine)
    if engine is not store.engine:
        store.engine = engine
        store.sessionmaker = sa.orm.sessionmaker(bind=engine)
