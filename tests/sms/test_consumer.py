"""End to end with a real huey consumer process: a signed text in, the reply at the fake Twilio."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from huey.storage import SqliteStorage

from portal import worker
from portal.extensions import db
from tests.conftest import make_test_app
from tests.fakes.twilio_server import ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER
from tests.sms.conftest import NUMBER, PUBLIC_URL, text_in

ROOT = Path(__file__).resolve().parents[2]


def start_consumer(tmp_path, database_uri, fake_twilio, fake_rasa) -> subprocess.Popen:
    env = {
        **os.environ,
        "PORTAL_INSTANCE_PATH": str(tmp_path),
        "DATABASE_URL": database_uri,
        "SECRET_KEY": "consumer-test",
        "PUBLIC_URL": PUBLIC_URL,
        "RASA_URL": fake_rasa.url,
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_FROM_NUMBER": FROM_NUMBER,
        "TWILIO_API_BASE_URL": fake_twilio.base_url,
        "HUEY_REDIS_URL": "",
        "REDIS_URL": "",
    }
    command = [
        sys.executable,
        "-m",
        "huey.bin.huey_consumer",
        "portal.worker.huey",
        "-k",
        "thread",
        "-w",
        "2",
    ]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


@pytest.mark.slow
def test_a_real_consumer_answers_a_signed_text(database_uri, tmp_path, fake_twilio, fake_rasa):
    app = make_test_app(
        database_uri,
        tmp_path,
        PUBLIC_URL=PUBLIC_URL,
        TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        TWILIO_ACCOUNT_SID=ACCOUNT_SID,
        OUTBOX_ENQUEUE=True,
    )
    original = worker.huey.storage
    worker.huey.storage = SqliteStorage(name=worker.huey.name, filename=str(tmp_path / "huey.db"))
    consumer = start_consumer(tmp_path, database_uri, fake_twilio, fake_rasa)
    try:
        client = app.test_client()
        started = time.perf_counter()
        response = text_in(client, "Where can I get help with money?")
        acknowledged = time.perf_counter() - started
        assert response.status_code == 200 and response.get_data(as_text=True).endswith("<Response/>")
        assert acknowledged < 1.0
        assert fake_rasa.calls == []  # the request did not wait for the assistant
        deadline = time.monotonic() + 30
        while not fake_twilio.messages and time.monotonic() < deadline and consumer.poll() is None:
            time.sleep(0.1)
        assert fake_twilio.bodies_to(NUMBER) == ["You said: Where can I get help with money?"]
    finally:
        consumer.terminate()
        output = consumer.communicate(timeout=20)[0]
        worker.huey.storage = original
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    assert "Traceback" not in output, output
