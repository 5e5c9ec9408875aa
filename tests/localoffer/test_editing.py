"""Editors' workflow: drafts, review and publish, retire, history, review-due list, flags."""

from datetime import date

import sqlalchemy as sa

from portal.extensions import db
from portal.localoffer.editing import (
    create_service,
    history,
    mark_reviewed,
    open_flags,
    publish,
    record_flag,
    resolve_flag,
    retire,
    review_due,
    save_draft,
)
from portal.localoffer.models import Service
from portal.localoffer.records import service_to_record
from portal.localoffer.search import SearchParams, search_services
from tests.localoffer.factories import service_record


def _found(words: str) -> list[str]:
    return [s.slug for s in search_services(SearchParams(q=words)).services]


def test_a_new_service_is_a_draft_until_published(app):
    with app.app_context():
        service = create_service(service_record(id="test-new", name="Zebra Crossing Club"), "user:1")
        assert service.status == "draft"
        assert "test-new" not in _found("zebra")
        publish(service, "user:2", today=date(2026, 11, 1))
        assert _found("zebra") == ["test-new"]
        assert service.last_reviewed == date(2026, 11, 1)
        assert [r.action for r in history(service)] == ["published", "created"]


def test_changes_to_a_live_service_wait_for_publishing(app):
    with app.app_context():
        service = db.session.scalar(sa.select(Service).where(Service.slug == "sendiass"))
        record = service_to_record(service)
        record["name"] = "SENDIASS Worcestershire"
        record["description_html"] = "<p>New words</p><script>alert(1)</script>"
        save_draft(service, record, "user:1")
        assert service.name.startswith("SENDIASS (")
        assert service.pending_changes["name"] == "SENDIASS Worcestershire"
        publish(service, "user:2")
        assert service.name == "SENDIASS Worcestershire"
        assert service.description == "<p>New words</p>alert(1)"
        assert service.pending_changes is None
        assert [r.changed_by for r in history(service)][:2] == ["user:2", "user:1"]


def test_a_retired_service_leaves_search_but_keeps_its_history(app):
    with app.app_context():
        service = db.session.scalar(sa.select(Service).where(Service.slug == "sample-bewdley-horse-riding"))
        retire(service, "user:1")
        assert "sample-bewdley-horse-riding" not in _found("horse riding")
        assert history(service)[0].action == "retired"


def test_services_not_reviewed_for_a_year_are_due(app):
    with app.app_context():
        due = {s.slug for s in review_due(today=date(2026, 11, 23))}
        assert "ludlow-road-short-breaks-unit" in due  # reviewed 26 September 2019
        assert "sample-evesham-family-swim" not in due  # reviewed 2 October 2026
        service = db.session.scalar(sa.select(Service).where(Service.slug == "ludlow-road-short-breaks-unit"))
        mark_reviewed(service, "user:1", today=date(2026, 11, 23))
        assert "ludlow-road-short-breaks-unit" not in {s.slug for s in review_due(today=date(2026, 11, 23))}


def test_flags_queue_until_resolved(app):
    with app.app_context():
        service = db.session.scalar(sa.select(Service).where(Service.slug == "childline"))
        flag = record_flag(service, "closed", "  gone  ")
        assert flag.details == "gone"
        assert open_flags() == [flag]
        resolve_flag(flag, "user:3")
        assert open_flags() == []
        assert flag.resolved_by == "user:3"
