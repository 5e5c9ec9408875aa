"""Care leavers' forms and the assistant's endpoint put requests in the PAs' queue."""

import re

import pytest
from sqlalchemy import select

from portal.api.bot_auth import bot_api_token
from portal.careleavers.models import CallbackEvent, CallbackRequest
from portal.extensions import db
from portal.outbox.models import OutboxMessage
from portal.safeguarding.models import SafeguardingFlag
from portal.staff.models import AuditEvent
from tests.staff.factories import sign_in_as


def complete(client, slug, pages):
    client.get(f"/care-leavers/{slug}")
    location = client.post(f"/care-leavers/{slug}/start", data={}).headers["Location"]
    for page_key, answers in pages:
        assert location.endswith(f"/questions/{page_key}"), location
        response = client.post(location, data={**answers, "action": "continue"})
        assert response.status_code == 303, response.get_data(as_text=True)[:3000]
        location = response.headers["Location"]
    page = client.get(f"/care-leavers/{slug}/check-your-answers").get_data(as_text=True)
    token = re.search(r'name="submission_token" value="([^"]+)"', page).group(1)
    sent = client.post(f"/care-leavers/{slug}/check-your-answers", data={"submission_token": token})
    assert sent.status_code == 303
    return client.get(sent.headers["Location"]), token


CALLBACK_PAGES = [
    ("about", {"reason": "housing", "more_detail": "My landlord wants me out by the end of the month"}),
    ("how", {"preferred_contact": "text", "best_time": "afternoon"}),
    ("you", {"name": "Jay", "phone": "07700 900456"}),
]


def test_asking_for_a_call_back_queues_a_request_and_a_text(client, app):
    confirmation, _token = complete(client, "ask-for-a-call-back", CALLBACK_PAGES)
    html = confirmation.get_data(as_text=True)
    assert "We have got your request" in html and "within 2 working days" in html
    with app.app_context():
        request = db.session.scalars(select(CallbackRequest)).one()
        assert request.reference in html
        assert (request.kind, request.channel, request.status) == ("callback", "web", "new")
        assert request.reason == "Somewhere to live"
        assert request.best_time == "Afternoon (12pm to 5pm)"
        assert request.preferred_contact == "text"
        message = db.session.scalars(select(OutboxMessage)).one()
        assert message.channel == "sms" and message.purpose == "callback_acknowledgement"
        assert request.reference in message.body and "07700" not in message.body
        assert "07700" not in message.recipient_encrypted
        assert message.status == "created"


def test_sending_the_same_answers_twice_makes_one_request(client, app):
    _page, token = complete(client, "ask-for-a-call-back", CALLBACK_PAGES)
    again = client.post(
        "/care-leavers/ask-for-a-call-back/check-your-answers", data={"submission_token": token}
    )
    assert again.status_code == 303
    with app.app_context():
        assert len(db.session.scalars(select(CallbackRequest)).all()) == 1
        assert len(db.session.scalars(select(OutboxMessage)).all()) == 1


def test_something_is_wrong_shows_emergency_numbers_before_anything_is_asked(client):
    html = client.get("/care-leavers/something-is-wrong").get_data(as_text=True)
    assert html.index('call <span class="app-number" dir="ltr">999</span>') < html.index("Start now")
    assert "116 123" in html


def test_something_is_wrong_goes_to_the_top_of_the_queue_and_flags_a_disclosure(client, app):
    complete(client, "ask-for-a-call-back", CALLBACK_PAGES)
    confirmation, _ = complete(
        client,
        "something-is-wrong",
        [
            ("what", {"what_is_wrong": "my ex said he would kill me and hes outside", "safe_now": "no"}),
            ("you", {"preferred_contact": "call", "name": "Jay", "phone": "07700 900456"}),
        ],
    )
    assert "116 123" in confirmation.get_data(as_text=True)
    with app.app_context():
        from portal.careleavers.callbacks import queue

        first = queue("new")[0]
        assert first.kind == "urgent" and first.safeguarding
        assert first.reason == "Something is wrong: says they are not safe now"
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.form_slug == "something-is-wrong"


def test_the_confirmation_never_says_whether_we_know_the_person(client):
    html, _ = complete(client, "update-my-contact-details", [("who", {"name": "Jay"}), ("new-details", {})])
    text = html.get_data(as_text=True)
    assert "We have got your details" in text
    for giveaway in ("not found", "no record", "we know you", "your PA is"):
        assert giveaway not in text.lower()


@pytest.fixture
def bot_headers(app):
    with app.app_context():
        return {"Authorization": f"Bearer {bot_api_token()}"}


