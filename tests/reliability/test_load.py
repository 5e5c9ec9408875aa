"""Load: families completing the open consultation and chat users, at once, under gunicorn on loopback.

Zero server errors, every chat reply answers its message, and afterwards every reference a family was
given is in the database exactly once (and nothing else was stored). The chat uses the fake Rasa REST
server (tests/fakes/rasa_server.py): two real Rasa instances would not fit beside the load on this
machine; the scale-out test drives the real one.
"""

import time
from collections import Counter

import pytest
from sqlalchemy import create_engine, text

from portal.config import normalise_database_url
from tests.fakes.rasa_server import FakeRasa
from tests.reliability.conftest import CHATS, ENGINE, FAMILIES, SECONDS, record
from tests.reliability.harness import SLUG, Portal, log, run_in_own_loop, run_load

pytestmark = pytest.mark.reliability


def stored_references(database_uri: str) -> Counter:
    engine = create_engine(normalise_database_url(database_uri))
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT r.reference FROM form_response r JOIN form_version v ON v.id = r.form_version_id"
                    " JOIN form f ON f.id = v.form_id WHERE f.slug = :slug"
                ),
                {"slug": SLUG},
            )
            return Counter(row[0] for row in rows)
    finally:
        engine.dispose()


def reconcile(stats, database_uri: str) -> dict:
    stored = stored_references(database_uri)
    accepted = Counter(stats.references)
    assert all(n == 1 for n in accepted.values()), "a reference was given twice"
    assert all(stored[ref] == 1 for ref in accepted), "an accepted submission is missing or doubled"
    assert set(stored) == set(accepted), "the database holds submissions nobody was told about"
    return {"submissions_accepted": len(accepted), "submissions_stored": sum(stored.values())}


@pytest.mark.parametrize("database_uri", [ENGINE], indirect=True)
def test_families_and_chats_at_once_lose_nothing(database_uri, tmp_path):
    rasa = FakeRasa().start()
    try:
        with Portal(database_uri, tmp_path / "instance", rasa.url, workers=4) as portal:
            started = time.monotonic()
            stats = run_in_own_loop(run_load(portal.url, FAMILIES, CHATS, SECONDS))
            elapsed = time.monotonic() - started
    finally:
        rasa.stop()
    summary = {
        **stats.summary(),
        **reconcile(stats, database_uri),
        "families": FAMILIES,
        "chats": CHATS,
        "seconds": SECONDS,
        "elapsed_s": round(elapsed, 1),
        "database": ENGINE,
    }
    record(f"load-{FAMILIES}f-{CHATS}c-{int(SECONDS)}s", summary)
    log(f"load: {summary}")
    assert stats.server_errors == 0 and 599 not in stats.statuses, summary
    # Every visitor behaves as a person does: none is refused (429) or sent a bad form (400).
    assert not {400, 429} & stats.statuses.keys(), summary
    assert stats.references, summary
    assert stats.chat_turns > 0 and stats.chat_inconsistent == 0, summary
