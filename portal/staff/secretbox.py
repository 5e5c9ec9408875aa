"""Encryption of staff secrets at rest (the TOTP seeds), with key rotation.

The key is ``STAFF_SECRET_KEYS`` (comma-separated Fernet keys, newest first) or one generated
once into ``instance/staff_secret_key``. Old keys stay readable while listed after the new one;
``portal staff rotate-secrets`` re-encrypts every seed under the first key.
"""

from __future__ import annotations

import os

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app

from portal.config import instance_secret

KEY_FILE = "staff_secret_key"


def _instance_key(instance_path: str) -> bytes:
    return instance_secret(instance_path, KEY_FILE, generate=lambda: Fernet.generate_key().decode()).encode()


def _box() -> MultiFernet:
    app = current_app
    box = app.extensions.get("staff_secretbox")
    if box is None:
        configured = app.config.get("STAFF_SECRET_KEYS") or os.environ.get("STAFF_SECRET_KEYS", "")
        keys = [key.strip().encode() for key in configured.split(",") if key.strip()]
        box = MultiFernet([Fernet(key) for key in keys or [_instance_key(app.instance_path)]])
        app.extensions["staff_secretbox"] = box
    return box


def seal(text: str) -> str:
    return _box().encrypt(text.encode()).decode()


def unseal(token: str) -> str:
    try:
        return _box().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ValueError("cannot decrypt: the staff secret key has changed") from error


def reseal(token: str) -> str:
    """The same secret encrypted under the newest key."""
    return _box().rotate(token.encode()).decode()
