"""The SMS pages in Chromium: staff alerts and dead letters, and the page for a long answer, pass axe."""

import secrets

from playwright.sync_api import expect
from sqlalchemy import select

from portal.extensions import db
from portal.outbox import queue_message
from portal.outbox.models import OutboxMessage
from portal.sms.alerts import raise_alert
from portal.sms.models import SmsAnswer
from tests.browser.conftest import check_accessibility, screenshot
from tests.browser.test_staff_pages import new_account, sign_in


def test_staff_see_alerts_and_dead_letters_and_retry_one(page, live_server):
    app = live_server.app
    app.config["OUTBOX_ENQUEUE"] = False  # no worker here: the retry only puts the message back
    try:
        with app.app_context():
            message = queue_message("sms", "+447700900999", "Your adviser will call you.", "acknowledgement")
            message.status, message.attempts, message.last_error = "dead", 8, "Twilio HTTP 503 error 20503"
            raise_alert("assistant_down", "the assistant (Rasa) is not answering; texts are waiting")
            db.session.commit()
            message_id = message.id
        email, _user_id, _secret = new_account(live_server, "officer")
        sign_in(page, live_server, email)
        page.goto(live_server.url + "/staff/sms/")
        expect(page.locator("h1")).to_have_text("Text messages")
        expect(page.get_by_text("Twilio HTTP 503 error 20503")).to_be_visible()
        check_accessibility(page)
        screenshot(page, "staff-sms")
        page.get_by_role("button", name=f"Retry message {message_id}").click()
        page.get_by_text(f"Message {message_id} will be sent again.").wait_for()  # after the redirect
        check_accessibility(page)
        with app.app_context():
            assert (
                db.session.scalar(select(OutboxMessage.status).where(OutboxMessage.id == message_id))
                == "created"
            )
    finally:
        app.config["OUTBOX_ENQUEUE"] = True


def test_the_full_answer_page_passes_axe(page, live_server):
    token = secrets.token_urlsafe(24)
    with live_server.app.app_context():
        db.session.add(
            SmsAnswer(token=token, text="Step one: talk to your adviser.\nStep two: fill in the form.")
        )
        db.session.commit()
    page.goto(live_server.url + f"/sms/answer/{token}")
    expect(page.locator("h1")).to_have_text("Your answer")
    expect(page.get_by_text("Step two: fill in the form.")).to_be_visible()
    check_accessibility(page)
