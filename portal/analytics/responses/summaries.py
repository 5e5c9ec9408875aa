"""Summaries of counted answers (pure): question tables, cross-tabs, time series and quarter trends.

Every function takes counts already made (see ``queries``) and a form definition, so the same code
serves every form. Percentages are of those who answered the question (the "answered" base), as
the 2019 short-breaks results tables stated their bases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from portal.analytics.responses.suppression import (
    DEFAULT_THRESHOLD,
    Cell,
    crosstab_with_margins,
    exact,
    suppress_line,
)
from portal.forms_engine.definition import FormDefinition, Question, localise

POSITIVE_VALUES = {"yes", "very_good", "good", "happy", "very_happy", "agree", "strongly_agree"}


def percent(count: int, total: int) -> float:
    """count as a percentage of total to one decimal place (0.0 when nobody answered)."""
    return round(100 * count / total, 1) if total else 0.0


def option_labels(question: Question, counts: Mapping[tuple[str, str], int]) -> list[tuple[str, str]]:
    """(value, label as shown) for each option, then any value only older versions offered."""
    pairs = [(o.value, localise(o.label)) for o in question.options]
    known = {value for value, _label in pairs}
    pairs += sorted((v, v) for (k, v) in counts if k == question.key and v not in known)
    return pairs


def question_table(
    question: Question,
    answered: Mapping[str, int],
    counts: Mapping[tuple[str, str], int],
    themes: list[dict] | None = None,
) -> dict:
    """One question in the report's JSON shape."""
    base = answered.get(question.key, 0)
    options = [
        {"label": label, "count": counts.get((question.key, value), 0), "percent": 0.0}
        for value, label in option_labels(question, counts)
    ]
    for option in options:
        option["percent"] = percent(option["count"], base)
    return {
        "key": question.key,
        "text": localise(question.text),
        "type": question.type,
        "answered": base,
        "options": options,
        "themes": list(themes or []),
    }


def build_report(
    definition: FormDefinition,
    responses: int,
    answered: Mapping[str, int],
    counts: Mapping[tuple[str, str], int],
    themes: Mapping[str, list[dict]] | None = None,
) -> dict:
    """The summary in the shape DESIGN.md fixes for ``portal report --format json``."""
    themes = themes or {}
    return {
        "slug": definition.slug,
        "title": localise(definition.title),
        "responses": responses,
        "questions": [
            question_table(q, answered, counts, themes.get(q.key))
            for q in definition.questions
            if not q.personal
        ],
    }


def suppressed_report(report: dict, threshold: int = DEFAULT_THRESHOLD) -> dict:
    """The same shape with small counts (and what would reveal them) as null, for public use."""
    out = dict(report, questions=[])
    total = suppress_line([report["responses"]], None, threshold)[0][0]
    out["responses"] = total.shown
    for question in report["questions"]:
        counts = [o["count"] for o in question["options"]]
        cells, base = suppress_line(counts, question["answered"], threshold)
        options = [
            dict(o, count=c.shown, percent=o["percent"] if c.shown is not None else None)
            for o, c in zip(question["options"], cells, strict=True)
        ]
        out["questions"].append(dict(question, answered=base.shown, options=options))
    return out


def question_cells(question: dict, threshold: int | None) -> tuple[list[Cell], Cell]:
    """The option cells and answered base of one report question, suppressed unless threshold is None."""
    counts = [o["count"] for o in question["options"]]
    if threshold is None:
        return exact([counts])[0], Cell(question["answered"])
    cells, base = suppress_line(counts, question["answered"], threshold)
    return cells, base


def crosstab(
    definition: FormDefinition,
    row_key: str,
    column_key: str,
    counts: Mapping[tuple[str, str], int],
    threshold: int | None = None,
) -> dict:
    """A table of one question's answers (rows) by another's (columns), with totals.

    Totals are of the pairs counted, so for single-choice questions they are the responses that
    answered both. With a threshold, small cells and what would reveal them are hidden.
    """
    row_q, col_q = definition.question(row_key), definition.question(column_key)
    row_pairs = option_labels(row_q, {(row_key, a): n for (a, _b), n in counts.items()})
    col_pairs = option_labels(col_q, {(column_key, b): n for (_a, b), n in counts.items()})
    matrix = [[counts.get((r, c), 0) for c, _l in col_pairs] for r, _l in row_pairs]
    cells, rows_out, cols_out, grand_out = crosstab_with_margins(matrix, threshold)
    return {
        "row_question": localise(row_q.text),
        "column_question": localise(col_q.text),
        "rows": [label for _v, label in row_pairs],
        "columns": [label for _v, label in col_pairs],
        "cells": cells,
        "row_totals": rows_out,
        "column_totals": cols_out,
        "total": grand_out,
    }


def months(series: Mapping[dt.date, int]) -> list[tuple[str, int]]:
    """Responses per calendar month, gaps filled with 0, labelled like "July 2019"."""
    if not series:
        return []
    totals: dict[tuple[int, int], int] = {}
    for day, n in series.items():
        totals[(day.year, day.month)] = totals.get((day.year, day.month), 0) + n
    (year, month), last = min(totals), max(totals)
    result = []
    while (year, month) <= last:
        result.append((dt.date(year, month, 1).strftime("%B %Y"), totals.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def positive_values(question: Question) -> set[str]:
    """The answers that count as positive for a measure: "yes", or the top half of a rating scale."""
    values = [o.value for o in question.options]
    if question.type == "rating" and values:
        return set(values[len(values) - len(values) // 2 :]) if len(values) > 1 else set(values)
    return {v for v in values if v.lower() in POSITIVE_VALUES}


def is_measure(question: Question) -> bool:
    """True for questions reported as "% positive" (yes/no, ratings, and choices with a yes)."""
    return question.type in ("yes_no", "rating") or (
        question.type == "single_choice" and bool(positive_values(question))
    )


def quarter_trend(series: Mapping[str, tuple[int, int]]) -> list[dict]:
    """% positive per quarter, oldest first, with the change on the previous quarter (percentage
    points) and against the average of all earlier quarters."""
    rows = []
    earlier: list[float] = []
    for quarter in sorted(series):
        positive, answered = series[quarter]
        value = percent(positive, answered)
        previous = rows[-1]["percent"] if rows else None
        rows.append(
            {
                "quarter": quarter,
                "positive": positive,
                "answered": answered,
                "percent": value,
                "change": None if previous is None else round(value - previous, 1),
                "against_earlier": None if not earlier else round(value - sum(earlier) / len(earlier), 1),
            }
        )
        earlier.append(value)
    return rows


def trend_words(change: float | None) -> str:
    """Plain words for a change in percentage points."""
    if change is None:
        return "first quarter"
    if change > 0:
        return f"up {change:g} points"
    if change < 0:
        return f"down {-change:g} points"
    return "no change"
