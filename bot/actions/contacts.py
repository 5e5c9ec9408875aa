"""Contact numbers given to families. Staff edit them in the portal (`GET /contacts`).

The defaults below come from the council documents the service is built from (and, for the
national helplines, their public numbers) and are used only when the portal cannot be reached.
Opening hours are not in those documents, so the defaults give none rather than guess; the
portal's contacts (set by staff) add them.
"""

from __future__ import annotations

import time

from actions import portal

DEFAULTS_CHECKED = "2026-11-23"

DEFAULT_CONTACTS: dict[str, dict[str, str]] = {
    "emergency": {"name": "Emergency services", "phone": "999", "hours": "any time"},
    "family_front_door": {"name": "Family Front Door", "phone": "01905 822666", "hours": ""},
    "childline": {"name": "Childline", "phone": "0800 1111", "hours": "any time, free"},
    "samaritans": {"name": "Samaritans", "phone": "116 123", "hours": "any time, free"},
    "cwd_team": {"name": "Children with Disabilities Team (0-16)", "phone": "01905 844342", "hours": ""},
    "young_adults_team": {"name": "Young Adults Team (16-25)", "phone": "01905 845715", "hours": ""},
    "short_breaks": {"name": "Short breaks enquiries", "phone": "01905 843657", "hours": ""},
    "sendiass": {"name": "SENDIASS", "phone": "", "hours": ""},
    "leaving_care": {"name": "Leaving care team", "phone": "", "hours": ""},
    "main": {
        "name": "Worcestershire Hub",
        "phone": "01905 765765",
        "hours": "",
    },
}

CACHE_SECONDS = 60.0
_cache: dict[str, object] = {"at": 0.0, "contacts": None}


def clear_cache() -> None:
    """Forget cached contacts (used by tests and after staff edits)."""
    _cache["at"] = 0.0
    _cache["contacts"] = None


def merge_contacts(api_document: dict | None) -> dict[str, dict[str, str]]:
    """Overlay the portal's contacts on the defaults, ignoring malformed rows."""
    merged = {key: dict(value) for key, value in DEFAULT_CONTACTS.items()}
    rows = (api_document or {}).get("data") if isinstance(api_document, dict) else None
    for row in rows or []:
        if not isinstance(row, dict) or not row.get("key"):
            continue
        entry = merged.setdefault(str(row["key"]), {"name": "", "phone": "", "hours": ""})
        for field in ("name", "phone", "hours", "url"):
            if row.get(field):
                entry[field] = str(row[field]).strip()
    return merged


async def load_contacts() -> dict[str, dict[str, str]]:
    """Current contacts from the portal, cached briefly; defaults if it is unreachable."""
    now = time.monotonic()
    if _cache["contacts"] is not None and now - float(_cache["at"]) < CACHE_SECONDS:
        return _cache["contacts"]  # type: ignore[return-value]
    document = await portal.aget_json("/contacts")
    contacts = merge_contacts(document)
    # A failed fetch is cached for a shorter time so the portal is retried soon.
    _cache["at"] = now if document is not None else now - CACHE_SECONDS + 10
    _cache["contacts"] = contacts
    return contacts


def phone_text(contacts: dict[str, dict[str, str]], key: str) -> str:
    """How to reach a contact in a sentence: its number, else its web page, else the main number."""
    entry = contacts.get(key) or {}
    if entry.get("phone"):
        return entry["phone"]
    if entry.get("url"):
        return entry["url"]
    main = contacts["main"]
    wanted = (entry.get("name") or key.replace("_", " ")).lower()
    return f"{main['phone']} ({main['name']}, ask for the {wanted})"


def template_values(contacts: dict[str, dict[str, str]]) -> dict[str, str]:
    """Values for the {placeholders} used in the domain's responses."""
    values = {key: phone_text(contacts, key) for key in contacts}
    main = contacts["main"]
    hours = f", {main['hours']}" if main.get("hours") else ""
    values["main"] = f"{main['phone']} ({main['name']}{hours})"
    values["public_url"] = portal.public_url()
    return values
