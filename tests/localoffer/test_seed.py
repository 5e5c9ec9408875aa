"""The shipped directory loads once, follows shipped changes, and never overwrites editors' work."""

import sqlalchemy as sa

from portal.extensions import db
from portal.localoffer.editing import publish, save_draft
from portal.localoffer.models import Service
from portal.localoffer.records import service_to_record
from portal.localoffer.seed import load_shipped_services, shipped_records
from portal.localoffer.taxonomy import taxonomy


def _service(slug: str) -> Service:
    return db.session.scalar(sa.select(Service).where(Service.slug == slug))


def test_the_shipped_directory_is_large_varied_and_honest():
    records = shipped_records()
    assert len(records) >= 45
    districts = {area for r in records for area in r["service_areas"]}
    assert set(taxonomy().districts) <= districts
    categories = {c for r in records for c in r["categories"]}
    assert set(taxonomy().categories) <= categories
    for record in records:
        assert record["sample_data"] == (record["source"] == "sample"), record["id"]
        if record["sample_data"]:
            assert "Sample data" in record["summary"], record["id"]
            website = record["contacts"].get("website") or ""
            assert not website or website.startswith("https://example.org/"), record["id"]


def test_running_setup_again_changes_nothing(app):
    with app.app_context():
        assert load_shipped_services() == {"created": 0, "updated": 0, "kept": 73}


def test_a_changed_shipped_record_updates_an_unedited_service(app):
    records = shipped_records()
    records[0] = {**records[0], "summary": "A newer summary."}
    with app.app_context():
        assert load_shipped_services(records)["updated"] == 1
        assert _service(records[0]["id"]).summary == "A newer summary."


def test_an_editors_change_is_never_overwritten_by_shipped_content(app):
    records = shipped_records()
    slug = records[0]["id"]
    with app.app_context():
        service = _service(slug)
        record = service_to_record(service)
        record["summary"] = "Edited by an editor."
        save_draft(service, record, "user:1")
        publish(service, "user:1")
        records[0] = {**records[0], "summary": "A newer shipped summary."}
        counts = load_shipped_services(records)
        assert counts["updated"] == 0
        assert _service(slug).summary == "Edited by an editor."
        assert _service(slug).origin == "shipped"


def test_no_named_officer_contact_is_published():
    emails = {(r["contacts"].get("email") or "").lower() for r in shipped_records()}
    real_emails = {e for e in emails if e and not e.endswith("@example.org")}
    assert real_emails == {"shortbreaks@worcestershire.gov.uk", "worcestershirehub@worcestershire.gov.uk"}
