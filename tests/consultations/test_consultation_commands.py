"""The commands: content load, responses import, export and report, on a real database."""

import csv
import io
import json

import yaml
from openpyxl import load_workbook
from sqlalchemy import func, select

from portal.extensions import db
from portal.forms_engine import crypto
from portal.forms_engine.models import ContactDetail, FormVersion, Response
from tests.consultations.factories import DATA, shipped
from tests.staff.factories import create_staff_user

PUBLISHED = DATA / "short_breaks_2019_published_responses.csv"
SLUG = "overnight-short-breaks-2019"


def published_rows() -> list[dict]:
    with PUBLISHED.open(newline="") as handle:
        return list(csv.DictReader(handle))


def import_file(runner, path, *extra, slug=SLUG, channel="paper"):
    return runner.invoke(args=["responses", "import", slug, str(path), "--channel", channel, *extra])


def count_responses(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Response.id)))


def test_the_published_results_are_reproduced_from_the_nine_responses(runner, app):
    result = import_file(runner, PUBLISHED)
    assert result.exit_code == 0, result.output
    assert "Imported 9 response(s)" in result.output
    report = json.loads(runner.invoke(args=["report", SLUG, "--format", "json"]).output)
    assert set(report) == {"slug", "title", "responses", "questions"}
    assert report["responses"] == 9
    counts = {q["key"]: {o["label"]: o["count"] for o in q["options"]} for q in report["questions"]}
    answered = {q["key"]: q["answered"] for q in report["questions"]}
    assert counts["role"] == {"Parent carer": 5, "Young person": 0, "Professional": 4, "Other": 0}
    assert counts["child_age"] == {"0-16 years": 3, "17-25 years": 2, "Over 25 years": 0}
    assert counts["district"] == {
        "Bromsgrove": 2,
        "Redditch": 0,
        "Malvern Hills (including Tenbury Wells and Upton-upon-Severn)": 1,
        "Worcester City": 0,
        "Wychavon (including Evesham, Pershore and Droitwich)": 1,
        "Wyre Forest (including Kidderminster, Stourport and Bewdley)": 5,
        "I do not live in Worcestershire": 0,
        "I am a professional who works countywide": 0,
    }
    assert counts["access"] == {
        "Yes": 4,
        "No": 1,
        "About to start (e.g. just been referred, on a waiting list or just starting to access)": 0,
        "Not sure": 0,
    }
    assert counts["provision"] == {
        "Ludlow Road, Kidderminster": 2,
        "Osborne Court, Malvern": 1,
        "Providence Road, Bromsgrove": 0,
        "Moule Close, Kidderminster": 1,
        "Family based (via Barnardos)": 0,
        "Acorns Children's Hospice, Worcester": 0,
        "Not sure": 0,
    }
    assert counts["support"] == {"Yes": 3, "No": 6, "Maybe": 0, "Not sure": 0}
    assert (answered["child_age"], answered["access"], answered["provision"]) == (5, 5, 4)
    support = next(q for q in report["questions"] if q["key"] == "support")
    assert [o["percent"] for o in support["options"]] == [33.3, 66.7, 0.0, 0.0]
    assert support["themes"] == [] and "email" not in counts
    with app.app_context():
        assert {r.channel for r in db.session.scalars(select(Response))} == {"paper"}


def test_an_import_with_bad_rows_reports_each_and_imports_nothing(runner, app, tmp_path):
    rows = published_rows()
    rows[1]["child_age"] = "Ten"
    rows[5]["child_age"] = "0-16 years"  # a professional: routing does not ask this
    rows[6]["role"] = "Other"  # without saying what
    bad = tmp_path / "bad.csv"
    with bad.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = import_file(runner, bad)
    assert result.exit_code != 0
    assert "row 3: child_age: 'Ten' is not one of the options ('0-16 years'" in result.output
    assert (
        "row 7: child_age: is answered but routing does not ask it for this person's answers" in result.output
    )
    assert "row 8: role__other: Enter your answer for ‘Other’" in result.output
    assert "nothing imported: 3 problem(s)" in result.output
    assert count_responses(app) == 0


def test_an_import_refuses_unknown_columns_and_channels(runner, app, tmp_path):
    path = tmp_path / "typo.csv"
    path.write_text("role,suport\nParent carer,Yes\n")
    result = import_file(runner, path)
    assert "column 'suport' is not in the form (check its spelling)" in result.output
    path.write_text("role,channel\nParent carer,fax\n")
    assert (
        "row 2: channel: 'fax' is not one of online, paper, phone, email, drop-in"
        in import_file(runner, path).output
    )
    assert import_file(runner, path, channel="online").exit_code == 2
    assert count_responses(app) == 0


def test_export_then_import_round_trips_exactly(runner, app, tmp_path):
    source = tmp_path / "source.csv"
    rows = published_rows()
    rows[5].update(role="Other", role__other="Grandparent", comments_other="=1+1 and; semicolons, commas")
    rows[0]["comments_osborne_court"] = "Line one\nLine two"
    with source.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert import_file(runner, source, channel="drop-in").exit_code == 0
    first = tmp_path / "first.csv"
    assert runner.invoke(args=["export", SLUG, "--format", "csv", "-o", str(first)]).exit_code == 0
    exported = first.read_text()
    assert "'=1+1 and; semicolons, commas" in exported
    with app.app_context():
        db.session.execute(Response.__table__.delete())
        db.session.commit()
    result = import_file(runner, first)
    assert result.exit_code == 0, result.output
    second = tmp_path / "second.csv"
    runner.invoke(args=["export", SLUG, "--format", "csv", "-o", str(second)])
    assert second.read_text() == exported
    assert ",drop-in," in exported


