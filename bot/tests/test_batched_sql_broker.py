"""The batching SQL event broker writes the same rows as Rasa's, one transaction per turn."""

import asyncio
import json
import sqlite3
import threading

from addons.batched_sql_broker import BatchedSQLEventBroker


def rows(path):
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT sender_id, data FROM events ORDER BY id").fetchall()


def test_events_of_one_turn_are_written_together_in_order(tmp_path):
    db = tmp_path / "events.db"
    broker = BatchedSQLEventBroker(dialect="sqlite", db=str(db))

    async def turns():
        for number in range(3):
            broker.publish({"sender_id": "sms:a", "event": "user", "n": number})
        queued_before_the_loop_turned = rows(db)
        await asyncio.sleep(0)
        broker.publish({"sender_id": "sms:b", "event": "user", "n": 3})
        await asyncio.sleep(0)
        await broker.written()
        return queued_before_the_loop_turned

    assert asyncio.run(turns()) == []
    assert [(sender, json.loads(data)["n"]) for sender, data in rows(db)] == [
        ("sms:a", 0),
        ("sms:a", 1),
        ("sms:a", 2),
        ("sms:b", 3),
    ]


def test_a_turn_is_written_in_the_writer_thread_not_on_the_loop(tmp_path):
    broker = BatchedSQLEventBroker(dialect="sqlite", db=str(tmp_path / "events.db"))
    threads = []
    write = broker._write
    broker._write = lambda events: threads.append(threading.current_thread().name) or write(events)

    async def turn():
        broker.publish({"sender_id": "sms:a", "event": "user"})
        await asyncio.sleep(0)
        await broker.written()

    asyncio.run(turn())
    assert threads and threads[0].startswith("events-writer")


def test_a_failed_write_is_logged(tmp_path, caplog):
    broker = BatchedSQLEventBroker(dialect="sqlite", db=str(tmp_path / "events.db"))
    broker.publish({"sender_id": "sms:a", "event": "user", "unserialisable": object()})
    asyncio.run(broker.close())  # joins the writer thread, so its log is complete
    assert "Could not write conversation events" in caplog.text


def test_outside_an_event_loop_events_are_written_at_once(tmp_path):
    db = tmp_path / "events.db"
    broker = BatchedSQLEventBroker(dialect="sqlite", db=str(db))
    broker.publish({"sender_id": "web:b", "event": "bot"})
    assert rows(db)[0][0] == "web:b"


def test_close_writes_what_is_queued(tmp_path):
    db = tmp_path / "events.db"
    broker = BatchedSQLEventBroker(dialect="sqlite", db=str(db))

    async def publish_and_close():
        broker.publish({"sender_id": "sms:c", "event": "user"})
        await broker.close()
        return rows(db)

    assert len(asyncio.run(publish_and_close())) == 1
