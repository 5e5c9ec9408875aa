"""Changes admins make to staff accounts, each written to the audit log with the change."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.extensions import db
from portal.staff import audit
from portal.staff.models import StaffUser, new_session_nonce
from portal.staff.passwords import hash_password


class LastAdminError(Exception):
    """The change would leave the staff area with no active administrator."""


def _active_admins() -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(StaffUser)
        .where(StaffUser.role == "admin", StaffUser.active.is_(True))
    )


def _guard_last_admin(user: StaffUser) -> None:
    if user.role == "admin" and user.active and _active_admins() <= 1:
        raise LastAdminError


def create_user(*, email: str, name: str, role: str, password: str) -> StaffUser:
    user = StaffUser(
        email=email.strip().lower(), name=name.strip(), role=role, password_hash=hash_password(password)
    )
    db.session.add(user)
    db.session.flush()
    audit.record("user_created", subject_type="staff_user", subject_id=user.id, detail={"role": role})
    return user


def change_role(user: StaffUser, role: str) -> None:
    if role == user.role:
        return
    if role != "admin":
        _guard_last_admin(user)
    audit.record(
        "user_role_changed",
        subject_type="staff_user",
        subject_id=user.id,
        detail={"from": user.role, "to": role},
    )
    user.role = role
    user.session_nonce = new_session_nonce()


def set_active(user: StaffUser, active: bool) -> None:
    if not active:
        _guard_last_admin(user)
    user.active = active
    user.session_nonce = new_session_nonce()
    audit.record(
        "user_reactivated" if active else "user_deactivated", subject_type="staff_user", subject_id=user.id
    )


def unlock(user: StaffUser) -> None:
    user.locked_until = None
    user.failed_attempts = 0
    audit.record("user_unlocked", subject_type="staff_user", subject_id=user.id)


def reset_password(user: StaffUser, password: str) -> None:
    user.password_hash = hash_password(password)
    user.session_nonce = new_session_nonce()
    audit.record("user_password_reset", subject_type="staff_user", subject_id=user.id)


def reset_two_factor(user: StaffUser) -> None:
    user.totp_secret = None
    user.totp_last_step = None
    user.session_nonce = new_session_nonce()
    audit.record("user_two_factor_reset", subject_type="staff_user", subject_id=user.id)
