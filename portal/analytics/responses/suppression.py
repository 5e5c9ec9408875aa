"""Small-number suppression for tables of counts (pure).

Counts from 1 up to the threshold (default 5) could identify someone, so they are hidden and shown
as "fewer than 5". Hiding one cell is not enough when its row or column total is shown: the total
minus the other cells gives it away. So wherever a line (row or column, with its total) has exactly
one hidden cell, the next smallest cell in that line is hidden too ("secondary suppression"), and
this repeats until no line gives a hidden cell away. Where every other cell in the line is zero,
there is nothing left to hide beside it, so the line's total is hidden instead. That matters for a
cell hidden to protect another line (its count is not small, so neither is the total it equals),
and for a total that is not the line's sum (a question's "answered" base).
Totals below the threshold are hidden as well. Zeros are shown: nobody can be picked out of nobody.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_THRESHOLD = 5
PRIMARY = "primary"
SECONDARY = "secondary"


@dataclass(frozen=True)
class Cell:
    """A count as it may be shown: ``hidden`` is None, "primary" or "secondary"."""

    count: int
    hidden: str | None = None

    @property
    def shown(self) -> int | None:
        """The count, or None when it must not be shown."""
        return None if self.hidden else self.count

    def text(self, threshold: int = DEFAULT_THRESHOLD) -> str:
        """The words a reader sees for this cell."""
        if self.hidden == PRIMARY:
            return f"fewer than {threshold}"
        if self.hidden == SECONDARY:
            return "not shown"
        return str(self.count)


def is_small(count: int, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """True for counts that could identify someone: 1 up to threshold - 1."""
    return 0 < count < threshold


def suppress_line(
    counts: list[int], total: int | None = None, threshold: int = DEFAULT_THRESHOLD
) -> tuple[list[Cell], Cell | None]:
    """Suppress one list of counts and its total (a question's options and its "answered" base)."""
    table, row_totals, _col_totals, _grand = suppress_table(
        [counts], row_totals=[total] if total is not None else None, threshold=threshold
    )
    return table[0], (row_totals[0] if row_totals else None)


def suppress_table(
    rows: list[list[int]],
    *,
    row_totals: list[int] | None = None,
    column_totals: list[int] | None = None,
    grand_total: int | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> tuple[list[list[Cell]], list[Cell] | None, list[Cell] | None, Cell | None]:
    """Suppress a cross-tab with its margins; returns (cells, row totals, column totals, grand total).

    Totals given are treated as published: a line whose total is shown must not have exactly one
    hidden cell. Lines whose total is not given are checked only for primary suppression.
    """
    hidden = [[PRIMARY if is_small(c, threshold) else None for c in row] for row in rows]
    row_hidden = [PRIMARY if is_small(t, threshold) else None for t in row_totals] if row_totals else None
    col_hidden = (
        [PRIMARY if is_small(t, threshold) else None for t in column_totals] if column_totals else None
    )
    grand_hidden = [PRIMARY if grand_total is not None and is_small(grand_total, threshold) else None]
    width = max((len(r) for r in rows), default=0)

    def protect(cells: list[tuple[int, object]], total_key) -> bool:
        """cells: (count, key); when exactly one is hidden and the total is shown, hide one more
        cell (the smallest above zero) or, when all the others are zero, the total itself."""
        if get(total_key):
            return False
        marks = [get(key) for _count, key in cells]
        if sum(1 for m in marks if m) != 1:
            return False
        candidates = [(count, key) for count, key in cells if not get(key) and count > 0]
        if candidates:
            _count, key = min(candidates, key=lambda item: item[0])
            put(key, SECONDARY)
        else:
            put(total_key, SECONDARY)
        return True

    def place(key) -> tuple[list, int]:
        kind, i, j = key
        if kind == "cell":
            return hidden[i], j
        if kind == "row":
            return row_hidden, i
        if kind == "col":
            return col_hidden, j
        return grand_hidden, 0

    def get(key):
        marks, index = place(key)
        return marks[index]

    def put(key, value):
        marks, index = place(key)
        marks[index] = value

    changed = True
    while changed:
        changed = False
        if row_totals is not None:
            for i, row in enumerate(rows):
                changed |= protect([(c, ("cell", i, j)) for j, c in enumerate(row)], ("row", i, 0))
        if column_totals is not None:
            for j in range(width):
                line = [(rows[i][j], ("cell", i, j)) for i in range(len(rows)) if j < len(rows[i])]
                changed |= protect(line, ("col", 0, j))
        if row_totals is not None and grand_total is not None:
            line = [(t, ("row", i, 0)) for i, t in enumerate(row_totals)]
            changed |= protect(line, ("grand", 0, 0))
        if column_totals is not None and grand_total is not None:
            line = [(t, ("col", 0, j)) for j, t in enumerate(column_totals)]
            changed |= protect(line, ("grand", 0, 0))

    cells = [[Cell(c, hidden[i][j]) for j, c in enumerate(row)] for i, row in enumerate(rows)]
    rows_out = [Cell(t, row_hidden[i]) for i, t in enumerate(row_totals)] if row_totals else None
    cols_out = [Cell(t, col_hidden[j]) for j, t in enumerate(column_totals)] if column_totals else None
    grand_out = Cell(grand_total, grand_hidden[0]) if grand_total is not None else None
    return cells, rows_out, cols_out, grand_out


def crosstab_with_margins(
    matrix: list[list[int]], threshold: int | None = DEFAULT_THRESHOLD, width: int | None = None
) -> tuple[list[list[Cell]], list[Cell], list[Cell], Cell]:
    """A cross-tab with its row, column and grand totals; suppressed unless ``threshold`` is None
    (officers' exact counts). ``width`` is the number of columns (needed when there are no rows).
    Returns (cells, row totals, column totals, grand total)."""
    if width is None:
        width = len(matrix[0]) if matrix else 0
    row_totals = [sum(row) for row in matrix]
    column_totals = [sum(row[j] for row in matrix) for j in range(width)]
    grand_total = sum(row_totals)
    if threshold is None:
        margins = [Cell(t) for t in row_totals], [Cell(t) for t in column_totals]
        return exact(matrix), *margins, Cell(grand_total)
    cells, rows_out, columns_out, grand = suppress_table(
        matrix,
        row_totals=row_totals,
        column_totals=column_totals,
        grand_total=grand_total,
        threshold=threshold,
    )
    return cells, rows_out or [], columns_out or [], grand


def exact(rows: list[list[int]]) -> list[list[Cell]]:
    """Cells with nothing hidden (for officers, who see exact counts with a warning)."""
    return [[Cell(c) for c in row] for row in rows]
