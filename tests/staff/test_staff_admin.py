"""Admins manage staff accounts and read the audit log; every change is audited; the log cannot change."""

import csv
import io

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from portal.extensions import db
from portal.staff import audit
from portal.staff.audit_log import parse_uk_date, spreadsheet_safe
from portal.staff.models import AuditEvent, StaffUser
from tests.staff.factories import create_staff_user, sign_in, sign_in_as


def _actions(app):
    with app.app_context():
        return db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()


def test_an_admin_adds_a_person_who_can_then_sign_in(app, client):
    sign_in_as(app, client, "admin")
    client.get("/staff/users/new")
    response = client.post(
        "/staff/users/new",
        data={
            "email": "Pat@Example.org",
            "name": "Pat Adviser",
            "role": "pa",
            "password": "teapot river gravel",
        },
    )
    assert response.status_code == 302
    assert "user_created" in _actions(app)
    person = app.test_client()
    assert sign_in(person, "pat@example.org", "teapot river gravel").location == "/staff/"


def test_a_weak_first_password_is_refused_with_a_clear_message(app, client):
    sign_in_as(app, client, "admin")
    client.get("/staff/users/new")
    response = client.post(
        "/staff/users/new",
        data={"email": "a@example.org", "name": "A", "role": "pa", "password": "password1234"},
    )
    assert response.status_code == 400
    assert "Password is too common" in response.get_data(as_text=True)


def test_deactivating_signs_the_person_out_and_stops_them_signing_in(app, client):
    officer_id, _ = create_staff_user(app)
    officer = app.test_client()
    sign_in(officer)
    sign_in_as(app, client, "admin")
    client.get(f"/staff/users/{officer_id}")
    assert client.post(f"/staff/users/{officer_id}/deactivate", data={}).status_code == 302
    assert officer.get("/staff/").status_code == 302
    assert sign_in(app.test_client()).status_code == 400
    assert "user_deactivated" in _actions(app)


def test_an_admin_unlocks_a_locked_account_and_resets_a_password(app, client):
    officer_id, _ = create_staff_user(app)
    for _attempt in range(5):
        sign_in(app.test_client(), password="wrong password here")
    sign_in_as(app, client, "admin")
    assert "Locked" in client.get(f"/staff/users/{officer_id}").get_data(as_text=True)
    client.post(f"/staff/users/{officer_id}/unlock", data={})
    client.get(f"/staff/users/{officer_id}")
    assert client.post(f"/staff/users/{officer_id}/password", data={"password": "short"}).status_code == 400
    client.get(f"/staff/users/{officer_id}")
    assert (
        client.post(
            f"/staff/users/{officer_id}/password", data={"password": "marble cactus harbour"}
        ).status_code
        == 302
    )
    assert sign_in(app.test_client(), password="marble cactus harbour").location == "/staff/"
    assert {"user_unlocked", "user_password_reset"} <= set(_actions(app))


def test_the_last_admin_cannot_be_deactivated_or_demoted(app, client):
    admin_id = sign_in_as(app, client, "admin")
    client.get(f"/staff/users/{admin_id}")
    client.post(f"/staff/users/{admin_id}/deactivate", data={})
    client.get(f"/staff/users/{admin_id}")
    client.post(f"/staff/users/{admin_id}/role", data={"role": "officer"})
    with app.app_context():
        admin = db.session.get(StaffUser, admin_id)
        assert admin.active and admin.role == "admin"


def test_the_audit_log_filters_and_exports_as_csv(app, client):
    sign_in_as(app, client, "admin")
    with app.app_context():
        audit.record(
            "personal_data_viewed", subject_type="feedback", subject_id="FV-1", reason="=HYPERLINK(1)"
        )
        db.session.commit()
    page = client.get("/staff/audit?action=personal_data_viewed").get_data(as_text=True)
    assert "FV-1" in page
    assert '<td class="govuk-table__cell">sign in' not in page
    export = client.get("/staff/audit.csv?action=personal_data_viewed")
    assert export.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(export.get_data(as_text=True))))
    assert [r["subject_id"] for r in rows] == ["FV-1"]
    assert rows[0]["reason"] == "'=HYPERLINK(1)"
    assert "audit_log_exported" in _actions(app)


def test_dates_are_read_the_way_people_type_them():
    assert str(parse_uk_date("1/8/2026")) == "2026-08-01"
    assert str(parse_uk_date("2026-08-01")) == "2026-08-01"
    assert parse_uk_date("31/2/2026") is None
    assert parse_uk_date("soon") is None
    assert spreadsheet_safe("+44 7700") == "'+44 7700"
    assert spreadsheet_safe("plain") == "plain"


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_event SET action = 'nothing'", "DELETE FROM audit_event"]
)
def test_the_database_refuses_to_change_or_delete_audit_events(app, statement):
    with app.app_context():
        audit.record("something_happened")
        db.session.commit()
        with pytest.raises(DatabaseError, match="append-only"):
            db.session.execute(text(statement))
            db.session.flush()
        db.session.rollback()
        assert db.session.scalar(select(AuditEvent.action)) == "something_happened"
