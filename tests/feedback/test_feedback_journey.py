"""Feedback forms through HTTP: answered on the shared journey, stored in the shared tables."""

import re

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.feedback.models import ResponseContext
from portal.forms_engine.models import Answer, ContactDetail, Response
from portal.safeguarding.models import SafeguardingFlag

FEEDBACK_FORMS = [
    "cp-conference-parent-feedback",
    "ehcp-new-plan-feedback",
    "ehcp-annual-review-feedback",
    "young-persons-feedback",
    "end-of-involvement-feedback",
]


def start(client, slug, context=None):
    page = client.get(f"/feedback/{slug}" + (f"?context={context}" if context else ""))
    assert page.status_code == 200
    data = {"context": context} if context else {}
    response = client.post(f"/feedback/{slug}/start", data=data)
    assert response.status_code == 303
    return response.headers["Location"]


def answer_pages(client, location, answers_by_page):
    """Post each page's answers in turn; returns where the journey went after the last one."""
    for page_key, answers in answers_by_page:
        assert location.endswith(f"/questions/{page_key}"), location
        response = client.post(location, data={**answers, "action": "continue"})
        assert response.status_code == 303, response.get_data(as_text=True)[:2000]
        location = response.headers["Location"]
    return location


def send(client, slug):
    page = client.get(f"/feedback/{slug}/check-your-answers")
    assert page.status_code == 200
    token = re.search(r'name="submission_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    sent = client.post(f"/feedback/{slug}/check-your-answers", data={"submission_token": token})
    assert sent.status_code == 303
    return client.get(sent.headers["Location"])


def test_the_feedback_list_shows_every_form(client):
    page = client.get("/feedback/").get_data(as_text=True)
    for slug in FEEDBACK_FORMS:
        assert f'href="/feedback/{slug}"' in page
    assert "01905 822666" in page


def test_a_consultation_is_not_served_as_feedback(client):
    assert client.get("/feedback/overnight-short-breaks-2019").status_code == 404


def test_a_parent_gives_conference_feedback_anonymously(client, app):
    location = start(client, "cp-conference-parent-feedback")
    location = answer_pages(
        client,
        location,
        [
            ("conference", {"conference_type": "initial"}),
            ("report", {"report_before": "yes"}),
            ("worry", {"explained_worry": "partly"}),
            ("change", {"understood_change": "yes"}),
            ("fair", {"fair_report": "no"}),
            ("solve", {"chance_to_suggest": "yes"}),
            ("anything-else", {"comments": "The chair was kind and explained everything."}),
            ("contact", {"contact_me": "no"}),
        ],
    )
    assert location.endswith("/check-your-answers")
    confirmation = send(client, "cp-conference-parent-feedback").get_data(as_text=True)
    assert "Thank you" in confirmation
    assert "You told us something that worries us" not in confirmation
    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        assert response.form_version.form.kind == "feedback"
        answers = {a.question_key: a.label or a.value for a in response.answers}
        assert answers["report_before"] == "Yes"
        assert answers["fair_report"] == "No"
        assert not response.safeguarding_flag
        assert db.session.scalars(select(ContactDetail)).all() == []
        assert db.session.scalars(select(ResponseContext)).all() == []


def test_asking_to_be_contacted_keeps_the_details_apart_and_encrypted(client, app):
    location = start(client, "ehcp-new-plan-feedback")
    answer_pages(
        client,
        location,
        [
            ("involved", {"felt_involved": "yes"}),
            ("aspirational", {}),
            ("case-worker", {"easy_to_contact": "no"}),
            ("agencies", {"agencies_together": "not_sure"}),
            ("anything-else", {}),
            (
                "contact",
                {"contact_me": "yes", "contact_name": "Sam Parent", "contact_phone": "07700 900123"},
            ),
        ],
    )
    send(client, "ehcp-new-plan-feedback")
    with app.app_context():
        details = db.session.scalars(select(ContactDetail)).all()
        assert {d.question_key for d in details} == {"contact_name", "contact_phone"}
        assert all("07700" not in d.value_encrypted for d in details)
        keys = {a.question_key for a in db.session.scalars(select(Answer))}
        assert "contact_phone" not in keys and "contact_me" in keys


def test_a_disclosure_shows_help_at_once_and_flags_the_response_for_staff(client, app):
    location = start(client, "young-persons-feedback")
    answer_pages(
        client,
        location,
        [
            ("feel", {"how_it_felt": "2"}),
            ("listened", {"listened_to": "1"}),
            ("next", {}),
            ("tell-us", {"tell_us": "my step dad hurts me and i dont feel safe at home"}),
            ("contact", {"contact_me": "no"}),
        ],
    )
    confirmation = send(client, "young-persons-feedback").get_data(as_text=True)
    assert "You told us something that worries us" in confirmation
    assert (
        "0800 1111" in confirmation
        and "01905 822666" in confirmation
        and 'call <span class="app-number" dir="ltr">999</span>' in confirmation
    )
    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        assert response.safeguarding_flag
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.response_reference == response.reference
        assert flag.form_slug == "young-persons-feedback"
        assert set(flag.category_list) == {"abuse", "immediate_danger"}
        assert flag.text is None  # the words stay in the answers table


def test_the_face_scale_shows_words_for_every_face(client):
    location = start(client, "young-persons-feedback")
    html = client.get(location).get_data(as_text=True)
    for words in ("Really bad", "Bad", "OK", "Good", "Really good"):
        assert words in html
    assert html.count('aria-hidden="true">\U0001f600') == 1


def test_a_context_link_stores_team_service_and_quarter_with_the_response(client, app):
    from portal.feedback.context import make_token

    with app.test_request_context():
        token = make_token(team="Wyre Forest Safeguarding", service="Child protection", quarter="2026-27 Q3")
    location = start(client, "cp-conference-parent-feedback", context=token)
    answer_pages(client, location, [("conference", {})])
    for page in ("report", "worry", "change", "fair", "solve", "anything-else", "contact"):
        client.post(f"/feedback/cp-conference-parent-feedback/questions/{page}", data={"action": "continue"})
    send(client, "cp-conference-parent-feedback")
    with app.app_context():
        context = db.session.scalars(select(ResponseContext)).one()
        assert (context.team, context.service, context.quarter) == (
            "Wyre Forest Safeguarding",
            "Child protection",
            "2026-27 Q3",
        )


def test_an_edited_context_token_is_ignored(client, app):
    from portal.feedback.context import make_token

    with app.test_request_context():
        token = make_token(team="Redditch")
    start(client, "end-of-involvement-feedback", context=token[:-2] + "xx")
    for page in ("service", "overall", "experience", "comments", "contact"):
        client.post(f"/feedback/end-of-involvement-feedback/questions/{page}", data={"action": "continue"})
    send(client, "end-of-involvement-feedback")
    with app.app_context():
        assert db.session.scalars(select(ResponseContext)).all() == []
        assert len(db.session.scalars(select(Response)).all()) == 1


@pytest.mark.parametrize("slug", FEEDBACK_FORMS)
def test_every_feedback_form_has_a_start_page_with_its_privacy_notice(client, slug):
    html = client.get(f"/feedback/{slug}").get_data(as_text=True)
    assert "How we use your information" in html
    assert "Start now" in html


def test_an_officer_makes_a_context_link_that_families_can_use(client, app):
    from tests.staff.factories import sign_in_as

    sign_in_as(app, client, "officer")
    import datetime as dt

    from portal.feedback.context import quarter_of

    page = client.get("/staff/feedback/links").get_data(as_text=True)
    assert f'value="{quarter_of(dt.date.today())}"' in page
    made = client.post(
        "/staff/feedback/links",
        data={"slug": "ehcp-new-plan-feedback", "team": "SEND Assessment", "quarter": "2026-27 Q3"},
    ).get_data(as_text=True)
    link = re.search(r'<code id="feedback-link">([^<]+)</code>', made).group(1)
    path = link.split("localhost:5000", 1)[-1].replace("&amp;", "&")
    assert "SEND" not in path  # the context is signed and encoded, not readable words
    start_page = client.get(path).get_data(as_text=True)
    assert "SEND Assessment" in start_page and "2026-27 Q3" in start_page


def test_quarters_follow_the_councils_financial_year():
    import datetime as dt

    from portal.feedback.context import quarter_of

    assert quarter_of(dt.date(2026, 4, 1)) == "2026-27 Q1"
    assert quarter_of(dt.date(2026, 11, 23)) == "2026-27 Q3"
    assert quarter_of(dt.date(2027, 3, 31)) == "2026-27 Q4"
    assert quarter_of(dt.date(2099, 12, 31)) == "2099-00 Q3"


def test_a_badly_written_quarter_is_refused(client, app):
    from tests.staff.factories import sign_in_as

    sign_in_as(app, client, "officer")
    client.get("/staff/feedback/links")
    page = client.post("/staff/feedback/links", data={"slug": "ehcp-new-plan-feedback", "quarter": "Q3"})
    assert "such as 2026-27 Q3" in page.get_data(as_text=True)


def test_the_shared_report_summarises_conference_feedback_with_no_special_code(client, app, runner):
    import json

    for explained in ("yes", "yes", "no"):
        location = start(client, "cp-conference-parent-feedback")
        answer_pages(
            client, location, [("conference", {}), ("report", {}), ("worry", {"explained_worry": explained})]
        )
        for page in ("change", "fair", "solve", "anything-else", "contact"):
            client.post(
                f"/feedback/cp-conference-parent-feedback/questions/{page}", data={"action": "continue"}
            )
        send(client, "cp-conference-parent-feedback")
    result = runner.invoke(args=["report", "cp-conference-parent-feedback", "--format", "json"])
    report = json.loads(result.output)
    assert report["responses"] == 3
    worry = next(q for q in report["questions"] if q["key"] == "explained_worry")
    assert worry["answered"] == 3
    assert {o["label"]: (o["count"], o["percent"]) for o in worry["options"]}["Yes"] == (2, 66.7)
    assert all(
        q["key"] not in ("contact_name", "contact_phone", "contact_email") for q in report["questions"]
    )
