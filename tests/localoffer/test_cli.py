"""Open Referral UK JSON and CSV: export, import and the round trip between them."""

import json

import sqlalchemy as sa

from portal.extensions import db
from portal.localoffer.models import Service, ServiceRevision
from portal.localoffer.openreferral import from_csv, from_openreferral, to_csv, to_openreferral
from portal.localoffer.records import service_to_record
from tests.localoffer.factories import service_record


def _records(app) -> dict:
    with app.app_context():
        return {s.slug: service_to_record(s) for s in db.session.scalars(sa.select(Service))}


def test_a_record_survives_open_referral_json_and_csv():
    record = {**service_record(), "status": "published", "description_html": "<p>Games and crafts.</p>"}
    record["description"] = "Games and crafts."
    assert from_openreferral(json.loads(json.dumps(to_openreferral(record)))) == record
    back = from_csv(to_csv([record]))[0]
    assert {k: v for k, v in back.items() if k not in ("age_min", "age_max")} == {
        k: v for k, v in record.items() if k not in ("age_min", "age_max", "description_html")
    }
    assert (int(back["age_min"]), int(back["age_max"])) == (5, 11)


def test_csv_cells_that_look_like_formulas_are_defused():
    text = to_csv([service_record(name="=HYPERLINK(1)")])
    assert "'=HYPERLINK(1)" in text
    assert from_csv(text)[0]["name"] == "=HYPERLINK(1)"


def test_export_writes_open_referral_json(runner, tmp_path):
    target = tmp_path / "services.json"
    result = runner.invoke(args=["localoffer", "export", "--format", "openreferral-json", "-o", str(target)])
    assert result.exit_code == 0, result.output
    services = json.loads(target.read_text())
    assert len(services) == 73
    unit = next(s for s in services if s["id"] == "young-adults-team")
    assert unit["contacts"][0]["phones"][0]["number"] == "01905 845715"
    assert unit["eligibilitys"][0]["minimum_age"] == 16


def test_json_export_then_import_round_trips(app, runner, tmp_path):
    before = _records(app)
    target = tmp_path / "services.json"
    runner.invoke(args=["localoffer", "export", "-o", str(target)])
    result = runner.invoke(args=["localoffer", "import", str(target)])
    assert result.exit_code == 0, result.output
    assert "0 new, 73 updated" in result.output
    assert _records(app) == before


def test_csv_export_then_import_round_trips(app, runner, tmp_path):
    before = _records(app)
    target = tmp_path / "services.csv"
    assert runner.invoke(args=["localoffer", "export", "--format", "csv", "-o", str(target)]).exit_code == 0
    result = runner.invoke(args=["localoffer", "import", str(target)])
    assert result.exit_code == 0, result.output
    after = _records(app)
    for slug, record in before.items():
        assert {k: v for k, v in after[slug].items() if k != "description_html"} == {
            k: v for k, v in record.items() if k != "description_html"
        }, slug


def test_import_adds_new_services_with_history(app, runner, tmp_path):
    source = tmp_path / "new.csv"
    source.write_text(to_csv([service_record(id="test-imported-club", name="Imported Club")]))
    result = runner.invoke(args=["localoffer", "import", str(source), "--by", "user:7"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        service = db.session.scalar(sa.select(Service).where(Service.slug == "test-imported-club"))
        assert service.status == "published" and service.origin == "imported"
        revision = db.session.scalar(
            sa.select(ServiceRevision).where(ServiceRevision.service_id == service.id)
        )
        assert (revision.action, revision.changed_by) == ("imported", "user:7")


def test_an_invalid_file_imports_nothing(app, runner, tmp_path):
    source = tmp_path / "bad.csv"
    source.write_text(to_csv([service_record(id="test-bad", service_areas=["narnia"])]))
    result = runner.invoke(args=["localoffer", "import", str(source)])
    assert result.exit_code != 0
    assert "unknown districts: narnia" in result.output
    with app.app_context():
        assert db.session.scalar(sa.select(Service).where(Service.slug == "test-bad")) is None
