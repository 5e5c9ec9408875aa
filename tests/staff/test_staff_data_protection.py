"""Retention and subject requests erase a person's data and leave none of it anywhere in the database.

"Anywhere" is checked by reading every row of every table, decrypting whatever is encrypted.
"""

import datetime as dt
import json
import re

from sqlalchemy import func, inspect, select, text

from portal.extensions import db
from portal.forms_engine import crypto
from portal.forms_engine.content import latest_version
from portal.forms_engine.models import Answer, ContactDetail, Response
from portal.forms_engine.store import build_response
from portal.outbox import queue_message
from portal.outbox.models import OutboxMessage
from portal.staff import secretbox
from portal.staff.models import AuditEvent, DeletionLog, LegalHold
from portal.staff.personal_data import may_see
from tests.staff.factories import sign_in_as

EMAIL = "sam.sample@example.org"
PHONE = "07700 900123"
PHONE_DIGITS = "07700900123"


def submit_feedback(app, *, email=EMAIL, phone=PHONE, days_ago=0, reference=None) -> str:
    """A sample parent's feedback after a conference, with contact details; returns its reference."""
    with app.app_context():
        version = latest_version("cp-conference-parent-feedback")
        answers = {
            "contact_me": "yes",
            "contact_name": "Sam Sample",
            "contact_phone": phone,
            "contact_email": email,
        }
        submitted = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
        response = build_response(
            version, answers, channel="online", submitted_at=submitted, reference=reference
        )
        db.session.commit()
        return response.reference


def _plain(value: str) -> str:
    if value.startswith("gAAAAA"):
        for decrypt in (crypto.decrypt, secretbox.unseal):
            try:
                return decrypt(value)
            except ValueError:
                continue
    return value


def places_holding(app, *needles: str) -> list[str]:
    """Every table.column whose value (decrypted if encrypted) contains one of the needles."""
    found = []
    digits = [re.sub(r"\D", "", n) for n in needles if re.sub(r"\D", "", n)]
    with app.app_context():
        for table in inspect(db.engine).get_table_names():
            rows = db.session.execute(text(f'SELECT * FROM "{table}"')).mappings().all()  # noqa: S608
            for row in rows:
                for column, value in row.items():
                    if value is None or isinstance(value, int | float | bool | dt.date):
                        continue
                    plain = _plain(
                        value if isinstance(value, str) else json.dumps(value, default=str)
                    ).lower()
                    if any(n.lower() in plain for n in needles) or any(
                        d in re.sub(r"\D", "", plain) for d in digits
                    ):
                        found.append(f"{table}.{column}")
    return sorted(set(found))


def test_the_scan_finds_contact_details_stored_encrypted(app):
    submit_feedback(app)
    assert places_holding(app, EMAIL) == ["contact_detail.value_encrypted"]
    assert places_holding(app, PHONE_DIGITS) == ["contact_detail.value_encrypted"]


def test_retention_run_erases_expired_contact_details_keeps_answers_and_honours_legal_holds(app, runner):
    old = submit_feedback(app, days_ago=400)
    held = submit_feedback(app, email="held@example.org", phone="07700 900999", days_ago=400)
    recent = submit_feedback(app, email="recent@example.org", phone="07700 900555", days_ago=10)
    with app.app_context():
        db.session.add(LegalHold(kind="feedback", record_id=held, reason="complaint open"))
        db.session.commit()
    result = runner.invoke(args=["retention", "run"])
    assert result.exit_code == 0, result.output
    assert "feedback: 1 records erased" in result.output
    assert places_holding(app, EMAIL, PHONE) == []
    assert places_holding(app, "held@example.org") == ["contact_detail.value_encrypted"]
    assert places_holding(app, "recent@example.org") == ["contact_detail.value_encrypted"]
    with app.app_context():
        response = db.session.scalar(select(Response).where(Response.reference == old))
        assert (
            db.session.scalar(
                select(func.count()).select_from(Answer).where(Answer.response_id == response.id)
            )
            > 0
        )
        log = db.session.scalars(select(DeletionLog)).all()
        assert [(d.kind, d.record_id, d.trigger) for d in log] == [("feedback", old, "retention")]
        assert set(log[0].fields) == {"contact_email", "contact_name", "contact_phone"}
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "retention_run")) is not None
    assert recent


def test_a_shorter_retention_period_set_by_an_admin_applies_at_the_next_run(app, client, runner):
    submit_feedback(app, days_ago=40)
    sign_in_as(app, client, "admin")
    client.get("/staff/retention")
    days = {
        "consultation": 365,
        "feedback": 30,
        "careleaver_request": 730,
        "safeguarding_flag": 2190,
        "alternative_format_request": 365,
    }
    assert client.post("/staff/retention", data=days).status_code == 302
    runner.invoke(args=["retention", "run"])
    assert places_holding(app, EMAIL, PHONE) == []


