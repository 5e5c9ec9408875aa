"""The task queue (huey): inbound texts to the assistant, outbox sends, and a sweep that loses nothing.

Start it with ``.venv/bin/huey_consumer portal.worker.huey -k thread -w 4`` (or ``portal worker``).
Storage is SQLite in ``instance/huey.db`` by default, Redis when ``HUEY_REDIS_URL`` (or
``REDIS_URL``) is set. Tasks only carry ids: the database is the record, so a lost task or a killed
worker delays work until the next sweep but never loses it.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from huey import RedisHuey, SqliteHuey, crontab

log = logging.getLogger(__name__)


def default_instance_path() -> Path:
    configured = os.environ.get("PORTAL_INSTANCE_PATH")
    return Path(configured) if configured else Path(__file__).resolve().parent.parent / "instance"


def make_huey():
    """SQLite beside the portal's database by default; Redis when configured."""
    redis_url = os.environ.get("HUEY_REDIS_URL") or os.environ.get("REDIS_URL")
    if redis_url:
        return RedisHuey("family-voice", url=redis_url, results=False)
    path = default_instance_path()
    path.mkdir(parents=True, exist_ok=True)
    # No fsync per task: the portal's database is the record and the sweep re-enqueues anything a
    # crash loses, so the queue trades durability for a fast webhook acknowledgement.
    return SqliteHuey("family-voice", filename=str(path / "huey.db"), results=False, fsync=False)


huey = make_huey()
_app = None
_app_lock = threading.Lock()


def set_app(app) -> None:
    """Run tasks against this app (tests, benchmarks); otherwise one is made from the environment."""
    global _app
    _app = app


def flask_app():
    global _app
    with _app_lock:
        if _app is None:
            from portal import create_app

            _app = create_app()
        return _app


def _again(task, args: tuple, delay: float | None) -> None:
    if delay is not None:
        task.schedule(args=args, delay=max(delay, 0.1))


@huey.task()
def send_outbox_message(message_id: int) -> None:
    """Send one outbox message if it is still due; reschedule it when it must wait."""
    from portal.outbox.service import deliver

    with flask_app().app_context():
        _again(send_outbox_message, (message_id,), deliver(message_id))


@huey.task()
def process_sender(sender_key: str) -> None:
    """Answer a sender's waiting texts, in the order they came."""
    from portal.sms.assistant import process_sender as process

    with flask_app().app_context():
        _again(process_sender, (sender_key,), process(sender_key))


def sweep_once() -> tuple[int, int]:
    """Re-enqueue every due outbox message and every sender with waiting texts."""
    from portal.outbox.service import due_messages
    from portal.sms.assistant import due_senders

    with flask_app().app_context():
        messages = due_messages()
        senders = due_senders()
    for message_id in messages:
        send_outbox_message(message_id)
    for key in senders:
        process_sender(key)
    return len(messages), len(senders)


@huey.periodic_task(crontab(minute="*"))
def sweep() -> None:
    """Every minute: pick up anything a lost task or a killed worker left behind."""
    messages, senders = sweep_once()
    if messages or senders:
        log.info("sweep re-enqueued %s outbox messages and %s senders", messages, senders)


@huey.on_startup()
def _sweep_at_start() -> None:
    try:
        sweep_once()
    except Exception:
        log.exception("start-up sweep failed; the periodic sweep will retry")


@huey.periodic_task(crontab(minute="*"))
def ingest_conversations() -> None:
    """Every minute: load the assistant's new conversation events into the analytics store."""
    from portal.analytics.conversations.commands import run_ingest

    with flask_app().app_context():
        for result in run_ingest():
            if result.stored or (result.errors and result.errors != ["no events database yet"]):
                log.info("conversation ingest: %s", result.summary())
