"""Time-based one-time codes (TOTP, RFC 6238) as a second factor, with replay refused."""

from __future__ import annotations

import hmac
import time

import pyotp

ISSUER = "Family voice staff"
WINDOW = 1  # accept the code before and after the current one, for clock drift


def new_secret() -> str:
    return pyotp.random_base32()


def grouped(secret: str) -> str:
    """The secret in groups of four, easier to type into an authenticator app."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def current_code(secret: str, at: float | None = None) -> str:
    return pyotp.TOTP(secret).at(at if at is not None else time.time())


def matching_step(
    secret: str, code: str, *, last_step: int | None = None, at: float | None = None
) -> int | None:
    """The time step the code belongs to, or None if wrong, stale or already used."""
    code = "".join(code.split())
    if not code.isdigit() or len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    moment = at if at is not None else time.time()
    current = totp.timecode(moment)
    for offset in range(-WINDOW, WINDOW + 1):
        step = current + offset
        if last_step is not None and step <= last_step:
            continue
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None
