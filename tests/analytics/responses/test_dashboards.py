"""Dashboards and downloads through HTTP: roles, suppression for analysts, filters, cross-tabs, audit."""

import csv
import datetime as dt
import io

from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from portal.extensions import db
from portal.forms_engine.content import latest_version
from portal.forms_engine.store import build_response
from portal.staff.models import AuditEvent
from tests.analytics.responses.test_reproduction import SLUG, import_with_channels
from tests.staff.factories import sign_in_as

PAGE = f"/staff/analytics/{SLUG}"


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/staff/sign-in" in response.location


def test_an_officer_sees_exact_counts_with_a_warning_and_can_download(app, client, runner, tmp_path):
    import_with_channels(runner, tmp_path)
    sign_in_as(app, client, "officer")
    index = client.get("/staff/analytics/").get_data(as_text=True)
    assert PAGE in index
    page = client.get(PAGE).get_data(as_text=True)
    assert "You are seeing exact counts" in page
    assert '<strong id="total-responses">9</strong>' in page
    assert "<title" in page and "<svg" in page and "Responses per month" in page
    download = client.get(f"{PAGE}/responses.csv")
    assert download.status_code == 200
    rows = list(csv.DictReader(io.StringIO(download.get_data(as_text=True))))
    assert len(rows) == 9 and "email" not in rows[0]
    workbook = load_workbook(io.BytesIO(client.get(f"{PAGE}/responses.xlsx").data))
    assert workbook.worksheets[0].max_row == 10
    assert client.get(f"{PAGE}/responses.json").get_json()[0]["role"] == "Parent carer"
    word = client.get(f"{PAGE}/report.docx?counts=exact")
    document = Document(io.BytesIO(word.data))
    assert "exact counts" in "\n".join(p.text for p in document.paragraphs)
    with app.app_context():
        actions = [(e.action, (e.detail or {}).get("format")) for e in db.session.scalars(select(AuditEvent))]
    assert ("responses.export", "csv") in actions and ("responses.report", "docx") in actions


def test_an_analyst_sees_small_numbers_hidden_and_cannot_download_rows(app, client, runner, tmp_path):
    import_with_channels(runner, tmp_path)
    sign_in_as(app, client, "analyst")
    page = client.get(PAGE).get_data(as_text=True)
    assert "fewer than 5" in page and "You are seeing exact counts" not in page
    assert "responses.csv" not in page
    assert client.get(f"{PAGE}/responses.csv").status_code == 403
    report = client.get(f"{PAGE}/report.json?counts=exact").get_json()
    support = next(q for q in report["questions"] if q["key"] == "support")
    assert [o["count"] for o in support["options"]] == [None, None, 0, 0]
    html = client.get(f"{PAGE}/report.html").get_data(as_text=True)
    assert "fewer than 5" in html


def test_filters_and_a_cross_tab_work_with_a_plain_get_form(app, client, runner, tmp_path):
    import_with_channels(runner, tmp_path)
    sign_in_as(app, client, "officer")
    page = client.get(
        PAGE, query_string={"answer": "role=professional", "rows": "district", "columns": "support"}
    )
    text = page.get_data(as_text=True)
    assert '<strong id="total-responses">4</strong>' in text
    assert 'id="crosstab"' in text
    paper = client.get(PAGE, query_string={"channel": "paper"}).get_data(as_text=True)
    assert '<strong id="total-responses">4</strong>' in paper


def test_feedback_dashboards_show_positive_answers_per_quarter(app, client):
    slug = "cp-conference-parent-feedback"
    with app.app_context():
        version = latest_version(slug)
        for day, answer in [(dt.date(2026, 5, 1), "yes"), (dt.date(2026, 8, 1), "no")] * 6:
            build_response(
                version,
                {"report_before": answer},
                channel="online",
                submitted_at=dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC),
            )
        db.session.commit()
    sign_in_as(app, client, "officer")
    text = client.get(f"/staff/analytics/{slug}").get_data(as_text=True)
    assert "Positive answers by quarter" in text
    assert "2026-27 Q1" in text and "2026-27 Q2" in text
