"""Steps that ``portal setup`` runs after migrating: loading shipped content, in a fixed order.

Each capability registers its steps in its ``init_app``; every step must be idempotent.
"""

from collections.abc import Callable

from flask import Flask

SetupStep = Callable[[], str | None]


def register_setup_step(app: Flask, name: str, step: SetupStep) -> None:
    """Add a step to ``portal setup``. The step may return a one-line summary of what it did."""
    app.extensions.setdefault("portal_setup_steps", []).append((name, step))


def setup_steps(app: Flask) -> list[tuple[str, SetupStep]]:
    return list(app.extensions.get("portal_setup_steps", []))


def fingerprint_files(paths) -> str:
    """A stable hash of the given files' names and contents, to tell when shipped content changed."""
    import hashlib
    from pathlib import Path

    digest = hashlib.sha256()
    for path in sorted(Path(p) for p in paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def already_applied(name: str, fingerprint: str) -> bool:
    """True when the step ``name`` last ran with exactly this fingerprint."""
    from portal.core.models import SetupRecord
    from portal.extensions import db

    record = db.session.get(SetupRecord, name)
    return record is not None and record.fingerprint == fingerprint


def mark_applied(name: str, fingerprint: str) -> None:
    """Remember the fingerprint a step loaded (committed with the step's own changes)."""
    from portal.core.models import SetupRecord, utcnow
    from portal.extensions import db

    record = db.session.get(SetupRecord, name) or SetupRecord(name=name)
    record.fingerprint = fingerprint
    record.applied_at = utcnow()
    db.session.add(record)
