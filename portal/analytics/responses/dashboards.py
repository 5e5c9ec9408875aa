"""What a dashboard shows for one form (built from queries and pure summaries; no Flask here)."""

from __future__ import annotations

import datetime as dt

from portal.analytics.responses import queries, summaries
from portal.analytics.responses.charts import svg_bars
from portal.analytics.responses.suppression import DEFAULT_THRESHOLD, Cell, suppress_line
from portal.forms_engine.content import definition_of, latest_version
from portal.forms_engine.definition import localise


def parse_filters(args, definition) -> queries.Filters:
    """Filters from the dashboard's GET form; unknown questions and options are ignored."""
    answers = []
    choice = (args.get("answer") or "").strip()
    if "=" in choice:
        key, value = choice.split("=", 1)
        try:
            question = definition.question(key)
        except KeyError:
            question = None
        if question is not None and question.option(value) is not None:
            answers.append((key, value))

    def day(name):
        try:
            return dt.date.fromisoformat(args.get(name) or "")
        except ValueError:
            return None

    return queries.Filters(
        answers=tuple(answers),
        channel=args.get("channel") or None,
        language=args.get("language") or None,
        team=args.get("team") or None,
        service=args.get("service") or None,
        quarter=args.get("quarter") or None,
        date_from=day("from"),
        date_to=day("to"),
    )


def _texts(cells: list[Cell], threshold: int) -> list[str]:
    return [cell.text(threshold) for cell in cells]


def dashboard(slug: str, args, exact: bool, threshold: int = DEFAULT_THRESHOLD) -> dict | None:
    """The dashboard's numbers, tables and charts; small numbers hidden unless ``exact``."""
    version = latest_version(slug)
    if version is None:
        return None
    definition = definition_of(version)
    filters = parse_filters(args, definition)
    level = None if exact else threshold
    total = queries.response_total(slug, filters)
    answered, counts = queries.question_counts(slug, filters)
    report = summaries.build_report(definition, total, answered, counts)
    total_cell = Cell(total) if exact else suppress_line([total], None, threshold)[0][0]

    months = summaries.months(queries.over_time(slug, filters))
    month_cells = (
        [Cell(n) for _m, n in months] if exact else suppress_line([n for _m, n in months], None, threshold)[0]
    )
    over_time = {
        "rows": [
            (label, cell.text(threshold)) for (label, _n), cell in zip(months, month_cells, strict=True)
        ],
        "svg": svg_bars(
            "Responses per month",
            [label for label, _n in months],
            [c.shown for c in month_cells],
            _texts(month_cells, threshold),
        )
        if months
        else None,
    }

    questions = []
    for question in report["questions"]:
        cells, base = summaries.question_cells(question, level)
        rows = [
            (option["label"], cell.text(threshold), "" if cell.hidden else f"{option['percent']:g}%")
            for option, cell in zip(question["options"], cells, strict=True)
        ]
        svg = (
            svg_bars(
                question["text"],
                [o["label"] for o in question["options"]],
                [c.shown for c in cells],
                _texts(cells, threshold),
            )
            if question["options"]
            else None
        )
        questions.append(
            {
                "key": question["key"],
                "text": question["text"],
                "base": base.text(threshold),
                "rows": rows,
                "svg": svg,
            }
        )

    choice_questions = [q for q in definition.questions if q.options and not q.personal]
    row_key, col_key = args.get("rows"), args.get("columns")
    keys = {q.key for q in choice_questions}
    table = None
    if row_key in keys and col_key in keys and row_key != col_key:
        pairs = queries.crosstab_counts(slug, row_key, col_key, filters)
        table = summaries.crosstab(definition, row_key, col_key, pairs, level)
        table["cells"] = [_texts(row, threshold) for row in table["cells"]]
        table["row_totals"] = _texts(table["row_totals"], threshold)
        table["column_totals"] = _texts(table["column_totals"], threshold)
        table["total"] = table["total"].text(threshold)

    measures = []
    for question in definition.questions:
        if definition.kind != "feedback" or not summaries.is_measure(question):
            continue
        trend = summaries.quarter_trend(
            queries.quarter_counts(slug, question.key, summaries.positive_values(question), filters)
        )
        rows = []
        for entry in trend:
            cells, base = (
                ([Cell(entry["positive"])], Cell(entry["answered"]))
                if exact
                else suppress_line(
                    [entry["positive"], entry["answered"] - entry["positive"]], entry["answered"], threshold
                )
            )
            hidden = bool(cells[0].hidden or base.hidden)
            rows.append(
                {
                    "quarter": entry["quarter"],
                    "answered": base.text(threshold),
                    "percent": "not shown" if hidden else f"{entry['percent']:g}%",
                    "change": "" if hidden else summaries.trend_words(entry["change"]),
                }
            )
        measures.append({"text": localise(question.text), "rows": rows})

    return {
        "slug": slug,
        "title": report["title"],
        "kind": definition.kind,
        "exact": exact,
        "threshold": threshold,
        "total": total_cell.text(threshold),
        "filters": filters,
        "choices": queries.filter_choices(slug),
        "answer_options": [
            (f"{q.key}={o.value}", f"{localise(q.text)}: {localise(o.label)}")
            for q in choice_questions
            for o in q.options
        ],
        "choice_questions": [(q.key, localise(q.text)) for q in choice_questions],
        "over_time": over_time,
        "questions": questions,
        "crosstab": table,
        "measures": measures,
        "args": args,
    }
