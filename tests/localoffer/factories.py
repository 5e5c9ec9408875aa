"""Small `create_*` helpers for Local Offer tests."""

from portal.extensions import db
from portal.localoffer.editing import add_revision
from portal.localoffer.models import Service
from portal.localoffer.records import apply_record
from portal.localoffer.search import index_services


def service_record(**overrides) -> dict:
    """A complete, valid record; override any field."""
    record = {
        "id": "test-riverside-play-club",
        "name": "Riverside Play Club",
        "organisation": "Test Play Trust",
        "summary": "Play sessions for disabled children by the river.",
        "description": "Games and crafts.\n\nParents can have a break.",
        "categories": ["short-breaks-day-community"],
        "needs": ["autism"],
        "age_min": 5,
        "age_max": 11,
        "eligibility": "Disabled children aged 5 to 11.",
        "service_areas": ["redditch"],
        "locations": [
            {
                "name": "Test Hall",
                "address": "1 Test Street, Redditch",
                "postcode": "B97 1AA",
                "district": "redditch",
            }
        ],
        "contacts": {
            "phone": "01905 000999",
            "email": "play@example.org",
            "website": "https://example.org/play",
            "note": "",
        },
        "cost": {"type": "paid", "description": "£2 a session"},
        "access": "Just turn up.",
        "opening_times": "Saturdays",
        "last_reviewed": "2026-01-05",
        "source": "sample",
        "sample_data": True,
    }
    record.update(overrides)
    return record


def create_service(status: str = "published", **overrides) -> Service:
    """A service saved, indexed and committed."""
    service = Service(status=status, origin="editor")
    apply_record(service, service_record(**overrides))
    db.session.add(service)
    db.session.flush()
    add_revision(service, "created", "test")
    index_services([service])
    db.session.commit()
    return service
