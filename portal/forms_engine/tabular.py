"""Responses as table rows, for export and import: stable columns, answers as option labels (pure)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from portal.forms_engine.answers import Problem, check_answer, other_key
from portal.forms_engine.definition import SEPARATOR, FormDefinition, Question, localise
from portal.forms_engine.routing import asked_keys, hidden_answers, is_answered

META_COLUMNS = ("reference", "submitted_at", "channel", "language", "form_version")
FORMULA_STARTS = ("=", "+", "-", "@")
CHANNELS = ("online", "paper", "phone", "email", "drop-in")


def columns(definition: FormDefinition, include_contact: bool = False) -> list[str]:
    """The export columns, in a stable order: metadata, then each question (and its write-in)."""
    names = list(META_COLUMNS)
    for question in definition.questions:
        if question.personal and not include_contact:
            continue
        names.append(question.key)
        if question.write_in_option is not None:
            names.append(other_key(question))
    return names


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula: a leading = + - @ gets a ' in front."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def unneutralise(cell: str) -> str:
    """Undo `neutralise`."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def answer_cells(
    definition: FormDefinition, answers: dict[str, Any], include_contact: bool
) -> dict[str, str]:
    """The question cells of one response: English labels, several choices joined with "; "."""
    cells: dict[str, str] = {}
    for question in definition.questions:
        if question.personal and not include_contact:
            continue
        cells[question.key] = _label_cell(question, answers.get(question.key))
        if question.write_in_option is not None:
            cells[other_key(question)] = answers.get(other_key(question)) or ""
    return cells


def _label_cell(question: Question, value: Any) -> str:
    if value in (None, "", []):
        return ""
    if question.type == "multiple_choice":
        return SEPARATOR.join(localise(question.option(v).label) for v in value)
    if question.options:
        return localise(question.option(str(value)).label)
    return str(value)


def row_to_answers(
    definition: FormDefinition, row: dict[str, str], today: dt.date
) -> tuple[dict[str, Any], list[Problem]]:
    """Turn one imported row into answers, checking each against the definition and its routing."""
    answers: dict[str, Any] = {}
    problems: list[Problem] = []
    for question in definition.questions:
        cell = unneutralise((row.get(question.key) or "").strip())
        other = unneutralise((row.get(other_key(question)) or "").strip()) or None
        if not cell:
            if other:
                problems.append(Problem(other_key(question), "has text but the question has no answer"))
            continue
        value, problem = _cell_value(question, cell)
        if problem:
            problems.append(Problem(question.key, problem))
            continue
        answers[question.key] = value
        write_in = question.write_in_option
        if other and (write_in is None or value != write_in.value):
            problems.append(
                Problem(other_key(question), "has text but the answer is not the write-in option")
            )
        elif other:
            answers[other_key(question)] = other
    for key in hidden_answers(definition, answers):
        problems.append(Problem(key, "is answered but routing does not ask it for this person's answers"))
    asked = asked_keys(definition, answers)
    for question in definition.questions:
        if question.key not in asked:
            continue
        value = answers.get(question.key)
        found = check_answer(question, value, answers.get(other_key(question)), today)
        problems += [Problem(p.field, p.message) for p in found]
    return ({k: v for k, v in answers.items() if k.split("__", 1)[0] in asked}, problems)


def _cell_value(question: Question, cell: str) -> tuple[Any, str | None]:
    if question.type == "multiple_choice":
        labels = [part.strip() for part in cell.split(SEPARATOR.strip()) if part.strip()]
        values = []
        for label in labels:
            option = _option_by_label(question, label)
            if option is None:
                return None, _not_an_option(question, label)
            values.append(option.value)
        return values, None
    if question.options:
        option = _option_by_label(question, cell)
        if option is None:
            return None, _not_an_option(question, cell)
        return option.value, None
    if question.type == "date":
        try:
            return dt.date.fromisoformat(cell).isoformat(), None
        except ValueError:
            return None, f"'{cell}' is not a date written like 2019-08-01"
    return cell.replace("\r\n", "\n"), None


def _option_by_label(question: Question, label: str):
    folded = label.casefold()
    return next((o for o in question.options if localise(o.label).casefold() == folded), None)


def _not_an_option(question: Question, label: str) -> str:
    shown = ", ".join(f"'{localise(o.label)}'" for o in question.options)
    return f"'{label}' is not one of the options ({shown})"


def is_blank(answers: dict[str, Any]) -> bool:
    """True when a row has no answers at all."""
    return not any(is_answered(v) for v in answers.values())
