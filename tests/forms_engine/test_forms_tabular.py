"""Rows for export and import: labels as shown, routing checked, formulas neutralised."""

import csv
import datetime as dt
from pathlib import Path

from portal.forms_engine.report import segment, summarise
from portal.forms_engine.tabular import answer_cells, columns, neutralise, row_to_answers, unneutralise
from tests.forms_engine.test_forms_routing import SHORT_BREAKS

TODAY = dt.date(2026, 11, 23)
PUBLISHED = Path(__file__).parents[1] / "consultations/data/short_breaks_2019_published_responses.csv"


def read_published():
    with PUBLISHED.open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_columns_are_stable_and_leave_out_contact_details_unless_asked():
    names = columns(SHORT_BREAKS)
    assert names[:7] == [
        "reference",
        "submitted_at",
        "channel",
        "language",
        "form_version",
        "role",
        "role__other",
    ]
    assert "email" not in names and columns(SHORT_BREAKS, include_contact=True)[-1] == "email"


def test_the_published_fixture_has_the_export_columns():
    with PUBLISHED.open(newline="") as handle:
        assert next(csv.reader(handle)) == columns(SHORT_BREAKS)


def test_a_row_of_labels_becomes_answers_and_back():
    row = read_published()[0]
    answers, problems = row_to_answers(SHORT_BREAKS, row, TODAY)
    assert problems == []
    assert answers == {
        "role": "parent_carer",
        "child_age": "age_0_16",
        "district": "wyre_forest",
        "access": "yes",
        "provision": "ludlow_road",
        "support": "no",
    }
    cells = answer_cells(SHORT_BREAKS, answers, include_contact=False)
    assert {k: v for k, v in cells.items() if v} == {k: v for k, v in row.items() if v}


def test_an_unknown_label_is_reported_with_the_options():
    row = {"role": "Parent", "support": "Yes"}
    _, problems = row_to_answers(SHORT_BREAKS, row, TODAY)
    assert problems[0].field == "role"
    assert problems[0].message.startswith(
        "'Parent' is not one of the options ('Parent carer', 'Young person'"
    )


def test_routing_is_checked_on_import():
    _, problems = row_to_answers(SHORT_BREAKS, {"role": "Professional", "child_age": "0-16 years"}, TODAY)
    assert [(p.field, p.message) for p in problems] == [
        ("child_age", "is answered but routing does not ask it for this person's answers")
    ]


def test_a_write_in_needs_other():
    _, problems = row_to_answers(SHORT_BREAKS, {"role": "Parent carer", "role__other": "Grandparent"}, TODAY)
    assert [p.field for p in problems] == ["role__other"]
    answers, problems = row_to_answers(SHORT_BREAKS, {"role": "Other", "role__other": "Grandparent"}, TODAY)
    assert problems == [] and answers["role__other"] == "Grandparent"


def test_labels_are_matched_without_minding_case():
    answers, problems = row_to_answers(SHORT_BREAKS, {"role": "parent CARER"}, TODAY)
    assert problems == [] and answers == {"role": "parent_carer"}


def test_formulas_are_neutralised_and_restored():
    for cell in ("=SUM(A1)", "+44", "-1", "@here"):
        assert neutralise(cell) == "'" + cell and unneutralise(neutralise(cell)) == cell
    assert neutralise("Fine") == "Fine" and unneutralise("'quoted") == "'quoted"


def test_the_nine_published_responses_give_the_published_counts():
    responses = [row_to_answers(SHORT_BREAKS, row, TODAY)[0] for row in read_published()]
    report = summarise(SHORT_BREAKS, responses)
    counts = {q["key"]: {o["label"]: o["count"] for o in q["options"]} for q in report["questions"]}
    assert report["responses"] == 9
    assert counts["role"] == {"Parent carer": 5, "Young person": 0, "Professional": 4, "Other": 0}
    assert counts["child_age"] == {"0-16 years": 3, "17-25 years": 2, "Over 25 years": 0}
    assert counts["access"]["Yes"] == 4 and counts["access"]["No"] == 1
    assert counts["provision"]["Ludlow Road, Kidderminster"] == 2
    assert counts["support"] == {"Yes": 3, "No": 6, "Maybe": 0, "Not sure": 0}
    by_role = segment(SHORT_BREAKS, responses, by="role", question="district")
    assert by_role["Professional"]["Wyre Forest (including Kidderminster, Stourport and Bewdley)"] == 3
    assert by_role["Parent carer"]["Bromsgrove"] == 2


def test_percent_is_of_those_who_answered():
    report = summarise(SHORT_BREAKS, [{"support": "yes"}, {"support": "no"}, {"support": "no"}, {}])
    support = next(q for q in report["questions"] if q["key"] == "support")
    assert support["answered"] == 3
    assert [o["percent"] for o in support["options"]] == [33.3, 66.7, 0.0, 0.0]
    assert all(q["key"] != "email" for q in report["questions"])
