"""Open Referral UK (HSDS) JSON and a flat CSV for the directory, both ways.

JSON follows the Open Referral UK service shape (organization, contacts with phones,
eligibilitys, cost_options, service_areas, service_at_locations, service_taxonomys,
regular_schedules). Fields the standard lacks ride in an `extensions` object so an export
imports back without loss.
"""

import csv
import io
from typing import Any

from portal.localoffer.records import Record
from portal.localoffer.richtext import html_to_text
from portal.localoffer.taxonomy import taxonomy

CSV_COLUMNS = [
    "id",
    "name",
    "organisation",
    "summary",
    "description",
    "categories",
    "needs",
    "age_min",
    "age_max",
    "eligibility",
    "service_areas",
    "locations",
    "phone",
    "email",
    "website",
    "contact_note",
    "cost_type",
    "cost_description",
    "access",
    "opening_times",
    "last_reviewed",
    "source",
    "sample_data",
    "status",
]
FORMULA_STARTS = ("=", "+", "-", "@")


def to_openreferral(record: Record) -> dict[str, Any]:
    """One service in Open Referral UK JSON."""
    vocab = taxonomy()
    contacts = record.get("contacts") or {}
    cost = record.get("cost") or {}
    sid = record["id"]
    return {
        "id": sid,
        "name": record["name"],
        "description": record.get("description") or html_to_text(record.get("description_html") or ""),
        "url": contacts.get("website") or None,
        "email": contacts.get("email") or None,
        "status": "active" if record.get("status", "published") == "published" else "inactive",
        "fees": cost.get("description") or None,
        "assured_date": record.get("last_reviewed"),
        "application_process": record.get("access") or None,
        "organization": {
            "id": _slug(record.get("organisation") or ""),
            "name": record.get("organisation") or "",
        },
        "contacts": [
            {"id": f"{sid}-contact", "name": contacts.get("note") or None, "phones": _phones(sid, contacts)}
        ],
        "eligibilitys": [
            {
                "id": f"{sid}-eligibility",
                "eligibility": record.get("eligibility") or None,
                "minimum_age": record.get("age_min"),
                "maximum_age": record.get("age_max"),
            }
        ],
        "cost_options": [
            {
                "id": f"{sid}-cost",
                "option": cost.get("type") or "free",
                "amount_description": cost.get("description"),
            }
        ],
        "service_areas": [
            {"id": f"{sid}-area-{area}", "service_area": vocab.districts[area].label, "extent": area}
            for area in record.get("service_areas") or []
        ],
        "service_at_locations": [
            {
                "id": f"{sid}-location-{n}",
                "location": {
                    "id": f"{sid}-location-{n}",
                    "name": place.get("name") or "",
                    "physical_addresses": [
                        {
                            "id": f"{sid}-address-{n}",
                            "address_1": place.get("address") or "",
                            "postal_code": place.get("postcode") or "",
                            "state_province": place.get("district") or "",
                            "country": "GB",
                        }
                    ],
                },
            }
            for n, place in enumerate(record.get("locations") or [])
        ],
        "service_taxonomys": [
            {
                "id": f"{sid}-{vocabulary}-{term}",
                "taxonomy": {"id": term, "name": labels[term].label, "vocabulary": vocabulary},
            }
            for vocabulary, labels, terms in (
                ("localoffer-category", vocab.categories, record.get("categories") or []),
                ("localoffer-need", vocab.needs, record.get("needs") or []),
            )
            for term in terms
        ],
        "regular_schedules": [{"id": f"{sid}-schedule", "description": record.get("opening_times") or ""}],
        "extensions": {
            "summary": record.get("summary") or "",
            "description_html": record.get("description_html"),
            "source": record.get("source") or "",
            "sample_data": bool(record.get("sample_data")),
            "publication_status": record.get("status", "published"),
        },
    }


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _phones(sid: str, contacts: dict) -> list[dict]:
    return [{"id": f"{sid}-phone", "number": contacts["phone"]}] if contacts.get("phone") else []


