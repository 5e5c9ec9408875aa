"""Theme coding through HTTP with signed-in staff, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from types import SimpleNamespace

from sqlalchemy import func, select

from portal.extensions import db
from portal.forms_engine.content import latest_version
from portal.forms_engine.models import Answer
from portal.forms_engine.store import build_response
from portal.outbox.models import OutboxMessage
from portal.staff.models import AuditEvent
from portal.themes.models import Theme, ThemeSuggestion, ThemeTag
from tests.staff.factories import sign_in_as

SLUG = "overnight-short-breaks-2019"
BASE = f"/staff/themes/{SLUG}"


def _responses(app) -> list[int]:
    """Three sample responses; two left an email for updates. Returns the comment answer ids."""
    rows = [
        ("It is a long drive to Malvern for us.", "parent.one@example.org"),
        ("Providence Road has no nurses for my son's feeds.", "parent.two@example.org"),
        ("This is about saving money.", None),
    ]
    with app.app_context():
        version = latest_version(SLUG)
        for text, email in rows:
            answers = {"comments_other": text}
            if email:
                answers["email"] = email
            build_response(version, answers, channel="paper")
        db.session.commit()
        return list(
            db.session.scalars(
                select(Answer.id).where(Answer.question_key == "comments_other").order_by(Answer.id)
            )
        )


def _add_theme(client, name, description=""):
    client.get(BASE)
    response = client.post(f"{BASE}/themes", data={"name": name, "description": description})
    assert response.status_code == 303, response.data
    with client.application.app_context():
        return db.session.scalar(select(Theme.id).where(Theme.name == name))


def _messages(app) -> list[SimpleNamespace]:
    """The "you said, we did" messages queued, each with its channel and (decrypted) body."""
    with app.app_context():
        queued = db.session.scalars(select(OutboxMessage).where(OutboxMessage.purpose == "you_said_we_did"))
        return [SimpleNamespace(channel=m.channel, body=m.body) for m in queued]


def _audited(app, action) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == action))


def test_officer_codes_picks_quotes_and_sees_counts(app, client):
    answers = _responses(app)
    sign_in_as(app, client, "officer")
    travel = _add_theme(client, "Travel time and distance", "Longer journeys to another unit.")
    nursing = _add_theme(client, "Nursing and health needs")
    client.get(f"{BASE}/code")
    response = client.post(
        f"{BASE}/code",
        data={
            "answer_id": answers[0],
            "round": "first",
            "theme": [str(travel), str(nursing)],
            "quote": str(travel),
        },
    )
    assert response.status_code == 303
    client.get(f"{BASE}/code")
    client.post(f"{BASE}/code", data={"answer_id": answers[1], "round": "first", "theme": str(nursing)})
    page = client.get(BASE).get_data(as_text=True)
    assert re.search(r"Travel time and distance.*?numeric\">1<", page, re.S)
    assert re.search(r"Nursing and health needs.*?numeric\">2<", page, re.S)
    assert "“It is a long drive to Malvern for us.”" in page
    # Untick one theme: the tag goes, and every save is audited.
    client.get(f"{BASE}/code")
    client.post(f"{BASE}/code", data={"answer_id": answers[0], "round": "first", "theme": str(travel)})
    with app.app_context():
        tags = db.session.scalars(select(ThemeTag).where(ThemeTag.answer_id == answers[0])).all()
        assert [(t.theme_id, t.source, t.round) for t in tags] == [(travel, "officer", "first")]
    assert _audited(app, "theme_coding_saved") == 3
    assert _audited(app, "theme_created") == 2


def test_accepting_a_suggestion_records_the_model_and_rejecting_leaves_no_tag(app, client):
    answers = _responses(app)
    officer = sign_in_as(app, client, "officer")
    travel = _add_theme(client, "Travel time and distance")
    cuts = _add_theme(client, "Budget cuts")
    with app.app_context():
        for answer_id, theme_id in ((answers[0], travel), (answers[2], travel)):
            db.session.add(
                ThemeSuggestion(
                    answer_id=answer_id,
                    theme_id=theme_id,
                    score=0.61,
                    model_name="sentence-transformers/all-MiniLM-L6-v2",
                    model_version="0.1.0",
                    status="open",
                )
            )
        db.session.commit()
        first, second = db.session.scalars(select(ThemeSuggestion.id).order_by(ThemeSuggestion.id)).all()
    page = client.get(f"{BASE}/suggestions").get_data(as_text=True)
    assert "It is a long drive to Malvern for us." in page
    assert client.post(f"{BASE}/suggestions/{first}", data={"decision": "accept"}).status_code == 303
    client.get(f"{BASE}/suggestions")
    assert client.post(f"{BASE}/suggestions/{second}", data={"decision": "reject"}).status_code == 303
    with app.app_context():
        tags = db.session.scalars(select(ThemeTag)).all()
        assert len(tags) == 1
        tag = tags[0]
        assert (tag.answer_id, tag.theme_id, tag.source, tag.set_by) == (
            answers[0],
            travel,
            "suggestion",
            officer,
        )
        assert (tag.model_name, tag.model_version) == ("sentence-transformers/all-MiniLM-L6-v2", "0.1.0")
        assert db.session.get(ThemeSuggestion, second).status == "rejected"
    assert _audited(app, "theme_suggestion_accepted") == 1
    assert _audited(app, "theme_suggestion_rejected") == 1
    assert "No suggestions to check." in client.get(f"{BASE}/suggestions").get_data(as_text=True)
    del cuts


def test_double_coding_shows_kappa_between_officers_and_with_suggestions(app, client):
    answers = _responses(app)
    sign_in_as(app, client, "officer")
    travel = _add_theme(client, "Travel time and distance")
    cuts = _add_theme(client, "Budget cuts")
    first = {answers[0]: [travel], answers[1]: [], answers[2]: [cuts]}
    second = {answers[0]: [travel], answers[1]: [cuts], answers[2]: [cuts]}
    for round_, coding in (("first", first), ("second", second)):
        for answer_id, themes in coding.items():
            client.get(f"{BASE}/code?round={round_}")
            data = {"answer_id": answer_id, "round": round_, "theme": [str(t) for t in themes]}
            assert client.post(f"{BASE}/code", data=data).status_code == 303
    # The second officer sees only comments already coded in the first round.
    assert "This is about saving money." in client.get(f"{BASE}/code?round=second").get_data(as_text=True)
    page = client.get(f"{BASE}/agreement").get_data(as_text=True)
    # Travel: identical (kappa 1.00). Cuts: first [0,0,1], second [0,1,1] -> kappa 0.40.
    assert re.search(r"Travel time and distance</th>.*?>1.00<", page, re.S)
    assert re.search(r"Budget cuts</th>.*?>0.40<", page, re.S)
    assert "Comments coded by both: 3." in page


def test_analyst_reads_aggregates_but_cannot_change_anything(app, client):
    _responses(app)
    sign_in_as(app, client, "officer", email="o@example.org")
    _add_theme(client, "Travel time and distance")
    client.get("/staff/sign-out")
    client2 = app.test_client()
    sign_in_as(app, client2, "analyst")
    assert client2.get(BASE).status_code == 200
    assert client2.get(f"{BASE}/agreement").status_code == 200
    assert client2.get(f"{BASE}/code").status_code == 403
    assert client2.get(f"{BASE}/suggestions").status_code == 403


def test_publishing_and_action_changes_tell_opted_in_people_once_per_change(app, client):
    _responses(app)
    sign_in_as(app, client, "officer")
    travel = _add_theme(client, "Travel time and distance")
    client.get(f"{BASE}/themes/{travel}")
    response = client.post(
        f"{BASE}/themes/{travel}",
        data={
            "you_said": "Journeys to Osborne Court would be long.",
            "we_did": "<p>We will review transport <script>alert(1)</script>with each family.</p>"
            '<img src="x">',
        },
    )
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(Theme, travel).we_did_html == (
            '<p class="govuk-body">We will review transport alert(1)with each family.</p>'
        )
    client.get(f"{BASE}/themes/{travel}")
    client.post(
        f"{BASE}/themes/{travel}/actions", data={"description": "Review transport with families in the north"}
    )
    public = client.get(f"/consultations/{SLUG}").get_data(as_text=True)
    assert "You said, we did" not in public
    assert _messages(app) == []

    client.get(BASE)
    assert client.post(f"{BASE}/publish", data={}).status_code == 303
    messages = _messages(app)
    assert len(messages) == 2 and {m.channel for m in messages} == {"email"}
    assert all("published what we did" in m.body for m in messages)
    public = client.get(f"/consultations/{SLUG}").get_data(as_text=True)
    assert "You said, we did" in public and "We will review transport" in public and "<script>" not in public
    assert "Review transport with families in the north" in public and "Planned" in public

    client.get(BASE)
    client.post(f"{BASE}/publish", data={})  # already published: nobody is told twice
    assert len(_messages(app)) == 2

    with app.app_context():
        action_id = db.session.get(Theme, travel).actions[0].id
    client.get(f"{BASE}/themes/{travel}")
    client.post(f"{BASE}/actions/{action_id}/status", data={"status": "in_progress"})
    assert len(_messages(app)) == 4
    client.get(f"{BASE}/themes/{travel}")
    client.post(f"{BASE}/actions/{action_id}/status", data={"status": "in_progress"})  # no change
    assert len(_messages(app)) == 4
    client.get(f"{BASE}/themes/{travel}")
    client.post(f"{BASE}/actions/{action_id}/status", data={"status": "done"})
    messages = _messages(app)
    assert len(messages) == 6
    assert sum("is now done" in m.body for m in messages) == 2
    assert "Done" in client.get(f"/consultations/{SLUG}").get_data(as_text=True)
    assert _audited(app, "theme_response_published") == 1
    assert _audited(app, "theme_action_status_changed") == 2
    with app.app_context():
        assert all("example.org" not in m.body for m in messages)
        assert all("example.org" not in str(e.detail or "") for e in db.session.scalars(select(AuditEvent)))


def test_committee_report_carries_theme_counts_quotes_and_responses(app, client):
    answers = _responses(app)
    sign_in_as(app, client, "officer")
    travel = _add_theme(client, "Travel time and distance")
    client.get(f"{BASE}/code")
    client.post(
        f"{BASE}/code",
        data={"answer_id": answers[0], "round": "first", "theme": str(travel), "quote": str(travel)},
    )
    client.get(f"{BASE}/themes/{travel}")
    client.post(
        f"{BASE}/themes/{travel}", data={"you_said": "Long journeys", "we_did": "We will review transport."}
    )
    from portal.analytics.responses import reports

    with app.app_context():
        summary = reports.summary(SLUG)
        question = next(q for q in summary["questions"] if q["key"] == "comments_other")
        assert question["themes"] == [{"name": "Travel time and distance", "count": 1}]
        section = next(s for s in reports.extra_sections(SLUG) if s.heading == "Themes in what people wrote")
        assert section.tables[0]["rows"] == [
            ["Travel time and distance", 1, "It is a long drive to Malvern for us."]
        ]
        assert section.tables[1]["rows"][0][:2] == ["Long journeys", "We will review transport."]
