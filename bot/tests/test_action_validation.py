"""Action server replies are validated as Rasa validates them, with a validator built once."""

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

import addons  # noqa: F401 (installs the kept validator, as loading the model does)
from addons.action_validation import rasa_validate_action_result, validate_action_result

VALID = [
    {"events": [], "responses": []},
    {
        "events": [
            {"event": "slot", "name": "last_answer", "value": "faq/acorns", "timestamp": None},
            {"event": "active_loop", "name": None},
        ],
        "responses": [{"text": "Acorns Children's Hospice ...", "buttons": []}],
    },
]
ACTION = RemoteAction("action_answer_faq", None)
INVALID = [
    {"events": {"event": "slot"}},
    {"events": [{"event": "slot", "name": 3}]},
    {"events": [{"event": "no_such_event"}]},
    {"responses": "text"},
]


def test_rasa_uses_the_kept_validator():
    assert RemoteAction._validate_action_result is validate_action_result


@pytest.mark.parametrize("reply", VALID)
def test_a_valid_reply_passes(reply):
    assert validate_action_result(ACTION, reply) is True
    assert rasa_validate_action_result(ACTION, reply) is True


@pytest.mark.parametrize("reply", INVALID)
def test_an_invalid_reply_fails_with_rasas_error(reply):
    with pytest.raises(ValidationError) as ours:
        validate_action_result(ACTION, reply)
    with pytest.raises(ValidationError) as rasas:
        rasa_validate_action_result(ACTION, reply)
    assert ours.value.message == rasas.value.message
    assert "Failed to validate Action server response" in ours.value.message
