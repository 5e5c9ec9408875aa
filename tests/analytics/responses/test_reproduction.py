"""The 2019 short-breaks results reproduced: the 9 survey responses in, the published tables out.

The published tables are the digest's ``survey_results`` (seed 000, lines 225-300), copied here
with the published wording. The source says responses came online and on paper but not which were
which, so the split below (5 online, 4 paper) is an assumption of this test, not a published fact.
"""

import csv
import io
import json

from tests.consultations.factories import DATA

SLUG = "overnight-short-breaks-2019"
PUBLISHED = {
    "total_responses": 9,
    "role": {"Parent carer": 5, "Young person": 0, "Professional": 4},
    "child_age": {"0-16 years": 3, "17-25 years": 2, "Over 25 years": 0},
    "district_live": {
        "Bromsgrove": 2,
        "Redditch": 0,
        "Malvern Hills": 0,
        "Worcester City": 0,
        "Wychavon": 1,
        "Wyre Forest": 2,
    },
    "district_work_professionals": {
        "Bromsgrove": 0,
        "Redditch": 0,
        "Malvern Hills": 1,
        "Worcester City": 0,
        "Wychavon": 0,
        "Wyre Forest": 3,
        "Countywide": 0,
    },
    "currently_access_overnight": {"Yes": 4, "No": 1, "About to start": 0, "Not sure": 0},
    "provision_accessed": {
        "Ludlow Road, Kidderminster": 2,
        "Osborne Court, Malvern": 1,
        "Providence Road, Bromsgrove": 0,
        "Moule Close, Kidderminster": 1,
        "Family based (via Barnardos)": 0,
        "Acorns Children\u2019s Hospice, Worcester": 0,
        "Not sure": 0,
    },
    "support_proposals": {"Yes": 3, "No": 6, "Maybe": 0, "Not sure": 0},
}
# Published table -> (question key, row of the district-by-role cross-tab or None).
TABLES = {
    "role": ("role", None),
    "child_age": ("child_age", None),
    "district_live": ("district", "Parent carer"),
    "district_work_professionals": ("district", "Professional"),
    "currently_access_overnight": ("access", None),
    "provision_accessed": ("provision", None),
    "support_proposals": ("support", None),
}
ONLINE_ROWS = 5


def published_label(ours: str, published: list[str]) -> str | None:
    """The published label for one of our option labels (the report shortened some)."""
    ours = ours.replace("\u2019", "'")
    for label in published:
        plain = label.replace("\u2019", "'")
        if ours == plain or ours.startswith(plain + " (") or ours.startswith(plain + ","):
            return label
        if plain == "Countywide" and ours == "I am a professional who works countywide":
            return label
    return None


def import_with_channels(runner, tmp_path):
    with (DATA / "short_breaks_2019_published_responses.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    for i, row in enumerate(rows):
        row["channel"] = "online" if i < ONLINE_ROWS else "paper"
    path = tmp_path / "nine.csv"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue())
    result = runner.invoke(args=["responses", "import", SLUG, str(path), "--channel", "paper"])
    assert result.exit_code == 0, result.output


def test_every_published_table_comes_out_of_the_report_exactly(runner, app, tmp_path):
    import_with_channels(runner, tmp_path)
    result = runner.invoke(args=["report", SLUG, "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["responses"] == PUBLISHED["total_responses"]
    questions = {q["key"]: q for q in report["questions"]}

    from portal.analytics.responses import queries, summaries
    from portal.forms_engine.content import definition_of, latest_version

    with app.app_context():
        definition = definition_of(latest_version(SLUG))
        by_role = summaries.crosstab(
            definition, "role", "district", queries.crosstab_counts(SLUG, "role", "district")
        )

    for table, (key, role_row) in TABLES.items():
        published = PUBLISHED[table]
        if role_row is None:
            ours = {o["label"]: o["count"] for o in questions[key]["options"]}
        else:
            row = by_role["rows"].index(role_row)
            ours = {
                label: cell.count
                for label, cell in zip(by_role["columns"], by_role["cells"][row], strict=True)
            }
        found = {}
        for label, count in ours.items():
            match = published_label(label, list(published))
            if match is not None:
                found[match] = count
            else:
                assert count == 0, (table, label)  # only unpublished options may be missing, and are 0
        assert found == published, table
    assert questions["child_age"]["answered"] == 5 and questions["provision"]["answered"] == 4


def test_the_committee_report_hides_the_small_numbers_the_2019_tables_published(runner, app, tmp_path):
    import_with_channels(runner, tmp_path)
    html = runner.invoke(args=["report", SLUG, "--format", "html", "--no-charts"]).output
    assert "Number of responses: 9." in html
    assert "online: 5" in html and "paper: 4" in html
    assert "fewer than 5" in html
    suppressed = json.loads(runner.invoke(args=["report", SLUG, "--suppress"]).output)
    support = next(q for q in suppressed["questions"] if q["key"] == "support")
    assert [o["count"] for o in support["options"]] == [None, None, 0, 0]
