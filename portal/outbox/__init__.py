"""The one outbox for every message the service sends (SMS now; email through the same table later).

Callers use :func:`queue_message` inside their own transaction; the row is the promise. After the
transaction commits a worker task is enqueued to send it, and a periodic sweep re-enqueues anything
due, so a lost task or a killed worker delays a message but never loses it.
"""

from flask import Flask

from portal.outbox.service import queue_message  # noqa: F401  (the public function)


def init_app(app: Flask) -> None:
    from portal.outbox import models, service  # noqa: F401  (the table; the after-commit hook)

    app.config.setdefault("OUTBOX_ENQUEUE", not app.testing)
    app.config.setdefault("OUTBOX_MAX_ATTEMPTS", int(_env("OUTBOX_MAX_ATTEMPTS", "8")))
    app.config.setdefault("OUTBOX_RETRY_BASE_SECONDS", float(_env("OUTBOX_RETRY_BASE_SECONDS", "15")))
    app.config.setdefault("OUTBOX_RETRY_MAX_SECONDS", float(_env("OUTBOX_RETRY_MAX_SECONDS", "1800")))
    app.config.setdefault("OUTBOX_SEND_LEASE_SECONDS", float(_env("OUTBOX_SEND_LEASE_SECONDS", "120")))


def _env(name: str, default: str) -> str:
    import os

    return os.environ.get(name) or default
