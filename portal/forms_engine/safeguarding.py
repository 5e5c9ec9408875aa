"""Reading checked free-text answers for signs that a child may be at risk (via portal.safeguarding)."""

from __future__ import annotations

from typing import Any

from portal.forms_engine.definition import FormDefinition

try:  # the safeguarding rules, when this deployment has them
    from portal.safeguarding import detect_risk
except ImportError:  # pragma: no cover - depends on which capabilities are installed
    detect_risk = None


def answers_disclose_risk(definition: FormDefinition, answers: dict[str, Any]) -> bool:
    """True when any answer to a `safeguarding_check` question suggests a risk to a child."""
    if detect_risk is None:
        return False
    for question in definition.questions:
        text = answers.get(question.key)
        if question.safeguarding_check and isinstance(text, str) and text and detect_risk(text).flagged:
            return True
    return False