def test_export_formats_and_contact_columns(runner, app, tmp_path):
    path = tmp_path / "with-email.csv"
    path.write_text("role,support,email\nProfessional,No,officer@example.com\n")
    assert import_file(runner, path, channel="email").exit_code == 0
    assert count_responses(app) == 1
    plain = runner.invoke(args=["export", SLUG]).output
    assert "officer@example.com" not in plain and ",email" not in plain.splitlines()[0]
    refused = runner.invoke(args=["export", SLUG, "--include-contact"])
    assert refused.exit_code != 0 and "officer@example.com" not in refused.output
    create_staff_user(app, email="officer@example.org", role="officer")
    full = runner.invoke(args=["export", SLUG, "--include-contact", "--as", "officer@example.org"]).output
    assert full.splitlines()[0].endswith(",email") and full.splitlines()[1].endswith(",officer@example.com")
    as_json = json.loads(runner.invoke(args=["export", SLUG, "--format", "json"]).output)
    assert as_json[0]["role"] == "Professional" and "email" not in as_json[0]
    workbook_path = tmp_path / "out.xlsx"
    runner.invoke(args=["export", SLUG, "--format", "xlsx", "-o", str(workbook_path)])
    sheet = load_workbook(workbook_path).active
    assert [c.value for c in sheet[1]][:6] == [
        "reference",
        "submitted_at",
        "channel",
        "language",
        "form_version",
        "role",
    ]
    assert sheet[2][5].value == "Professional"
    with app.app_context():
        contact = db.session.scalar(select(ContactDetail))
        assert crypto.decrypt(contact.value_encrypted) == "officer@example.com"


def test_a_surveymonkey_export_imports_through_a_column_mapping(runner, app, tmp_path):
    export = tmp_path / "surveymonkey.csv"
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["Respondent ID", "Are you a parent carer, young person or professional?", "", "Support?"]
    )
    writer.writerow(["", "Response", "Other (please specify)", "Response"])
    writer.writerow(["1001", "Parent Carer", "", "No"])
    writer.writerow(["1002", "Other (please specify)", "Foster carer", "Maybe"])
    export.write_text(out.getvalue())
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        yaml.safe_dump(
            {
                "columns": {
                    "Respondent ID": None,
                    "Are you a parent carer, young person or professional?": "role",
                    "": "role__other",
                    "Support?": "support",
                },
                "values": {"role": {"Parent Carer": "Parent carer", "Other (please specify)": "Other"}},
                "skip_rows": 1,
            }
        )
    )
    result = import_file(runner, export, "--mapping", str(mapping), channel="email")
    assert result.exit_code == 0, result.output
    report = json.loads(runner.invoke(args=["report", SLUG]).output)
    role = next(q for q in report["questions"] if q["key"] == "role")
    assert {o["label"]: o["count"] for o in role["options"]}["Other"] == 1


def test_content_load_is_idempotent_and_versions_changed_definitions(runner, app, tmp_path):
    again = runner.invoke(args=["content", "load"])
    assert again.exit_code == 0 and f"{SLUG}.yaml: unchanged (version 1)" in again.output
    assert import_file(runner, PUBLISHED).exit_code == 0
    changed = shipped(SLUG)
    changed["pages"][0]["questions"][0]["text"] = (
        "Are you a parent carer, young person, professional or other?"
    )
    path = tmp_path / f"{SLUG}.yaml"
    path.write_text(yaml.safe_dump(changed, allow_unicode=True))
    loaded = runner.invoke(args=["content", "load", str(path)])
    assert f"{SLUG}.yaml: new version (version 2)" in loaded.output
    assert "unchanged (version 2)" in runner.invoke(args=["content", "load", str(path)]).output
    with app.app_context():
        versions = {
            v.number: v
            for v in db.session.scalars(select(FormVersion).join(FormVersion.form))
            if v.form.slug == SLUG
        }
        old = db.session.scalar(select(Response).limit(1))
        assert old.form_version.number == 1
        assert old.form_version.definition["pages"][0]["questions"][0]["text"].startswith(
            "Are you a parent carer,"
        )
        assert versions[2].definition["pages"][0]["questions"][0]["text"].endswith("or other?")
    export = runner.invoke(args=["export", SLUG]).output
    assert export.splitlines()[1].split(",")[4] == "1"


def test_a_bad_definition_is_refused_with_a_clear_error(runner, tmp_path):
    bad = shipped(SLUG)
    bad["pages"][1]["questions"][0]["show_if"] = {"question": "support", "equals": "yes"}
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(bad))
    result = runner.invoke(args=["content", "load", str(path)])
    assert result.exit_code != 0
    assert (
        "broken.yaml: pages[1].questions[0].show_if: question 'support' is not an earlier question"
        in result.output
    )
