"""What editors do to services: drafts, review and publishing, retiring, history, flags.

A new service starts as a draft. Changes to a published service are held as a draft
(`pending_changes`) until someone publishes them, so families never see half-made edits.
"""

from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.localoffer.models import Service, ServiceFlag, ServiceRevision, utcnow
from portal.localoffer.records import Record, apply_record, service_to_record, validate_record
from portal.localoffer.search import index_services

REVIEW_EVERY = timedelta(days=365)
FLAG_PROBLEMS = {
    "contact": _l("The phone number, email or website is wrong"),
    "place": _l("The address or opening times are wrong"),
    "closed": _l("The service has closed or changed"),
    "eligibility": _l("Who it is for or what it costs is wrong"),
    "other": _l("Something else"),
}
# The same, short enough for the heading of a table column.
FLAG_PROBLEM_HEADINGS = {
    "contact": _l("Phone, email or website"),
    "place": _l("Address or opening times"),
    "closed": _l("Closed or changed"),
    "eligibility": _l("Who it is for or cost"),
    "other": _l("Something else"),
}


def add_revision(service: Service, action: str, user: str, summary: str = "") -> ServiceRevision:
    """Record a change to a service in its history."""
    revision = ServiceRevision(
        service_id=service.id,
        action=action,
        changed_by=user,
        summary=summary,
        record=service_to_record(service),
    )
    db.session.add(revision)
    return revision


def history(service: Service) -> list[ServiceRevision]:
    """A service's changes, newest first."""
    return list(
        db.session.scalars(
            sa.select(ServiceRevision)
            .where(ServiceRevision.service_id == service.id)
            .order_by(ServiceRevision.changed_at.desc(), ServiceRevision.id.desc())
        )
    )


def create_service(record: Record, user: str) -> Service:
    """A new draft service from a checked record."""
    service = Service(status="draft", origin="editor", edited_by_staff=True)
    apply_record(service, record)
    db.session.add(service)
    db.session.flush()
    add_revision(service, "created", user, "Draft created")
    db.session.commit()
    return service


def save_draft(service: Service, record: Record, user: str) -> None:
    """Save an editor's changes: straight onto a draft, or held for review on a live service."""
    if service.status == "published":
        service.pending_changes = record
        summary = "Changes saved for review"
    else:
        apply_record(service, record)
        summary = "Draft changed"
    service.edited_by_staff = True
    db.session.flush()
    add_revision(service, "edited", user, summary)
    db.session.commit()


def publish(service: Service, user: str, today: date | None = None) -> None:
    """Publish a draft, or a live service's pending changes; publishing counts as a review."""
    if service.pending_changes:
        apply_record(service, service.pending_changes)
        service.pending_changes = None
    service.status = "published"
    service.edited_by_staff = True
    service.last_reviewed = today or date.today()
    db.session.flush()
    index_services([service])
    add_revision(service, "published", user, "Published")
    db.session.commit()


def retire(service: Service, user: str) -> None:
    """Take a service off the public directory, keeping its record and history."""
    service.status = "retired"
    service.edited_by_staff = True
    db.session.flush()
    index_services([service])
    add_revision(service, "retired", user, "Retired")
    db.session.commit()


def mark_reviewed(service: Service, user: str, today: date | None = None) -> None:
    """Confirm a live service is still right."""
    service.last_reviewed = today or date.today()
    service.edited_by_staff = True
    db.session.flush()
    add_revision(service, "reviewed", user, "Checked and still correct")
    db.session.commit()


def review_due(today: date | None = None) -> list[Service]:
    """Published services not reviewed in the last year, oldest first."""
    cutoff = (today or date.today()) - REVIEW_EVERY
    return list(
        db.session.scalars(
            sa.select(Service)
            .where(Service.status == "published")
            .where(sa.or_(Service.last_reviewed.is_(None), Service.last_reviewed < cutoff))
            .order_by(Service.last_reviewed.asc().nulls_first(), Service.name)
        )
    )


def record_flag(service: Service, problem: str, details: str) -> ServiceFlag:
    """A family's report that the information is wrong, into the editors' queue."""
    flag = ServiceFlag(service_id=service.id, problem=problem, details=details.strip())
    db.session.add(flag)
    db.session.commit()
    return flag


def open_flags() -> list[ServiceFlag]:
    """Flags still waiting for an editor, oldest first."""
    return list(
        db.session.scalars(
            sa.select(ServiceFlag)
            .where(ServiceFlag.status == "open")
            .order_by(ServiceFlag.created_at, ServiceFlag.id)
        )
    )


def resolve_flag(flag: ServiceFlag, user: str) -> None:
    """Close a flag once the editor has dealt with it."""
    flag.status = "resolved"
    flag.resolved_at = utcnow()
    flag.resolved_by = user
    db.session.commit()


def import_records(records: list[Record], user: str) -> dict[str, int]:
    """Create or replace services from imported records (Open Referral UK JSON or CSV)."""
    problems = [problem for record in records for problem in validate_record(record)]
    if problems:
        raise ValueError("; ".join(problems))
    existing = {s.slug: s for s in db.session.scalars(sa.select(Service))}
    counts = {"created": 0, "updated": 0}
    touched = []
    for record in records:
        service = existing.get(str(record["id"]))
        if service is None:
            service = Service(origin="imported")
            db.session.add(service)
            counts["created"] += 1
        else:
            counts["updated"] += 1
        apply_record(service, record)
        service.status = record.get("status") or "published"
        service.edited_by_staff = True
        service.pending_changes = None
        db.session.flush()
        add_revision(service, "imported", user, "Imported")
        touched.append(service)
    index_services(touched)
    db.session.commit()
    return counts
