"""Exports and reports through the commands, on SQLite and PostgreSQL: formats, roles, audit, facts."""

import csv
import io
import json

from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from portal.analytics.responses.facts import AnswerFact, rebuild
from portal.extensions import db
from portal.staff.models import AuditEvent
from tests.analytics.responses.test_reproduction import SLUG, import_with_channels
from tests.staff.factories import create_staff_user


def add_with_email(runner, tmp_path, role="Professional", support="No", email="someone@example.com"):
    path = tmp_path / "email.csv"
    path.write_text(f"role,support,email\n{role},{support},{email}\n")
    result = runner.invoke(args=["responses", "import", SLUG, str(path), "--channel", "email"])
    assert result.exit_code == 0, result.output


def audit_actions(app):
    with app.app_context():
        return [(e.action, e.subject_id, e.user_email) for e in db.session.scalars(select(AuditEvent))]


def test_csv_json_and_xlsx_exports_have_stable_columns_and_labels(runner, app, tmp_path):
    import_with_channels(runner, tmp_path)
    text = runner.invoke(args=["export", SLUG]).output
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 9
    assert list(rows[0])[:6] == ["reference", "submitted_at", "channel", "language", "form_version", "role"]
    assert rows[0]["district"] == "Wyre Forest (including Kidderminster, Stourport and Bewdley)"
    assert [r["channel"] for r in rows].count("online") == 5 and "email" not in rows[0]
    as_json = json.loads(runner.invoke(args=["export", SLUG, "--format", "json"]).output)
    assert [r["reference"] for r in as_json] == [r["reference"] for r in rows]
    path = tmp_path / "out.xlsx"
    assert runner.invoke(args=["export", SLUG, "--format", "xlsx", "-o", str(path)]).exit_code == 0
    sheet = load_workbook(path).worksheets[0]
    assert [c.value for c in sheet[1]] == list(rows[0])
    assert sheet.max_row == 10


def test_an_export_imports_back_exactly(runner, app, tmp_path):
    import_with_channels(runner, tmp_path)
    first = tmp_path / "first.csv"
    runner.invoke(args=["export", SLUG, "-o", str(first)])
    with first.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 9 and rows[2]["provision"] == "Osborne Court, Malvern"


def test_formula_like_answers_are_neutralised_in_csv_and_xlsx(runner, app, tmp_path):
    path = tmp_path / "formula.csv"
    path.write_text('role,support,comments_other\nProfessional,No,"=HYPERLINK(""http://x"")"\n')
    assert runner.invoke(args=["responses", "import", SLUG, str(path), "--channel", "paper"]).exit_code == 0
    text = runner.invoke(args=["export", SLUG]).output
    assert "'=HYPERLINK" in text
    out = tmp_path / "f.xlsx"
    runner.invoke(args=["export", SLUG, "--format", "xlsx", "-o", str(out)])
    sheet = load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(row=2, column=header.index("comments_other") + 1).value.startswith("'=")


def test_contact_details_need_a_permitted_role_and_are_audited(runner, app, tmp_path):
    add_with_email(runner, tmp_path)
    create_staff_user(app, email="officer@example.org", role="officer")
    create_staff_user(app, email="analyst@example.org", role="analyst")
    refused = runner.invoke(args=["export", SLUG, "--include-contact"])
    assert refused.exit_code != 0 and "someone@example.com" not in refused.output
    analyst = runner.invoke(args=["export", SLUG, "--as", "analyst@example.org"])
    assert analyst.exit_code != 0 and "Analysts can use the summary report" in analyst.output
    full = runner.invoke(args=["export", SLUG, "--include-contact", "--as", "officer@example.org"])
    assert full.exit_code == 0, full.output
    header, row = full.output.splitlines()[:2]
    assert header.endswith(",email") and row.endswith(",someone@example.com")
    assert ("responses.export", SLUG, "officer@example.org") in audit_actions(app)
    report = runner.invoke(args=["report", SLUG, "--as", "analyst@example.org", "--exact"])
    assert report.exit_code != 0
    report = json.loads(runner.invoke(args=["report", SLUG, "--as", "analyst@example.org"]).output)
    assert next(q for q in report["questions"] if q["key"] == "role")["options"][2]["count"] is None
    assert ("responses.report", SLUG, "analyst@example.org") in audit_actions(app)


def test_docx_report_has_method_tables_and_charts(runner, app, tmp_path):
    import_with_channels(runner, tmp_path)
    path = tmp_path / "report.docx"
    result = runner.invoke(args=["report", SLUG, "--format", "docx", "-o", str(path)])
    assert result.exit_code == 0, result.output
    document = Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Overnight short break units for children with disabilities" in text
    assert "Number of responses: 9." in text and "14 June 2019" in text
    assert len(document.tables) >= 6 and len(document.inline_shapes) >= 6
    support = next(t for t in document.tables if any("Maybe" in c.text for c in t.columns[0].cells))
    assert [c.text for c in support.rows[1].cells][:2] == ["Yes", "fewer than 5"]


def test_report_sections_come_from_registered_providers(runner, app, tmp_path):
    from portal.analytics.responses import reports

    def themes(slug):
        return reports.ReportSection(
            heading="You said, we did",
            paragraphs=["Sample data for this test."],
            themes={"comments_ludlow_road": [{"name": "Travel", "count": 3}]},
        )

    reports.register_section(themes)
    try:
        import_with_channels(runner, tmp_path)
        report = json.loads(runner.invoke(args=["report", SLUG]).output)
        ludlow = next(q for q in report["questions"] if q["key"] == "comments_ludlow_road")
        assert ludlow["themes"] == [{"name": "Travel", "count": 3}]
        assert (
            "You said, we did"
            in runner.invoke(args=["report", SLUG, "--format", "html", "--no-charts"]).output
        )
    finally:
        reports._SECTION_PROVIDERS.remove(themes)


def test_facts_are_kept_as_responses_are_stored_and_rebuild_gives_the_same(runner, app, tmp_path):
    import_with_channels(runner, tmp_path)

    def snapshot():
        facts = db.session.scalars(select(AnswerFact).where(AnswerFact.form_slug == SLUG)).all()
        return sorted(
            (
                f.response_id,
                f.question_key,
                f.option_value,
                f.option_label,
                f.channel,
                str(f.submitted_on),
                f.quarter,
            )
            for f in facts
        )

    with app.app_context():
        kept = snapshot()
        assert len(kept) > 30
        assert rebuild(SLUG) == len(kept)
        assert snapshot() == kept
    result = runner.invoke(args=["analytics", "rebuild"])
    assert result.exit_code == 0 and "answer fact(s)" in result.output
