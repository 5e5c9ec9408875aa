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


def test_a_hidden_cell_beside_only_zeros_hides_the_shown_total_instead():
    # A question's "answered" base is not the sum of its options; with every other option at zero
    # it would still narrow the hidden count down, and there is no other cell to hide beside it.
    cells, total = suppress_line([4, 0, 0], 7)
    assert hidden(cells) == [PRIMARY, None, None] and total.hidden == SECONDARY
    assert total.text() == "not shown"
    # With a count above zero in the line, that count is hidden and the total stays.
    cells, total = suppress_line([0, 4, 0, 6], 10)
    assert hidden(cells) == [None, PRIMARY, None, SECONDARY] and total.text() == "10"


def test_no_line_of_a_cross_tab_gives_a_hidden_cell_away():
    rows = [[2, 0, 0], [0, 0, 9], [0, 0, 8]]
    cells, row_totals, column_totals, grand = suppress_table(
        rows, row_totals=[2, 9, 8], column_totals=[2, 0, 17], grand_total=19
    )
    # Row 1 and column 1 have one hidden cell beside zeros: their totals are hidden (both are 2,
    # small anyway); the grand total line then has one hidden row total, so another goes too.
    lines = [
        [cells[0][0], cells[0][1], cells[0][2], row_totals[0]],
        [cells[0][0], cells[1][0], cells[2][0], column_totals[0]],
        [row_totals[0], row_totals[1], row_totals[2], grand],
        [column_totals[0], column_totals[1], column_totals[2], grand],
    ]
    for line in lines:
        parts, total = line[:-1], line[-1]
        if total.shown is not None:
            assert sum(1 for c in parts if c.hidden and c.count) != 1, line


def test_a_line_whose_only_other_cells_are_zero_hides_its_total_in_a_cross_tab():
    rows = [[3, 0], [6, 7]]
    _cells, row_totals, column_totals, grand = suppress_table(
        rows, row_totals=[3, 13], column_totals=[9, 7], grand_total=16
    )
    # Row 0 is [fewer than 5, 0]: a shown row total of 3 would give it away (it is small: hidden).
    assert row_totals[0].hidden
    # Column 0 is [3 hidden, 6]: 6 is hidden beside it, or the column total 9 would give 3 away.
    assert _cells[1][0].hidden == SECONDARY or column_totals[0].hidden
    # The grand total line then has a hidden row total, so one more row total is hidden.
    assert row_totals[1].hidden or grand.hidden


def test_a_cell_hidden_for_its_column_is_not_given_away_by_its_row_total():
    # April [7, 2], May [9, 0]: April's 2 is small, so its 7 goes; the column of 7 and 9 has a
    # shown total, so May's 9 goes; May's total 9 (9 + 0) would then give the 9 back.
    rows = [[7, 2], [9, 0]]
    cells, row_totals, _column_totals, grand = suppress_table(
        rows, row_totals=[9, 9], column_totals=[16, 2], grand_total=18
    )
    assert [[c.hidden for c in row] for row in cells] == [[SECONDARY, PRIMARY], [SECONDARY, None]]
    assert row_totals[1].hidden == SECONDARY
    assert row_totals[0].hidden == SECONDARY  # else 18 - April's 9 gives May's total back
    assert grand.text() == "18"
