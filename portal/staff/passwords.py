"""Staff passwords: argon2 hashes and the NCSC rules (long enough, not a common password).

Following NCSC guidance there are no composition rules ("one capital, one symbol") and no
forced expiry; instead a minimum length and a deny-list of passwords attackers try first.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 12
MAX_LENGTH = 256
DENY_LIST = Path(__file__).parent / "content" / "common_passwords.txt"

_hasher = PasswordHasher()
# Hashed once so that an unknown email takes as long to refuse as a wrong password.
_DUMMY_HASH = _hasher.hash("not a real password, used to even out timing")


@cache
def common_passwords() -> frozenset[str]:
    """The deny-list, lower-cased."""
    lines = DENY_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def password_problem(password: str, *, email: str = "", name: str = "") -> str | None:
    """Why this password cannot be used, in plain words, or None when it is fine."""
    if len(password) < MIN_LENGTH:
        return f"Password must be {MIN_LENGTH} characters or more"
    if len(password) > MAX_LENGTH:
        return f"Password must be {MAX_LENGTH} characters or fewer"
    lowered = password.lower()
    if len(set(lowered)) <= 2:
        return "Password must not be the same character repeated"
    denied = common_passwords()
    core = re.sub(r"[\d\W_]+$", "", lowered)
    if lowered in denied or lowered.replace(" ", "") in denied or (len(core) >= 6 and core in denied):
        return "Password is too common. Try three random words together"
    for personal in (email.split("@")[0].lower(), *name.lower().split()):
        if len(personal) >= 4 and personal in lowered and len(lowered) - len(personal) < MIN_LENGTH:
            return "Password must not be based on your name or email address"
    return None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches; always does the same amount of work."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


# Stored for accounts made by single sign-on: not an argon2 hash, so no password ever matches it.
NO_PASSWORD = "!single-sign-on"  # noqa: S105
