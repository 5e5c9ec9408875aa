"""Checking action server replies against Rasa's schema without re-checking the schema itself.

Rasa 3.6 validates every reply from the action server with `jsonschema.validate(reply, schema)`,
which first checks the schema (all of Rasa's event types) against the JSON Schema meta-schema and
builds a new validator: about 45 ms of CPU per custom action, more than the NLU parse of the
message. The schema is a constant, so this checks it once and keeps the validator; each reply is
still validated in full and an invalid one raises the same `ValidationError` with Rasa's message.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

# Rasa's own method, kept for comparison in the tests.
rasa_validate_action_result = RemoteAction._validate_action_result


@lru_cache(maxsize=1)
def response_validator() -> Any:
    """The validator for action server replies, its schema checked once."""
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """`RemoteAction._validate_action_result` with the kept validator (same result, same error)."""
    error = exceptions.best_match(response_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, "
        "make sure your response from the Action endpoint is valid. "
        f"For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error


def install() -> None:
    """Make Rasa validate action server replies with the kept validator."""
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
