"""The standard, optional equality-monitoring questions, stored apart and reported only in aggregate."""

from __future__ import annotations

from portal.forms_engine.definition import FormDefinition, parse_definition

PREFER_NOT = {"value": "prefer_not_to_say", "label": "Prefer not to say"}

EQUALITY_DATA = {
    "slug": "equality-monitoring",
    "kind": "consultation",
    "version": 1,
    "title": "Equality monitoring",
    "summary": "Optional questions that help us check we hear from everyone.",
    "audience": ["adults", "parents", "young_people"],
    "privacy": {
        "purpose": "To check that we hear from everyone.",
        "lawful_basis": "Public task (UK GDPR Article 6(1)(e)) and Article 9(2)(g)",
        "retention_days": 730,
        "who_sees": "Only totals are ever shown.",
    },
    "pages": [
        {
            "key": "equality",
            "title": "About you (optional)",
            "questions": [
                {
                    "key": "age_band",
                    "text": "How old are you?",
                    "type": "single_choice",
                    "options": [
                        {"value": "under_18", "label": "Under 18"},
                        {"value": "age_18_24", "label": "18 to 24"},
                        {"value": "age_25_44", "label": "25 to 44"},
                        {"value": "age_45_64", "label": "45 to 64"},
                        {"value": "age_65_plus", "label": "65 or over"},
                        PREFER_NOT,
                    ],
                },
                {
                    "key": "disability",
                    "text": "Do you consider yourself to have a disability?",
                    "type": "single_choice",
                    "options": [{"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"}, PREFER_NOT],
                },
                {
                    "key": "ethnicity",
                    "text": "What is your ethnic group?",
                    "type": "single_choice",
                    "options": [
                        {"value": "white", "label": "White"},
                        {"value": "mixed", "label": "Mixed or multiple ethnic groups"},
                        {"value": "asian", "label": "Asian or Asian British"},
                        {"value": "black", "label": "Black, Black British, Caribbean or African"},
                        {"value": "other", "label": "Another ethnic group"},
                        PREFER_NOT,
                    ],
                },
            ],
        }
    ],
}

EQUALITY = parse_definition(EQUALITY_DATA, "equality monitoring")
EQUALITY_PAGE_KEY = "equality"
SMALL_NUMBER = 5


def equality_page(definition: FormDefinition):
    """The equality page for a form that asks for it, else None."""
    return EQUALITY.pages[0] if definition.equality_monitoring else None


def aggregate(rows: list[dict]) -> list[dict]:
    """Counts per question and option; counts under 5 are shown only as "fewer than 5"."""
    result = []
    for question in EQUALITY.questions:
        counts = []
        for option in question.options:
            count = sum(1 for row in rows if row.get(question.key) == option.value)
            shown = str(count) if count == 0 or count >= SMALL_NUMBER else f"fewer than {SMALL_NUMBER}"
            counts.append({"label": option.label, "count": shown})
        result.append({"key": question.key, "text": question.text, "options": counts})
    return result
