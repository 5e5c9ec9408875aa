"""Staff pages about the assistant's conversations: top questions, unanswered groups, ratings, flags."""

import yaml
from sqlalchemy import select

from portal.analytics.conversations.clustering import group_questions, nlu_examples_yaml, stems
from portal.analytics.conversations.ingest import ingest_sql
from portal.chat.models import ChatFollowUp
from portal.extensions import db
from portal.forms_engine.crypto import encrypt
from portal.safeguarding.flags import flag_message
from tests.analytics.rasa_events import sample_conversations, write_events_db
from tests.staff.factories import sign_in_as


def test_similar_questions_are_grouped_and_exported_as_rasa_nlu_examples():
    groups = group_questions(
        [
            "is there a sleepover club at weekends",
            "can my son go to a sleepover club at weekends",
            "how do I apply for a blue badge",
            "weekend sleepover clubs?",
            "blue badge application",
        ]
    )
    assert [g.count for g in groups] == [3, 2]
    assert stems("Sleepover Clubs") == {"sleepover", "club"}
    exported = yaml.safe_load(nlu_examples_yaml(groups))
    assert exported["version"] == "3.1"
    assert exported["nlu"][0]["intent"] == "review_group_1"
    assert exported["nlu"][0]["examples"].splitlines() == [
        "- is there a sleepover club at weekends",
        "- can my son go to a sleepover club at weekends",
        "- weekend sleepover clubs?",
    ]


def _load_sample(app, tmp_path):
    events_db = tmp_path / "events.db"
    write_events_db(events_db, sample_conversations())
    with app.app_context():
        ingest_sql(f"sqlite:///{events_db}")
        flag_message(
            "I am scared to go home",
            source="assistant",
            channel="sms",
            conversation_id="sms:5f2b9c0d1e7a4b3c",
        )


def test_an_analyst_sees_top_questions_unanswered_groups_ratings_and_flags(app, client, tmp_path):
    _load_sample(app, tmp_path)
    sign_in_as(app, client, "analyst")

    html = client.get("/staff/conversations/").get_data(as_text=True)
    assert "Top questions" in html and "<code>nlu_fallback</code>" in html and "<code>faq</code>" in html

    html = client.get("/staff/conversations/unanswered").get_data(as_text=True)
    assert "can my son go to a sleepover club at weekends" in html
    assert "[phone number removed]" in html and "07700" not in html
    export = client.get("/staff/conversations/unanswered/export.yml")
    assert export.status_code == 200 and "attachment" in export.headers["Content-Disposition"]
    examples = yaml.safe_load(export.get_data(as_text=True))["nlu"]
    assert sum(len(item["examples"].splitlines()) for item in examples) == 3

    html = client.get("/staff/conversations/ratings").get_data(as_text=True)
    assert '<svg viewBox="0 0' in html and 'role="img"' in html
    assert "16 November 2026" in html and "50%" in html  # one helpful, one not, in the week of Monday 16th

    html = client.get("/staff/conversations/safeguarding").get_data(as_text=True)
    assert "Text message" in html and "New" in html and "scared to go home" not in html

    # Messages families typed are for officers only.
    assert client.get("/staff/conversations/follow-ups").status_code == 403


def test_an_officer_reads_kept_messages_and_marks_them_dealt_with(app, client):
    with app.app_context():
        db.session.add(
            ChatFollowUp(
                conversation_key="web:abc", text_encrypted=encrypt("what is a short break"), reason="slow"
            )
        )
        db.session.commit()
    sign_in_as(app, client, "officer")
    html = client.get("/staff/conversations/follow-ups").get_data(as_text=True)
    assert "what is a short break" in html and "Mark as dealt with" in html
    with app.app_context():
        item_id = db.session.scalars(select(ChatFollowUp.id)).one()
    done = client.post(f"/staff/conversations/follow-ups/{item_id}/done", data={})
    assert done.status_code == 302
    html = client.get("/staff/conversations/follow-ups").get_data(as_text=True)
    assert "Dealt with" in html and "Mark as dealt with" not in html
    with app.app_context():
        item = db.session.get(ChatFollowUp, item_id)
        assert item.status == "done" and item.handled_by


def test_signed_out_visitors_are_sent_to_sign_in(client):
    for path in ("/staff/conversations/", "/staff/conversations/unanswered/export.yml"):
        response = client.get(path)
        assert response.status_code == 302 and "/staff/sign-in" in response.location
