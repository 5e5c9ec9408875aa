"""The canonical service record (the shape of the shipped YAML) and its mapping to the models.

Seeding, import, export, drafts and history all pass records, so one function checks them
and one applies them.
"""

import hashlib
import json
from datetime import date
from typing import Any

from portal.localoffer.models import (
    Service,
    ServiceArea,
    ServiceCategory,
    ServiceLocation,
    ServiceNeed,
)
from portal.localoffer.richtext import clean_html, html_to_text, text_to_html
from portal.localoffer.taxonomy import COST_TYPES, taxonomy

Record = dict[str, Any]


def _as_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _as_age(value: Any) -> int | None:
    if value in (None, ""):
        return None
    return int(value)


def validate_record(record: Record) -> list[str]:
    """Problems that stop a record being saved, in plain words (empty when it is fine)."""
    vocab = taxonomy()
    problems = []
    if not str(record.get("id") or "").strip():
        problems.append("Every service needs an id")
    if not str(record.get("name") or "").strip():
        problems.append(f"{record.get('id')}: enter the service name")
    for key, known in (("categories", vocab.categories), ("needs", vocab.needs)):
        unknown = [item for item in record.get(key) or [] if item not in known]
        if unknown:
            problems.append(f"{record.get('id')}: unknown {key}: {', '.join(unknown)}")
    areas = list(record.get("service_areas") or [])
    areas += [place.get("district") for place in record.get("locations") or [] if place.get("district")]
    unknown_areas = [area for area in areas if area not in vocab.districts]
    if unknown_areas:
        problems.append(f"{record.get('id')}: unknown districts: {', '.join(unknown_areas)}")
    cost = record.get("cost") or {}
    if cost.get("type", "free") not in COST_TYPES:
        problems.append(f"{record.get('id')}: cost type must be one of {', '.join(COST_TYPES)}")
    try:
        low, high = _as_age(record.get("age_min")), _as_age(record.get("age_max"))
        if low is not None and high is not None and low > high:
            problems.append(f"{record.get('id')}: the youngest age is more than the oldest age")
        _as_date(record.get("last_reviewed"))
    except ValueError:
        problems.append(f"{record.get('id')}: ages must be whole numbers and dates YYYY-MM-DD")
    return problems


def description_html(record: Record) -> str:
    """A record's description as clean HTML (records hold HTML or plain text)."""
    if record.get("description_html"):
        return clean_html(record["description_html"])
    return text_to_html(record.get("description") or "")


def apply_record(service: Service, record: Record) -> None:
    """Copy a checked record onto a service (its lists are replaced)."""
    contacts = record.get("contacts") or {}
    cost = record.get("cost") or {}
    service.slug = str(record["id"]).strip()
    service.name = str(record["name"]).strip()
    service.organisation = record.get("organisation") or ""
    service.summary = record.get("summary") or ""
    service.description = description_html(record)
    service.eligibility = record.get("eligibility") or ""
    service.age_min = _as_age(record.get("age_min"))
    service.age_max = _as_age(record.get("age_max"))
    service.phone = str(contacts.get("phone") or "")
    service.email = contacts.get("email") or ""
    service.website = contacts.get("website") or ""
    service.contact_note = contacts.get("note") or ""
    service.cost_type = cost.get("type") or "free"
    service.cost_description = cost.get("description") or ""
    service.access = record.get("access") or ""
    service.opening_times = record.get("opening_times") or ""
    service.last_reviewed = _as_date(record.get("last_reviewed"))
    service.source = record.get("source") or ""
    service.sample_data = bool(record.get("sample_data"))
    service.categories = [
        ServiceCategory(category=item, position=n) for n, item in enumerate(record.get("categories") or [])
    ]
    service.needs = [ServiceNeed(need=item, position=n) for n, item in enumerate(record.get("needs") or [])]
    service.areas = [
        ServiceArea(district=item, position=n)
        for n, item in enumerate(dict.fromkeys(record.get("service_areas") or []))
    ]
    service.locations = [
        ServiceLocation(
            name=place.get("name") or "",
            address=place.get("address") or "",
            postcode=place.get("postcode") or "",
            district=place.get("district") or "",
            position=n,
        )
        for n, place in enumerate(record.get("locations") or [])
    ]


def service_to_record(service: Service) -> Record:
    """The canonical record of a service (what export, history and drafts hold)."""
    return {
        "id": service.slug,
        "name": service.name,
        "organisation": service.organisation,
        "summary": service.summary,
        "description": html_to_text(service.description),
        "description_html": service.description,
        "categories": service.category_ids,
        "needs": service.need_ids,
        "age_min": service.age_min,
        "age_max": service.age_max,
        "eligibility": service.eligibility,
        "service_areas": service.district_ids,
        "locations": [
            {"name": p.name, "address": p.address, "postcode": p.postcode, "district": p.district}
            for p in service.locations
        ],
        "contacts": {
            "phone": service.phone,
            "email": service.email,
            "website": service.website,
            "note": service.contact_note,
        },
        "cost": {"type": service.cost_type, "description": service.cost_description},
        "access": service.access,
        "opening_times": service.opening_times,
        "last_reviewed": service.last_reviewed.isoformat() if service.last_reviewed else None,
        "source": service.source,
        "sample_data": service.sample_data,
        "status": service.status,
    }


def record_hash(record: Record) -> str:
    """A fingerprint of a shipped record, to tell whether the shipped content changed."""
    return hashlib.sha256(json.dumps(record, sort_keys=True, default=str).encode()).hexdigest()
