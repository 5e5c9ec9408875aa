"""Small definitions for tests, built as plain data."""

import copy

from portal.forms_engine.definition import parse_definition

BASE = {
    "slug": "test-form",
    "kind": "consultation",
    "version": 1,
    "title": "Test form",
    "summary": "A form for tests.",
    "audience": ["parents"],
    "privacy": {
        "purpose": "Tests.",
        "lawful_basis": "Public task",
        "retention_days": 30,
        "who_sees": "Nobody.",
    },
    "pages": [
        {
            "key": "role",
            "questions": [
                {
                    "key": "role",
                    "number": "1",
                    "text": "Who are you?",
                    "type": "single_choice",
                    "options": [
                        {"value": "parent_carer", "label": "Parent carer"},
                        {"value": "professional", "label": "Professional"},
                        {"value": "other", "label": "Other", "write_in": True},
                    ],
                }
            ],
        },
        {
            "key": "age",
            "questions": [
                {
                    "key": "child_age",
                    "number": "2",
                    "text": "How old is your child?",
                    "type": "number",
                    "min": 0,
                    "max": 25,
                    "show_if": {"not": {"question": "role", "equals": "professional"}},
                }
            ],
        },
    ],
}


def create_definition_data(**changes) -> dict:
    """The base definition with top-level keys replaced."""
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def create_definition(questions: list[dict] | None = None, **changes):
    """A parsed definition; `questions` (if given) become one question per page."""
    data = create_definition_data(**changes)
    if questions is not None:
        data["pages"] = [{"key": f"p{i}", "questions": [q]} for i, q in enumerate(questions)]
    return parse_definition(data, "test")
