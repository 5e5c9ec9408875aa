"""Checking a member of staff's password and code, locking accounts after repeated failures."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app, session
from flask_login import login_user, logout_user
from sqlalchemy import func, select

from portal.extensions import db
from portal.staff import audit, secretbox, totp
from portal.staff.models import StaffUser, new_session_nonce, utcnow
from portal.staff.passwords import hash_password, needs_rehash, verify_password

MAX_FAILED_ATTEMPTS = 5
LOCK_OUT_FOR = timedelta(minutes=15)
PENDING_FOR = timedelta(minutes=10)


@dataclass(frozen=True)
class PasswordCheck:
    """What happened when someone typed an email and password. Never shown in detail to them."""

    user: StaffUser | None
    outcome: str  # "ok", "wrong", "locked", "inactive"

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


def normalise_email(email: str) -> str:
    return email.strip().lower()


def user_by_email(email: str) -> StaffUser | None:
    return db.session.scalar(select(StaffUser).where(func.lower(StaffUser.email) == normalise_email(email)))


def email_fingerprint(email: str) -> str:
    """A keyed hash of a typed email, so failed sign-ins can be counted without storing what was typed."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, normalise_email(email).encode(), hashlib.sha256).hexdigest()[:16]


def register_failure(user: StaffUser, now: datetime) -> None:
    user.failed_attempts = (user.failed_attempts or 0) + 1
    if user.failed_attempts >= MAX_FAILED_ATTEMPTS:
        user.locked_until = now + LOCK_OUT_FOR
        user.failed_attempts = 0
        audit.record("account_locked", subject_type="staff_user", subject_id=user.id, user=user)


def check_password(email: str, password: str, now: datetime | None = None) -> PasswordCheck:
    """Check the password, count failures and lock the account after five; audits every attempt."""
    now = now or utcnow()
    user = user_by_email(email)
    matches = verify_password(user.password_hash if user else None, password)
    if user is None:
        audit.record(
            "sign_in_failed", detail={"email_fingerprint": email_fingerprint(email), "why": "unknown"}
        )
        return PasswordCheck(None, "wrong")
    if user.is_locked(now):
        audit.record(
            "sign_in_failed",
            subject_type="staff_user",
            subject_id=user.id,
            detail={"why": "locked"},
            user=user,
        )
        return PasswordCheck(user, "locked")
    if not matches:
        audit.record(
            "sign_in_failed",
            subject_type="staff_user",
            subject_id=user.id,
            detail={"why": "password"},
            user=user,
        )
        register_failure(user, now)
        return PasswordCheck(user, "wrong")
    if not user.active:
        audit.record(
            "sign_in_failed",
            subject_type="staff_user",
            subject_id=user.id,
            detail={"why": "inactive"},
            user=user,
        )
        return PasswordCheck(user, "inactive")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return PasswordCheck(user, "ok")


def check_code(user: StaffUser, code: str, now: datetime | None = None) -> bool:
    """Check a one-time code from the person's authenticator; a wrong code counts as a failed attempt."""
    now = now or utcnow()
    if user.is_locked(now) or not user.active or not user.totp_secret:
        audit.record(
            "sign_in_failed", subject_type="staff_user", subject_id=user.id, detail={"why": "code"}, user=user
        )
        return False
    step = totp.matching_step(
        secretbox.unseal(user.totp_secret), code, last_step=user.totp_last_step, at=now.timestamp()
    )
    if step is None:
        audit.record(
            "sign_in_failed", subject_type="staff_user", subject_id=user.id, detail={"why": "code"}, user=user
        )
        register_failure(user, now)
        return False
    user.totp_last_step = step
    return True


def start_pending(user: StaffUser, now: datetime | None = None) -> None:
    """Remember, in a fresh session, who passed the password step and still owes a code."""
    session.clear()
    session["staff_pending"] = {
        "user": user.id,
        "nonce": user.session_nonce,
        "at": (now or utcnow()).timestamp(),
    }


def pending_user(now: datetime | None = None) -> StaffUser | None:
    pending = session.get("staff_pending")
    if not pending:
        return None
    if (now or utcnow()).timestamp() - pending["at"] > PENDING_FOR.total_seconds():
        session.pop("staff_pending", None)
        return None
    user = db.session.get(StaffUser, pending["user"])
    if user is None or user.session_nonce != pending["nonce"] or not user.active:
        return None
    return user


def complete_sign_in(user: StaffUser, now: datetime | None = None) -> None:
    """Sign the person in with a brand-new session identity (no session fixation)."""
    session.clear()
    user.session_nonce = new_session_nonce()
    user.failed_attempts = 0
    user.locked_until = None
    user.last_sign_in_at = now or utcnow()
    login_user(user)
    audit.record("sign_in", subject_type="staff_user", subject_id=user.id, user=user)
    db.session.commit()


def sign_out(user: StaffUser) -> None:
    """End this session and every copy of it: the old cookie no longer identifies anyone."""
    audit.record("sign_out", subject_type="staff_user", subject_id=user.id, user=user)
    user.session_nonce = new_session_nonce()
    db.session.commit()
    logout_user()
    session.clear()


def load_user(user_id: str) -> StaffUser | None:
    """Flask-Login's loader: the id and the session nonce must both match an active account."""
    identifier, _, nonce = user_id.partition(".")
    if not identifier.isdigit() or not nonce:
        return None
    user = db.session.get(StaffUser, int(identifier))
    if user is None or not user.active or not hmac.compare_digest(user.session_nonce, nonce):
        return None
    return user
