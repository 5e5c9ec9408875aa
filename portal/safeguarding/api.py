"""``POST /api/v1/safeguarding-flags``: the assistant passes on a message that discloses risk."""

from flask import Blueprint, jsonify, request

from portal.api.openapi import assistant_post
from portal.api.validation import ASSISTANT_CHANNELS, text_field_problems
from portal.errors import api_error
from portal.safeguarding.flags import flag_message
from portal.staff.auth import api_token_required

api_bp = Blueprint("safeguarding_api", __name__, url_prefix="/api/v1")

LIMITS = {"conversation_id": 100, "text": 5000, "source": 30}


def read_flag_request(payload) -> tuple[dict | None, dict]:
    """The checked fields of a flag request, or None and the problems by field."""
    if not isinstance(payload, dict):
        return None, {"body": "Send a JSON object."}
    fields = {
        "conversation_id": payload.get("conversation_id"),
        "channel": payload.get("channel"),
        "text": payload.get("text"),
        "source": payload.get("source") or "assistant",
    }
    problems = text_field_problems(fields, LIMITS)
    return (None if problems else fields), problems


@api_bp.post("/safeguarding-flags")
@api_token_required
def create_flag():
    """Record a message that suggests a child or young person may be at risk, for staff to see now."""
    fields, problems = read_flag_request(request.get_json(silent=True))
    if fields is None:
        return api_error(400, "The flag could not be recorded.", code="invalid", fields=problems)
    flag = flag_message(
        fields["text"],
        source=fields["source"],
        channel=fields["channel"],
        conversation_id=fields["conversation_id"],
    )
    return jsonify({"id": flag.id, "categories": flag.category_list}), 201


OPENAPI_PATHS = {
    "/api/v1/safeguarding-flags": assistant_post(
        "Flag a message that discloses risk to a child or young person",
        "SafeguardingFlagRequest",
        {"description": "Recorded; staff see it on the safeguarding list at once"},
    )
}
OPENAPI_SCHEMAS = {
    "SafeguardingFlagRequest": {
        "type": "object",
        "required": ["conversation_id", "channel", "text"],
        "properties": {
            "conversation_id": {
                "type": "string",
                "minLength": 1,
                "maxLength": 100,
                "pattern": "\\S",
                "description": "pseudonymous, never a number",
            },
            "channel": {"type": "string", "enum": list(ASSISTANT_CHANNELS)},
            "text": {"type": "string", "minLength": 1, "maxLength": 5000, "pattern": "\\S"},
            "source": {"type": "string", "maxLength": 30, "pattern": "\\S", "default": "assistant"},
        },
    }
}