def test_an_admin_finds_exports_and_erases_a_person_by_email(app, client):
    reference = submit_feedback(app)
    other = submit_feedback(app, email="other@example.org", phone="07700 900777")
    with app.app_context():
        queue_message("email", EMAIL, "Your code to carry on is ABCDE-FGHJK.", "resume_code")
        queue_message("email", "other@example.org", "Your code to carry on is KLMNP-QRSTU.", "resume_code")
        db.session.commit()
    sign_in_as(app, client, "admin")
    client.get("/staff/subject-requests")
    found = client.post("/staff/subject-requests", data={"email": EMAIL, "reason": "SAR-2026-001"})
    assert reference in found.get_data(as_text=True)
    export = client.post(
        "/staff/subject-requests", data={"email": EMAIL, "reason": "SAR-2026-001", "action": "export"}
    )
    records = json.loads(export.get_data(as_text=True))["records"]
    assert {r["record_id"] for r in records} >= {reference}
    emails = [r for r in records if r["record_id"].startswith("outbox-")]
    assert [(r["data"]["to"], r["data"]["body"]) for r in emails] == [
        (EMAIL, "Your code to carry on is ABCDE-FGHJK.")
    ]
    assert records[0]["data"]["contact"]["contact_email"] == EMAIL
    refused = client.post(
        "/staff/subject-requests", data={"email": EMAIL, "reason": "SAR-2026-001", "action": "erase"}
    )
    assert refused.status_code == 400
    client.get("/staff/subject-requests")
    erased = client.post(
        "/staff/subject-requests",
        data={"email": EMAIL, "reason": "SAR-2026-001", "action": "erase", "confirm": "y"},
    )
    assert erased.status_code == 302
    assert places_holding(app, EMAIL, PHONE) == []
    assert places_holding(app, "other@example.org") == [
        "contact_detail.value_encrypted",
        "outbox_message.recipient_encrypted",
    ]
    with app.app_context():
        assert [m.body for m in db.session.scalars(select(OutboxMessage))] == [
            "Your code to carry on is KLMNP-QRSTU."
        ]
        actions = set(db.session.scalars(select(AuditEvent.action)))
        assert {"subject_searched", "subject_exported", "subject_erased"} <= actions
        assert db.session.scalar(select(func.count()).select_from(ContactDetail)) == 3
    assert other


def test_a_person_is_found_by_phone_written_differently(app, client):
    reference = submit_feedback(app)
    sign_in_as(app, client, "admin")
    client.get("/staff/subject-requests")
    found = client.post("/staff/subject-requests", data={"phone": "+44 7700 900123", "reason": "SAR-2"})
    assert reference in found.get_data(as_text=True)


def test_erasure_on_request_skips_records_under_legal_hold(app, client):
    reference = submit_feedback(app)
    with app.app_context():
        db.session.add(LegalHold(kind="feedback", record_id=reference, reason="court case"))
        db.session.commit()
    sign_in_as(app, client, "admin")
    client.get("/staff/subject-requests")
    client.post(
        "/staff/subject-requests", data={"email": EMAIL, "reason": "SAR-3", "action": "erase", "confirm": "y"}
    )
    assert places_holding(app, EMAIL) == ["contact_detail.value_encrypted"]


def test_an_officer_sees_contact_details_only_after_recording_a_reason(app, client):
    sign_in_as(app, client, "officer")
    page = client.get("/staff/personal-data/feedback/FV-9?next=/staff/")
    assert page.status_code == 200
    assert (
        client.post("/staff/personal-data/feedback/FV-9?next=/staff/", data={"reason": ""}).status_code == 400
    )
    client.get("/staff/personal-data/feedback/FV-9?next=/staff/")
    response = client.post(
        "/staff/personal-data/feedback/FV-9?next=/staff/",
        data={"reason": "To call them back about the conference"},
    )
    assert response.location == "/staff/"
    with client.session_transaction() as session:
        reveals = dict(session["staff_reveals"])
    with app.test_request_context():
        from flask import session as request_session
        from flask_login import login_user

        with app.app_context():
            from portal.staff.models import StaffUser

            officer = db.session.scalar(select(StaffUser).where(StaffUser.role == "officer"))
            login_user(officer)
            assert not may_see("feedback", "FV-9")
            request_session["staff_reveals"] = reveals
            assert may_see("feedback", "FV-9")
            assert not may_see("feedback", "FV-10")
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "personal_data_viewed"))
        assert (event.subject_type, event.subject_id, event.reason) == (
            "feedback",
            "FV-9",
            "To call them back about the conference",
        )


def test_subject_searches_never_write_the_email_into_the_audit_log(app, client):
    submit_feedback(app)
    sign_in_as(app, client, "admin")
    client.get("/staff/subject-requests")
    client.post("/staff/subject-requests", data={"email": EMAIL, "phone": PHONE, "reason": "SAR-4"})
    assert "audit_event" not in " ".join(places_holding(app, EMAIL, PHONE))


def test_retention_erases_the_words_of_old_safeguarding_flags_but_keeps_the_flag(app, runner):
    from portal.safeguarding.models import SafeguardingFlag

    old_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=2200)
    with app.app_context():
        old = SafeguardingFlag(
            source="assistant",
            channel="sms",
            text="my name is Sam Sample and I am scared",
            categories="harm",
            matched="scared",
            created_at=old_at,
        )
        held = SafeguardingFlag(
            source="assistant",
            channel="sms",
            text="Robin Held is not safe",
            categories="harm",
            matched="not safe",
            created_at=old_at,
        )
        new = SafeguardingFlag(
            source="assistant", channel="sms", text="Alex New needs help", categories="harm"
        )
        db.session.add_all([old, held, new])
        db.session.flush()
        db.session.add(LegalHold(kind="safeguarding_flag", record_id=str(held.id), reason="investigation"))
        db.session.commit()
        old_id = old.id
    result = runner.invoke(args=["retention", "run"])
    assert "safeguarding_flag: 1 records erased" in result.output
    assert places_holding(app, "Sam Sample") == []
    assert places_holding(app, "Robin Held") == ["safeguarding_flag.text"]
    assert places_holding(app, "Alex New") == ["safeguarding_flag.text"]
    with app.app_context():
        flag = db.session.get(SafeguardingFlag, old_id)
        assert flag.categories == "harm" and flag.text is None
