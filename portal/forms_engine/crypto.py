"""Encryption at rest for contact details and drafts (Fernet), with a key kept out of the repository."""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app

from portal.config import instance_secret

KEY_FILE = "contact_encryption_key"


def encryption_key(instance_path: str, configured: str | None) -> bytes:
    """The configured key, or one generated once into the instance folder (readable by its owner only)."""
    if configured:
        return configured.encode()
    return instance_secret(instance_path, KEY_FILE, generate=lambda: Fernet.generate_key().decode()).encode()


def _fernet() -> Fernet:
    app = current_app
    cached = app.extensions.get("forms_engine_fernet")
    if cached is None:
        key = encryption_key(app.instance_path, app.config.get("CONTACT_ENCRYPTION_KEY"))
        cached = app.extensions["forms_engine_fernet"] = Fernet(key)
    return cached


def encrypt(text: str) -> str:
    """Text encrypted for storage."""
    return _fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    """Stored text decrypted; raises ValueError when the key does not match."""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ValueError("cannot decrypt: the encryption key has changed") from error
