"""Load the shipped contacts file into the database, and read contacts for pages and the API."""

from datetime import date
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

import yaml
from flask import g
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from portal.contacts.models import Contact
from portal.extensions import db

CONTACTS_FILE = Path(__file__).resolve().parent.parent / "content" / "contacts.yaml"
FIELDS = ("name", "phone", "hours", "url", "last_checked")
REQUIRED_KEYS = ("emergency", "family_front_door", "childline", "samaritans")


@lru_cache(maxsize=4)
def shipped_contacts(path: Path = CONTACTS_FILE) -> tuple[dict, ...]:
    """The entries of the shipped file, checked: each has a key and a name, keys are unique."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["contacts"]
    keys = [entry["key"] for entry in entries]
    if len(keys) != len(set(keys)) or any(not entry.get("name") for entry in entries):
        raise ValueError(f"{path.name}: every contact needs a unique key and a name")
    missing = [key for key in REQUIRED_KEYS if key not in keys]
    if missing:
        raise ValueError(f"{path.name}: missing the emergency contacts {', '.join(missing)}")
    return tuple(entries)


def load_contacts(path: Path = CONTACTS_FILE) -> str:
    """Add new shipped contacts and refresh the ones staff have not edited. Idempotent."""
    existing = {contact.key: contact for contact in db.session.scalars(select(Contact))}
    added = updated = 0
    for position, entry in enumerate(shipped_contacts(path)):
        contact = existing.get(entry["key"])
        if contact is None:
            contact = Contact(key=entry["key"], edited_by_staff=False)
            db.session.add(contact)
            added += 1
        elif contact.edited_by_staff:
            continue
        values = {field: entry.get(field) for field in FIELDS}
        if isinstance(values["last_checked"], str):
            values["last_checked"] = date.fromisoformat(values["last_checked"])
        if (
            any(getattr(contact, field) != value for field, value in values.items())
            or contact.position != position
        ):
            updated += contact.key in existing
            for field, value in values.items():
                setattr(contact, field, value)
            contact.position = position
    db.session.commit()
    return f"contacts: {added} added, {updated} updated"


def all_contacts() -> list[Contact]:
    """Every contact in display order."""
    return list(db.session.scalars(select(Contact).order_by(Contact.position, Contact.key)))


def signposting_contacts() -> dict:
    """Contacts by key for templates, read once per request.

    If the database cannot be read (a page rendered while the database is down), the shipped
    numbers are shown instead: emergency numbers must never fail to appear.
    """
    if "signposting_contacts" not in g:
        try:
            contacts = {contact.key: contact for contact in all_contacts()}
        except SQLAlchemyError:
            db.session.rollback()
            contacts = {}
        if not contacts:
            contacts = {entry["key"]: SimpleNamespace(**entry) for entry in shipped_contacts()}
        g.signposting_contacts = contacts
    return g.signposting_contacts