def from_openreferral(item: dict[str, Any]) -> Record:
    """A record from one Open Referral UK service object."""
    extensions = item.get("extensions") or {}
    contact = (item.get("contacts") or [{}])[0]
    phones = contact.get("phones") or []
    eligibility = (item.get("eligibilitys") or [{}])[0]
    cost = (item.get("cost_options") or [{}])[0]
    schedule = (item.get("regular_schedules") or [{}])[0]
    terms = [entry.get("taxonomy") or {} for entry in item.get("service_taxonomys") or []]
    status = extensions.get("publication_status") or (
        "published" if item.get("status") == "active" else "retired"
    )
    return {
        "id": item["id"],
        "name": item.get("name") or "",
        "organisation": (item.get("organization") or {}).get("name") or "",
        "summary": extensions.get("summary") or "",
        "description": item.get("description") or "",
        "description_html": extensions.get("description_html"),
        "categories": [t["id"] for t in terms if t.get("vocabulary") == "localoffer-category"],
        "needs": [t["id"] for t in terms if t.get("vocabulary") == "localoffer-need"],
        "age_min": eligibility.get("minimum_age"),
        "age_max": eligibility.get("maximum_age"),
        "eligibility": eligibility.get("eligibility") or "",
        "service_areas": [
            area.get("extent") or _district_id(area.get("service_area"))
            for area in item.get("service_areas") or []
        ],
        "locations": [
            _location(entry.get("location") or {}) for entry in item.get("service_at_locations") or []
        ],
        "contacts": {
            "phone": phones[0]["number"] if phones else "",
            "email": item.get("email") or "",
            "website": item.get("url") or "",
            "note": contact.get("name") or "",
        },
        "cost": {
            "type": cost.get("option") or "free",
            "description": cost.get("amount_description") or item.get("fees") or "",
        },
        "access": item.get("application_process") or "",
        "opening_times": schedule.get("description") or "",
        "last_reviewed": item.get("assured_date"),
        "source": extensions.get("source") or "",
        "sample_data": bool(extensions.get("sample_data")),
        "status": status,
    }


def _district_id(label: str | None) -> str:
    for term in taxonomy().districts.values():
        if term.label == label:
            return term.id
    return label or ""


def _location(location: dict) -> dict:
    address = (location.get("physical_addresses") or [{}])[0]
    return {
        "name": location.get("name") or "",
        "address": address.get("address_1") or "",
        "postcode": address.get("postal_code") or "",
        "district": address.get("state_province") or "",
    }


def to_csv(records: list[Record]) -> str:
    """A CSV with one row per service; lists joined with "; ", locations with " | " fields."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        contacts = record.get("contacts") or {}
        cost = record.get("cost") or {}
        row = {
            **{key: record.get(key) for key in CSV_COLUMNS if key in record},
            "categories": "; ".join(record.get("categories") or []),
            "needs": "; ".join(record.get("needs") or []),
            "service_areas": "; ".join(record.get("service_areas") or []),
            "locations": "; ".join(
                " | ".join(place.get(k) or "" for k in ("name", "address", "postcode", "district"))
                for place in record.get("locations") or []
            ),
            "phone": contacts.get("phone") or "",
            "email": contacts.get("email") or "",
            "website": contacts.get("website") or "",
            "contact_note": contacts.get("note") or "",
            "cost_type": cost.get("type") or "",
            "cost_description": cost.get("description") or "",
            "sample_data": "yes" if record.get("sample_data") else "no",
        }
        row.pop("description_html", None)
        writer.writerow({key: _safe_cell(row.get(key)) for key in CSV_COLUMNS})
    return out.getvalue()


def _safe_cell(value: Any) -> Any:
    """Spreadsheets run cells starting = + - @ as formulas; a leading apostrophe stops that."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def _unsafe_cell(value: str) -> str:
    if value.startswith("'") and value[1:2] in FORMULA_STARTS:
        return value[1:]
    return value


def from_csv(text: str) -> list[Record]:
    """Records from a CSV written by `to_csv`."""
    records = []
    for raw in csv.DictReader(io.StringIO(text)):
        row = {key: _unsafe_cell(value or "") for key, value in raw.items() if key}
        split = [part.strip() for part in row.get("locations", "").split("; ") if part.strip()]
        locations = []
        for part in split:
            fields = [field.strip() for field in part.split(" | ")] + ["", "", "", ""]
            locations.append(dict(zip(("name", "address", "postcode", "district"), fields[:4], strict=True)))
        records.append(
            {
                "id": row["id"],
                "name": row.get("name", ""),
                "organisation": row.get("organisation", ""),
                "summary": row.get("summary", ""),
                "description": row.get("description", ""),
                "categories": _list(row.get("categories", "")),
                "needs": _list(row.get("needs", "")),
                "age_min": row.get("age_min") or None,
                "age_max": row.get("age_max") or None,
                "eligibility": row.get("eligibility", ""),
                "service_areas": _list(row.get("service_areas", "")),
                "locations": locations,
                "contacts": {
                    "phone": row.get("phone", ""),
                    "email": row.get("email", ""),
                    "website": row.get("website", ""),
                    "note": row.get("contact_note", ""),
                },
                "cost": {
                    "type": row.get("cost_type") or "free",
                    "description": row.get("cost_description", ""),
                },
                "access": row.get("access", ""),
                "opening_times": row.get("opening_times", ""),
                "last_reviewed": row.get("last_reviewed") or None,
                "source": row.get("source", ""),
                "sample_data": row.get("sample_data", "").lower() in ("yes", "true", "1"),
                "status": row.get("status") or "published",
            }
        )
    return records


def _list(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]
