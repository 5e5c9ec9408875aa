"""Counts of families' reports by month and by service, each split by what was wrong.

`flag_counts` reads the facts; `crosstab` (pure) lays counts out as a table with totals and hides
small numbers unless exact counts were asked for, with the same suppression as every other table
in the analytics store (portal.analytics.responses.suppression).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from portal.analytics.responses.suppression import DEFAULT_THRESHOLD, Cell, crosstab_with_margins
from portal.analytics.service_flags.models import ServiceFlagFact
from portal.extensions import db


@dataclass(frozen=True)
class Filters:
    """Which reports to count: made on or after `date_from`, on or before `date_to`."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass(frozen=True)
class FlagCount:
    """How many reports about one service, of one kind, in one month."""

    month: str  # "2026-11"
    service_slug: str
    problem: str
    count: int


def flag_counts(filters: Filters = Filters()) -> list[FlagCount]:
    """Reports grouped by month, service and what was wrong."""
    fact = ServiceFlagFact
    statement = select(fact.month, fact.service_slug, fact.problem, func.count(fact.id)).group_by(
        fact.month, fact.service_slug, fact.problem
    )
    if filters.date_from is not None:
        statement = statement.where(fact.flagged_on >= filters.date_from)
    if filters.date_to is not None:
        statement = statement.where(fact.flagged_on <= filters.date_to)
    return [FlagCount(*row) for row in db.session.execute(statement)]


def service_names(slugs: Iterable[str]) -> dict[str, str]:
    """Each service's name as its latest report gave it."""
    slugs = sorted(set(slugs))
    if not slugs:
        return {}
    fact = ServiceFlagFact
    rows = db.session.execute(
        select(fact.service_slug, fact.service_name, func.max(fact.id).label("latest"))
        .where(fact.service_slug.in_(slugs))
        .group_by(fact.service_slug, fact.service_name)
        .order_by("latest")
    )
    return {slug: name for slug, name, _latest in rows}


def month_range(months: Iterable[str]) -> list[str]:
    """Every month from the first to the last given ("2026-01" ... "2026-04"), gaps filled."""
    known = sorted(set(months))
    if not known:
        return []
    year, month = (int(part) for part in known[0].split("-"))
    result = []
    while f"{year:04d}-{month:02d}" <= known[-1]:
        result.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


@dataclass(frozen=True)
class Table:
    """A table of counts as shown: a row per key, a column per kind of problem, with totals."""

    rows: list[tuple[str, list[Cell], Cell]]  # (row key, cells, row total)
    column_totals: list[Cell]
    total: Cell


def crosstab(
    counts: Sequence[tuple[str, str, int]],
    row_keys: Sequence[str],
    problems: Sequence[str],
    exact: bool,
    threshold: int = DEFAULT_THRESHOLD,
) -> Table:
    """Lay (row key, problem, count) out by `row_keys` and `problems`; small counts are hidden
    (and, where a total would give one away, the next smallest too) unless `exact`."""
    by_cell: dict[tuple[str, str], int] = {}
    for key, problem, count in counts:
        by_cell[(key, problem)] = by_cell.get((key, problem), 0) + count
    matrix = [[by_cell.get((key, problem), 0) for problem in problems] for key in row_keys]
    cells, rows_out, columns_out, grand = crosstab_with_margins(
        matrix, None if exact else threshold, width=len(problems)
    )
    return Table(
        rows=[(key, cells[i], rows_out[i]) for i, key in enumerate(row_keys)],
        column_totals=columns_out,
        total=grand,
    )


def flag_tables(filters: Filters, exact: bool, threshold: int = DEFAULT_THRESHOLD) -> dict:
    """What the page shows: reports by month and by service, split by what was wrong, a chart of
    the months, and the total; every count as the reader may see it."""
    from flask_babel import format_date
    from flask_babel import gettext as _

    from portal.analytics.responses.charts import svg_bars
    from portal.localoffer.editing import FLAG_PROBLEM_HEADINGS

    counts = flag_counts(filters)
    problems = list(FLAG_PROBLEM_HEADINGS) + sorted({c.problem for c in counts} - set(FLAG_PROBLEM_HEADINGS))
    labels = [str(FLAG_PROBLEM_HEADINGS.get(problem, problem)) for problem in problems]

    def text(cell: Cell) -> str:
        return cell.text(threshold)

    months = month_range(c.month for c in counts)
    by_month = crosstab([(c.month, c.problem, c.count) for c in counts], months, problems, exact, threshold)
    month_labels = {m: format_date(dt.date(int(m[:4]), int(m[5:]), 1), "MMMM y") for m in months}

    names = service_names(c.service_slug for c in counts)
    totals: dict[str, int] = {}
    for c in counts:
        totals[c.service_slug] = totals.get(c.service_slug, 0) + c.count
    # Exact counts: most reported first. Hidden counts: by name, so the order gives nothing away.
    services = sorted(totals, key=lambda s: (-totals[s], names[s]) if exact else (names[s].lower(), s))
    by_service = crosstab(
        [(c.service_slug, c.problem, c.count) for c in counts], services, problems, exact, threshold
    )

    def rows(table: Table, label) -> list[tuple[str, list[str], str]]:
        return [(label(key), [text(c) for c in cells], text(total)) for key, cells, total in table.rows]

    month_rows = rows(by_month, month_labels.get)
    return {
        "problems": labels,
        "total": text(by_month.total),
        "months": month_rows,
        "month_totals": [text(c) for c in by_month.column_totals],
        "services": rows(by_service, names.get),
        "service_totals": [text(c) for c in by_service.column_totals],
        "chart": svg_bars(
            _("Reports per month"),
            [label for label, _cells, _total in month_rows],
            [total.shown for _key, _cells, total in by_month.rows],
            [total for _label, _cells, total in month_rows],
        )
        if months
        else None,
    }
