"""Loads the shipped directory (content/services.yaml) as a setup step.

Idempotent: a shipped record is created once, updated when the shipped content changes,
and never overwritten once staff have edited it (their edit wins; origin is tracked).
"""

import logging
from pathlib import Path

import sqlalchemy as sa
import yaml

from portal.extensions import db
from portal.localoffer.editing import add_revision
from portal.localoffer.models import Service
from portal.localoffer.records import Record, apply_record, record_hash, validate_record
from portal.localoffer.search import INDEX_VERSION, index_services, reindex_all
from portal.localoffer.taxonomy import CONTENT

log = logging.getLogger(__name__)


def shipped_records(path: Path = CONTENT / "services.yaml") -> list[Record]:
    """The records shipped with the portal."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))["services"]


def load_shipped_services(records: list[Record] | None = None) -> dict[str, int]:
    """Create or update shipped services; returns counts of created, updated and kept records."""
    records = shipped_records() if records is None else records
    problems = [problem for record in records for problem in validate_record(record)]
    if problems:
        raise ValueError("; ".join(problems))
    existing = {s.slug: s for s in db.session.scalars(sa.select(Service))}
    counts = {"created": 0, "updated": 0, "kept": 0}
    touched = []
    for record in records:
        fingerprint = record_hash(record)
        service = existing.get(record["id"])
        if service is None:
            service = Service(status="published", origin="shipped")
            apply_record(service, record)
            service.shipped_hash = fingerprint
            db.session.add(service)
            db.session.flush()
            add_revision(service, "created", "", "Loaded from the shipped directory")
            counts["created"] += 1
        elif (
            service.origin == "shipped"
            and not service.edited_by_staff
            and service.shipped_hash != fingerprint
        ):
            apply_record(service, record)
            service.shipped_hash = fingerprint
            db.session.flush()
            add_revision(service, "updated", "", "Updated from the shipped directory")
            counts["updated"] += 1
        else:
            counts["kept"] += 1
            continue
        touched.append(service)
    index_services(touched)
    db.session.commit()
    log.info("Local Offer seed: %(created)s created, %(updated)s updated, %(kept)s kept", counts)
    return counts


def setup_step() -> str:
    """`portal setup` step: load the shipped directory unless it is unchanged since last time."""
    from portal.setup_steps import already_applied, fingerprint_files, mark_applied

    fingerprint = fingerprint_files([CONTENT / "services.yaml", CONTENT / "taxonomy.yaml"]) + INDEX_VERSION
    if already_applied("localoffer", fingerprint):
        return "Local Offer directory unchanged"
    counts = load_shipped_services()
    reindex_all()  # the taxonomy words or the index layout may have changed
    mark_applied("localoffer", fingerprint)
    db.session.commit()
    return "Local Offer directory: {created} added, {updated} updated, {kept} kept".format(**counts)
