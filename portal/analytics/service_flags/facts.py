"""Keeping the flag facts: added with each new report, and filled in once for older reports."""

import datetime as dt

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from portal.analytics.service_flags.models import ServiceFlagFact
from portal.extensions import db
from portal.feedback.context import quarter_of
from portal.localoffer.models import Service, ServiceFlag


def fact_for(flag: ServiceFlag, service: Service) -> ServiceFlagFact:
    """The fact for one report (the day it was made, or today for a report not yet stored)."""
    day = (flag.created_at or dt.datetime.now(dt.UTC)).date()
    return ServiceFlagFact(
        flag=flag,
        service_slug=service.slug,
        service_name=service.name,
        problem=flag.problem,
        flagged_on=day,
        month=day.strftime("%Y-%m"),
        quarter=quarter_of(day),
    )


def _before_flush(session: Session, _context, _instances) -> None:
    """Add a fact for each new report, in the same transaction as the report."""
    for obj in list(session.new):
        if isinstance(obj, ServiceFlag):
            service = obj.service or session.get(Service, obj.service_id)
            if service is not None:
                session.add(fact_for(obj, service))


def listen() -> None:
    """Keep facts in step with new reports (registered once per process)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)


def fill_missing() -> str:
    """Add facts for reports stored before the fact table existed (idempotent)."""
    missing = list(
        db.session.execute(
            select(ServiceFlag, Service)
            .join(Service, Service.id == ServiceFlag.service_id)
            .outerjoin(ServiceFlagFact, ServiceFlagFact.flag_id == ServiceFlag.id)
            .where(ServiceFlagFact.id.is_(None))
            .order_by(ServiceFlag.id)
        )
    )
    if not missing:
        db.session.rollback()  # end the read, so no connection is left open in a transaction
        return "unchanged"
    db.session.add_all(fact_for(flag, service) for flag, service in missing)
    db.session.commit()
    return f"{len(missing)} flag facts"
