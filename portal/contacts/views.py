"""The contacts API used by the assistant and other services."""

from flask import jsonify

from portal.contacts import bp
from portal.contacts.content import all_contacts
from portal.staff.auth import public_route


@bp.get("/api/v1/contacts")
@public_route("public signposting numbers, the same as on every page")
def api_contacts():
    """Every signposting contact: key, name, phone, hours and web address."""
    return jsonify({"data": [contact.as_json() for contact in all_contacts()]})
