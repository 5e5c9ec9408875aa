"""Rotating the contact store's encryption key: every encrypted value re-encrypted in one transaction.

Capabilities that keep values encrypted with the contact key (``portal.forms_engine.crypto``)
list their columns with ``register_encrypted_columns``; ``portal rotate-contact-key`` reads the
new key from standard input, re-encrypts every listed column from the key in use to the new one,
and writes the instance key file (or tells the operator to change ``CONTACT_ENCRYPTION_KEY``).
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app
from sqlalchemy import select

from portal.extensions import db

_columns: dict[str, tuple[type, tuple[str, ...]]] = {}


def register_encrypted_columns(model: type, *columns: str) -> None:
    """Declare columns holding values encrypted with the contact key (safe to call again)."""
    _columns[f"{model.__module__}.{model.__name__}"] = (model, columns)


def current_key() -> bytes:
    from portal.forms_engine.crypto import encryption_key

    return encryption_key(current_app.instance_path, current_app.config.get("CONTACT_ENCRYPTION_KEY"))


def rotate(new_key: bytes) -> int:
    """Re-encrypt every registered value under ``new_key``; returns how many values changed.

    Nothing is committed unless every value decrypts with the key in use.
    """
    old, new = Fernet(current_key()), Fernet(new_key)
    changed = 0
    for model, columns in _columns.values():
        for row in db.session.scalars(select(model)):
            for column in columns:
                value = getattr(row, column)
                if not value:
                    continue
                try:
                    plain = old.decrypt(value.encode())
                except InvalidToken as error:
                    raise ValueError(
                        f"{model.__tablename__}.{column} does not decrypt with the key in use"
                    ) from error
                setattr(row, column, new.encrypt(plain).decode())
                changed += 1
    return changed


def store_instance_key(new_key: bytes) -> Path | None:
    """Write the new key to the instance key file when the key comes from there (not from configuration)."""
    if current_app.config.get("CONTACT_ENCRYPTION_KEY"):
        return None
    from portal.forms_engine.crypto import KEY_FILE

    path = Path(current_app.instance_path) / KEY_FILE
    temporary = path.with_suffix(".new")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(new_key + b"\n")
    temporary.replace(path)
    current_app.extensions.pop("forms_engine_fernet", None)
    return path


def register_forms_engine_columns() -> None:
    from portal.forms_engine.models import ContactDetail, FormDraft
    from portal.outbox.models import OutboxMessage

    register_encrypted_columns(ContactDetail, "value_encrypted")
    register_encrypted_columns(FormDraft, "answers_encrypted")
    # The shared outbox encrypts recipients and bodies (resume-code emails, texts) with the same key.
    register_encrypted_columns(OutboxMessage, "recipient_encrypted", "body_encrypted")
