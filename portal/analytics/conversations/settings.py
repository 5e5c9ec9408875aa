"""Settings for the conversation ingest and the web chat, read from the environment."""

import os
from pathlib import Path

from flask import Flask

BOT_FOLDER = Path(__file__).resolve().parents[3] / "bot"


def init_settings(app: Flask) -> None:
    """Fill in defaults the app factory does not know about (tests and deployments can override them)."""
    env = os.environ
    app.config.setdefault(
        "RASA_EVENTS_DB_URL", env.get("RASA_EVENTS_DB_URL") or f"sqlite:///{BOT_FOLDER / 'events.db'}"
    )
    app.config.setdefault("RABBITMQ_URL", env.get("RABBITMQ_URL", ""))
    app.config.setdefault("RASA_EVENTS_QUEUE", env.get("RASA_EVENTS_QUEUE") or "rasa_events")
