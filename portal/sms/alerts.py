"""Alerts staff see on the SMS page, and that are logged for whoever watches the logs."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select

from portal.extensions import db
from portal.outbox.models import utcnow
from portal.sms.models import SmsAlert

log = logging.getLogger(__name__)


def raise_alert(kind: str, detail: str) -> SmsAlert | None:
    """Record an alert unless the same one is already open from the last hour (in the caller's
    transaction). ``detail`` must not hold a phone number."""
    since = utcnow() - timedelta(hours=1)
    open_alert = db.session.scalar(
        select(SmsAlert).where(
            SmsAlert.kind == kind,
            SmsAlert.detail == detail,
            SmsAlert.resolved_at.is_(None),
            SmsAlert.created_at >= since,
        )
    )
    if open_alert is not None:
        return None
    log.warning("SMS alert %s: %s", kind, detail)
    alert = SmsAlert(kind=kind, detail=detail, created_at=utcnow())
    db.session.add(alert)
    return alert


def open_alerts() -> list[SmsAlert]:
    return list(
        db.session.scalars(
            select(SmsAlert).where(SmsAlert.resolved_at.is_(None)).order_by(SmsAlert.created_at.desc())
        )
    )


def resolve(alert_id: int) -> bool:
    alert = db.session.get(SmsAlert, alert_id)
    if alert is None or alert.resolved_at is not None:
        return False
    alert.resolved_at = utcnow()
    return True
