"""Small-number suppression: primary, secondary (so totals cannot reveal a hidden cell), cross-tabs."""

from portal.analytics.responses.suppression import PRIMARY, SECONDARY, Cell, suppress_line, suppress_table


def hidden(cells):
    return [c.hidden for c in cells]


def test_counts_below_the_threshold_are_hidden_and_zeros_are_shown():
    cells, total = suppress_line([12, 4, 0, 9], None)
    assert hidden(cells) == [None, PRIMARY, None, None]
    assert [c.text() for c in cells] == ["12", "fewer than 5", "0", "9"]
    assert total is None


def test_one_hidden_cell_with_a_shown_total_hides_the_next_smallest_too():
    cells, total = suppress_line([3, 6, 0, 0], 9)
    assert hidden(cells) == [PRIMARY, SECONDARY, None, None]
    assert cells[1].text() == "not shown" and total.text() == "9"


def test_two_hidden_cells_need_no_secondary_suppression():
    cells, _total = suppress_line([2, 3, 10], 15)
    assert hidden(cells) == [PRIMARY, PRIMARY, None]


def test_a_small_total_is_hidden_too():
    cells, total = suppress_line([2, 1], 3)
    assert total.hidden == PRIMARY and all(c.hidden for c in cells)


def test_the_threshold_is_configurable():
    cells, _ = suppress_line([9, 10, 30], 49, threshold=10)
    assert hidden(cells) == [PRIMARY, SECONDARY, None]
    assert cells[0].text(10) == "fewer than 10"


def test_no_row_or_column_of_a_cross_tab_gives_a_hidden_cell_away():
    rows = [[2, 7, 8], [6, 9, 12], [10, 11, 3]]
    row_totals = [sum(r) for r in rows]
    column_totals = [sum(c) for c in zip(*rows, strict=True)]
    cells, rows_out, cols_out, grand = suppress_table(
        rows, row_totals=row_totals, column_totals=column_totals, grand_total=sum(row_totals)
    )
    assert cells[0][0].hidden == PRIMARY and cells[2][2].hidden == PRIMARY
    for line in cells:
        assert sum(1 for c in line if c.hidden) != 1
    for j in range(3):
        assert sum(1 for line in cells if line[j].hidden) != 1
    assert grand == Cell(sum(row_totals))
    assert all(not c.hidden for c in rows_out + cols_out)


def test_a_hidden_margin_is_protected_against_the_grand_total():
    _cells, _rows, cols_out, grand = suppress_table(
        [[2, 0], [0, 3], [3, 0]], row_totals=[2, 3, 3], column_totals=[5, 3], grand_total=8
    )
    assert [c.hidden for c in cols_out] == [SECONDARY, PRIMARY]
    assert grand.shown == 8
