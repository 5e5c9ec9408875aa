"""The summary of a form's responses in the shape DESIGN.md fixes for `portal report` (pure)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from portal.forms_engine.definition import FormDefinition, localise
from portal.forms_engine.routing import is_answered


def summarise(
    definition: FormDefinition,
    responses: Iterable[Mapping[str, Any]],
    themes: Mapping[str, list[dict]] | None = None,
) -> dict:
    """Count answers per question and option; percent is of those who answered that question."""
    responses = list(responses)
    themes = themes or {}
    questions = []
    for question in definition.questions:
        if question.personal:
            continue
        given = [r.get(question.key) for r in responses if is_answered(r.get(question.key))]
        counts: Counter[str] = Counter()
        for value in given:
            counts.update(value if isinstance(value, list) else [str(value)])
        options = [
            {
                "label": localise(option.label),
                "count": counts[option.value],
                "percent": percent(counts[option.value], len(given)),
            }
            for option in question.options
        ]
        questions.append(
            {
                "key": question.key,
                "text": localise(question.text),
                "type": question.type,
                "answered": len(given),
                "options": options,
                "themes": list(themes.get(question.key, [])),
            }
        )
    return {
        "slug": definition.slug,
        "title": localise(definition.title),
        "responses": len(responses),
        "questions": questions,
    }


def percent(count: int, total: int) -> float:
    """count as a percentage of total to one decimal place (0.0 when nobody answered)."""
    return round(100 * count / total, 1) if total else 0.0


def segment(
    definition: FormDefinition, responses: Iterable[Mapping[str, Any]], by: str, question: str
) -> dict[str, dict[str, int]]:
    """Counts of one question's options for each answer to another (as in the 2019 district tables)."""
    by_question, target = definition.question(by), definition.question(question)
    table: dict[str, dict[str, int]] = {
        localise(o.label): {localise(t.label): 0 for t in target.options} for o in by_question.options
    }
    for response in responses:
        group, value = response.get(by), response.get(question)
        if not is_answered(group) or not is_answered(value):
            continue
        row = table[localise(by_question.option(group).label)]
        for v in value if isinstance(value, list) else [value]:
            row[localise(target.option(str(v)).label)] += 1
    return table
