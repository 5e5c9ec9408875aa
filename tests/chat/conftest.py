"""Fixtures for the chat tests: a fake Rasa REST channel the test app talks to."""

import socket

import pytest

from tests.chat.fake_rasa import FakeRasa


@pytest.fixture
def fake_rasa():
    fake = FakeRasa()
    yield fake
    fake.stop()


def closed_port_url() -> str:
    """A loopback address nobody listens on: the assistant is down."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return f"http://127.0.0.1:{port}"