def test_the_assistant_can_make_a_callback_request(client, app, bot_headers):
    body = {
        "conversation_id": "p-7f3a",
        "channel": "sms",
        "reason": "money for my gas bill",
        "best_time": "after 3pm",
        "preferred_contact": "text",
    }
    response = client.post("/api/v1/callback-requests", json=body, headers=bot_headers)
    assert response.status_code == 201
    reference = response.get_json()["reference"]
    assert re.fullmatch(r"CB-[A-Z0-9]{4}-[A-Z0-9]{4}", reference)
    with app.app_context():
        request = db.session.scalars(select(CallbackRequest)).one()
        assert (request.reference, request.channel, request.conversation_id) == (reference, "sms", "p-7f3a")
        assert db.session.scalars(select(SafeguardingFlag)).all() == []


def test_a_callback_reason_that_discloses_risk_raises_a_flag(client, app, bot_headers):
    body = {
        "conversation_id": "p-1",
        "channel": "sms",
        "reason": "i want to end it all",
        "preferred_contact": "call",
    }
    assert client.post("/api/v1/callback-requests", json=body, headers=bot_headers).status_code == 201
    with app.app_context():
        assert db.session.scalars(select(CallbackRequest)).one().safeguarding
        assert db.session.scalars(select(SafeguardingFlag)).one().category_list == ["suicide"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"channel": "sms", "reason": "x", "preferred_contact": "call"}, "conversation_id"),
        (
            {"conversation_id": "c", "channel": "sms", "reason": "x", "preferred_contact": "email"},
            "preferred_contact",
        ),
        ({"conversation_id": "c", "channel": "post", "reason": "x", "preferred_contact": "call"}, "channel"),
        ({"conversation_id": "c", "channel": "sms", "reason": "", "preferred_contact": "call"}, "reason"),
    ],
)
def test_a_bad_callback_request_names_the_field(client, bot_headers, body, field):
    response = client.post("/api/v1/callback-requests", json=body, headers=bot_headers)
    assert response.status_code == 400
    assert field in response.get_json()["error"]["fields"]


def test_the_callback_endpoint_needs_the_token(client):
    body = {"conversation_id": "c", "channel": "sms", "reason": "x", "preferred_contact": "call"}
    assert client.post("/api/v1/callback-requests", json=body).status_code == 401


def test_a_pa_picks_up_and_finishes_a_request_and_every_change_is_recorded(client, app):
    complete(client, "ask-for-a-call-back", CALLBACK_PAGES)
    with app.app_context():
        reference = db.session.scalars(select(CallbackRequest)).one().reference
    sign_in_as(app, client, "pa")
    queue = client.get("/staff/care-leavers/").get_data(as_text=True)
    assert reference in queue
    detail = client.get(f"/staff/care-leavers/{reference}").get_data(as_text=True)
    assert "07700 900456" in detail
    assert (
        client.post(f"/staff/care-leavers/{reference}/status", data={"status": "in_progress"}).status_code
        == 303
    )
    assert (
        client.post(f"/staff/care-leavers/{reference}/case", data={"case_reference": "LL-123456"}).status_code
        == 303
    )
    assert client.post(f"/staff/care-leavers/{reference}/status", data={"status": "done"}).status_code == 303
    assert client.post(f"/staff/care-leavers/{reference}/status", data={"status": "new"}).status_code == 409
    done = client.get("/staff/care-leavers/?status=done").get_data(as_text=True)
    assert reference in done
    with app.app_context():
        request = db.session.scalars(select(CallbackRequest)).one()
        assert (
            request.status == "done"
            and request.picked_up_by == "Pa Person"
            and request.matched_case == "LL-123456"
        )
        events = db.session.scalars(select(CallbackEvent).order_by(CallbackEvent.id)).all()
        assert [(e.action, e.from_status, e.to_status) for e in events] == [
            ("status", "new", "in_progress"),
            ("matched", None, None),
            ("status", "in_progress", "done"),
        ]
        actions = [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
        assert actions.count("callback_request.status") == 2
        assert "callback_request.view_contact" in actions


def test_a_request_past_its_target_is_marked_overdue(client, app):
    import datetime as dt

    complete(client, "ask-for-a-call-back", CALLBACK_PAGES)
    with app.app_context():
        request = db.session.scalars(select(CallbackRequest)).one()
        request.created_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=7)
        db.session.commit()
    sign_in_as(app, client, "pa")
    assert "Overdue" in client.get("/staff/care-leavers/").get_data(as_text=True)


@pytest.mark.parametrize("role", ["analyst", "editor"])
def test_the_queue_is_closed_to_roles_that_do_not_work_it(client, app, role):
    sign_in_as(app, client, role)
    assert client.get("/staff/care-leavers/").status_code == 403
