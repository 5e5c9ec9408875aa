"""The task queue's set-up: SQLite by default, Redis when configured; the `portal worker` command."""

import pytest
from huey import RedisHuey, SqliteHuey

from portal import worker


def test_sqlite_queue_in_the_instance_folder_by_default(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("HUEY_REDIS_URL", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    queue = worker.make_huey()
    assert isinstance(queue, SqliteHuey)
    assert queue.storage.filename == str(tmp_path / "huey.db")


def test_redis_queue_when_configured(monkeypatch):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on this machine")
    monkeypatch.setenv("HUEY_REDIS_URL", url)
    queue = worker.make_huey()
    assert isinstance(queue, RedisHuey)
    queue.flush()

    @queue.task()
    def ping():
        return "pong"

    ping()
    assert queue.pending_count() == 1
    assert queue.execute(queue.dequeue()) == "pong"
    queue.flush()


def test_portal_worker_command_is_registered(app):
    result = app.test_cli_runner().invoke(args=["worker", "--help"])
    assert result.exit_code == 0
    assert "task queue consumer" in result.output
