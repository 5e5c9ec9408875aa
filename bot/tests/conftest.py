"""Fixtures for the action tests: a fake portal and a closed port standing in for a portal that is down."""

from __future__ import annotations

import os
import socket
import sys
import warnings
from pathlib import Path

import pytest

# Rasa 3.6 pins SQLAlchemy 1.4, which warns about its own 2.0 migration on import.
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
BOT = Path(__file__).resolve().parents[1]
if str(BOT) not in sys.path:
    sys.path.insert(0, str(BOT))

from actions import contacts  # noqa: E402
from tests.fake_portal import FakePortal  # noqa: E402


@pytest.fixture(autouse=True)
def fresh_contacts(monkeypatch):
    """Every test starts with no cached contacts and known public URL and token."""
    contacts.clear_cache()
    monkeypatch.setenv("PUBLIC_URL", "http://portal.test")
    monkeypatch.setenv("PORTAL_API_TOKEN", "test-token")
    yield
    contacts.clear_cache()


@pytest.fixture
def portal(monkeypatch):
    """A running fake portal that the actions talk to."""
    fake = FakePortal().start()
    monkeypatch.setenv("PORTAL_API_URL", fake.url)
    yield fake
    fake.stop()


@pytest.fixture
def portal_down(monkeypatch):
    """PORTAL_API_URL pointing at a local port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("PORTAL_API_URL", f"http://127.0.0.1:{port}/api/v1")
    yield


MODEL = BOT / "models" / "model.tar.gz"


@pytest.fixture(scope="session")
def agent():
    """The trained model, loaded once for every model-level test (loading takes tens of seconds)."""
    if not MODEL.exists():
        pytest.skip("no trained model: run make bot-train")
    from rasa.core.agent import Agent

    with warnings.catch_warnings():
        # Loading a model makes Rasa and TensorFlow emit their own notices; they are not ours to fix.
        warnings.simplefilter("ignore")
        return Agent.load(model_path=str(MODEL))
