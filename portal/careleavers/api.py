"""``POST /api/v1/callback-requests``: a care leaver texting the assistant asks for a callback."""

from flask import Blueprint, jsonify, request

from portal.api.openapi import assistant_post
from portal.api.validation import ASSISTANT_CHANNELS, text_field_problems
from portal.careleavers.callbacks import from_assistant
from portal.errors import api_error
from portal.staff.auth import api_token_required

api_bp = Blueprint("careleavers_api", __name__, url_prefix="/api/v1")

CONTACT = ("call", "text")
LIMITS = {"conversation_id": 100, "reason": 300, "best_time": 100}


def read_callback_request(payload) -> tuple[dict | None, dict]:
    """The checked fields of a callback request, or None and the problems by field."""
    if not isinstance(payload, dict):
        return None, {"body": "Send a JSON object."}
    fields = {name: payload.get(name) for name in ("conversation_id", "channel", "reason", "best_time")}
    fields["preferred_contact"] = payload.get("preferred_contact")
    problems = text_field_problems(fields, LIMITS, optional=("best_time",))
    if fields["preferred_contact"] not in CONTACT:
        problems["preferred_contact"] = "Must be one of: call, text."
    return (None if problems else fields), problems


@api_bp.post("/callback-requests")
@api_token_required
def create_callback_request():
    """Put a callback request in the personal advisers' queue; answers with its reference."""
    fields, problems = read_callback_request(request.get_json(silent=True))
    if fields is None:
        return api_error(400, "The request could not be made.", code="invalid", fields=problems)
    created = from_assistant(fields)
    return jsonify({"reference": created.reference}), 201


OPENAPI_PATHS = {
    "/api/v1/callback-requests": assistant_post(
        "Ask a care leaver's personal adviser (or the duty worker) to call or text back",
        "CallbackRequestIn",
        {
            "description": "In the queue",
            "content": {
                "application/json": {
                    "schema": {"type": "object", "properties": {"reference": {"type": "string"}}}
                }
            },
        },
    )
}
OPENAPI_SCHEMAS = {
    "CallbackRequestIn": {
        "type": "object",
        "required": ["conversation_id", "channel", "reason", "preferred_contact"],
        "properties": {
            "conversation_id": {
                "type": "string",
                "minLength": 1,
                "maxLength": 100,
                "pattern": "\\S",
                "description": "pseudonymous, never a number",
            },
            "channel": {"type": "string", "enum": list(ASSISTANT_CHANNELS)},
            "reason": {"type": "string", "minLength": 1, "maxLength": 300, "pattern": "\\S"},
            "best_time": {"type": "string", "maxLength": 100},
            "preferred_contact": {"type": "string", "enum": list(CONTACT)},
        },
    }
}
