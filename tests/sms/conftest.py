"""Fixtures for the SMS gateway: a fake Twilio, a fake Rasa, and the portal wired to both with the
task queue in immediate mode (each task runs as soon as it is enqueued, after the commit)."""

from __future__ import annotations

import urllib.parse

import pytest

from portal import worker
from tests.conftest import make_test_app
from tests.fakes.rasa_server import FakeRasa
from tests.fakes.twilio_server import ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, FakeTwilio, sign

PUBLIC_URL = "https://voice.example.gov.uk"
NUMBER = "+447700900123"  # Ofcom's range for drama: never a real phone
OTHER_NUMBER = "+447700900456"


@pytest.fixture
def fake_twilio():
    fake = FakeTwilio().start()
    yield fake
    fake.stop()


@pytest.fixture
def fake_rasa():
    fake = FakeRasa().start()
    yield fake
    fake.stop()


def sms_config(fake_twilio, fake_rasa, **overrides) -> dict:
    return {
        "PUBLIC_URL": PUBLIC_URL,
        "RASA_URL": fake_rasa.url,
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_FROM_NUMBER": FROM_NUMBER,
        "TWILIO_API_BASE_URL": fake_twilio.base_url,
        "TWILIO_TIMEOUT_SECONDS": 1.0,
        "SMS_RASA_TIMEOUT_SECONDS": 2.0,
        "OUTBOX_ENQUEUE": True,
        "OUTBOX_MAX_ATTEMPTS": 4,
        **overrides,
    }


@pytest.fixture
def sms_overrides():
    return {}


@pytest.fixture
def sms_app(database_uri, tmp_path, fake_twilio, fake_rasa, sms_overrides):
    from portal.extensions import db

    app = make_test_app(database_uri, tmp_path, **sms_config(fake_twilio, fake_rasa, **sms_overrides))
    worker.set_app(app)
    worker.huey.immediate = True
    yield app
    worker.huey.immediate = False
    worker.set_app(None)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def sms_client(sms_app):
    from tests.conftest import CheckingClient

    sms_app.test_client_class = CheckingClient
    return sms_app.test_client()


def signed_post(
    client, path: str, params: dict, *, url: str | None = None, token: str = AUTH_TOKEN, **kwargs
):
    """POST form ``params`` to ``path`` signed as Twilio would for ``url`` (default PUBLIC_URL + path).

    The response is closed once read, as a WSGI server closes it once sent: the webhook enqueues
    the worker at that moment, after Twilio has its answer."""
    signature = sign(url or PUBLIC_URL + path, params, token)
    kwargs.setdefault("buffered", True)
    return client.post(path, data=params, headers={"X-Twilio-Signature": signature}, **kwargs)


def inbound_params(body: str, number: str = NUMBER, sid: str = "SM" + "1" * 32) -> dict:
    return {
        "MessageSid": sid,
        "SmsSid": sid,
        "AccountSid": ACCOUNT_SID,
        "From": number,
        "To": FROM_NUMBER,
        "Body": body,
        "NumMedia": "0",
        "NumSegments": "1",
        "FromCountry": "GB",
        "ApiVersion": "2010-04-01",
    }


def text_in(client, body: str, number: str = NUMBER, sid: str | None = None):
    """A signed inbound text, as Twilio delivers it."""
    sid = sid or "SM" + urllib.parse.quote(str(abs(hash((body, number)))))[:16].ljust(32, "0")
    return signed_post(client, "/sms/inbound", inbound_params(body, number, sid))
