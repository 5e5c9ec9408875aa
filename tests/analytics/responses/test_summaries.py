"""Summaries are pure: question tables with the answered base, cross-tabs, months and quarter trends."""

import datetime as dt

from portal.analytics.responses import summaries
from portal.forms_engine.content import read_definition
from portal.forms_engine.definition import localise
from tests.consultations.factories import CONTENT

_data, SHORT_BREAKS = read_definition(CONTENT / "overnight-short-breaks-2019.yaml")


def test_question_tables_state_the_answered_base_and_percentages_of_it():
    answered = {"support": 9, "provision": 4}
    counts = {("support", "yes"): 3, ("support", "no"): 6, ("provision", "ludlow_road"): 2}
    report = summaries.build_report(SHORT_BREAKS, 9, answered, counts)
    assert set(report) == {"slug", "title", "responses", "questions"}
    support = next(q for q in report["questions"] if q["key"] == "support")
    assert support["answered"] == 9
    assert [(o["label"], o["count"], o["percent"]) for o in support["options"]] == [
        ("Yes", 3, 33.3),
        ("No", 6, 66.7),
        ("Maybe", 0, 0.0),
        ("Not sure", 0, 0.0),
    ]
    assert "email" not in {q["key"] for q in report["questions"]}


def test_suppressed_report_keeps_the_shape_with_small_counts_as_null():
    report = summaries.build_report(
        SHORT_BREAKS, 9, {"support": 9}, {("support", "yes"): 3, ("support", "no"): 6}
    )
    hidden = summaries.suppressed_report(report)
    support = next(q for q in hidden["questions"] if q["key"] == "support")
    assert [o["count"] for o in support["options"]] == [None, None, 0, 0]
    assert support["answered"] == 9 and hidden["responses"] == 9
    assert set(support["options"][0]) == {"label", "count", "percent"}


def test_a_cross_tab_of_district_by_role_has_totals_and_can_be_suppressed():
    role = SHORT_BREAKS.question("role")
    parent, professional = role.options[0].value, role.options[2].value
    district = SHORT_BREAKS.question("district")
    wyre = next(o.value for o in district.options if localise(o.label).startswith("Wyre Forest"))
    counts = {(parent, wyre): 2, (professional, wyre): 3}
    table = summaries.crosstab(SHORT_BREAKS, "role", "district", counts)
    assert table["rows"][0] == "Parent carer" and len(table["columns"]) == len(district.options)
    column = table["columns"].index(next(c for c in table["columns"] if c.startswith("Wyre Forest")))
    assert table["cells"][0][column].count == 2 and table["total"].count == 5
    hidden = summaries.crosstab(SHORT_BREAKS, "role", "district", counts, threshold=5)
    assert hidden["cells"][0][column].hidden and hidden["cells"][2][column].hidden


def test_months_fill_gaps_and_are_written_in_words():
    series = {dt.date(2019, 6, 20): 2, dt.date(2019, 8, 1): 1}
    assert summaries.months(series) == [("June 2019", 2), ("July 2019", 0), ("August 2019", 1)]


def test_quarter_trend_compares_with_the_previous_quarter_and_the_earlier_average():
    trend = summaries.quarter_trend({"2026-27 Q2": (5, 10), "2026-27 Q1": (3, 4), "2026-27 Q3": (9, 10)})
    assert [t["quarter"] for t in trend] == ["2026-27 Q1", "2026-27 Q2", "2026-27 Q3"]
    assert [t["percent"] for t in trend] == [75.0, 50.0, 90.0]
    assert [t["change"] for t in trend] == [None, -25.0, 40.0]
    assert trend[2]["against_earlier"] == 27.5
    assert summaries.trend_words(-25.0) == "down 25 points" and summaries.trend_words(None) == "first quarter"


def test_positive_answers_are_yes_or_the_top_half_of_a_rating():
    support = SHORT_BREAKS.question("support")
    assert summaries.positive_values(support) == {"yes"} and summaries.is_measure(support)
    assert not summaries.is_measure(SHORT_BREAKS.question("district"))
