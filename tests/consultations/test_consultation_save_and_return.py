"""Save and come back later: a code, queued by email when one was given, and drafts that expire."""

import datetime as dt
import re

from sqlalchemy import func, select, update

from portal.extensions import db
from portal.forms_engine import crypto
from portal.forms_engine.drafts import purge_expired
from portal.forms_engine.models import FormDraft
from portal.outbox.models import OutboxMessage
from tests.consultations.factories import answer, create_open_consultation, error_summary, start

SLUG = "open-copy"


def save_with_code(client, data: dict, page: str = "role") -> str:
    url = f"/consultations/{SLUG}/questions/{page}"
    saved = answer(client, url, {**data, "action": "save"})
    assert saved.endswith(f"/consultations/{SLUG}/save")
    html = client.get(saved).get_data(as_text=True)
    return re.search(r"<strong>([A-Z0-9]{5}-[A-Z0-9]{5})</strong>", html).group(1)


def test_a_respondent_saves_and_comes_back_with_the_code(client, app):
    create_open_consultation(app)
    start(client, SLUG)
    code = save_with_code(client, {"role": "parent_carer"})
    with app.app_context():
        assert db.session.scalar(select(OutboxMessage)) is None  # no email given, nothing to send
    client.cookie_jar.clear() if hasattr(client, "cookie_jar") else client._cookies.clear()
    client.get(f"/consultations/{SLUG}/resume")
    back = client.post(f"/consultations/{SLUG}/resume", data={"code": code.lower().replace("-", " ")})
    assert back.headers["Location"].endswith("/check-your-answers")
    assert "Parent carer" in client.get(back.headers["Location"]).get_data(as_text=True)


def test_a_wrong_code_is_explained(client, app):
    create_open_consultation(app)
    client.get(f"/consultations/{SLUG}/resume")
    shown = client.post(f"/consultations/{SLUG}/resume", data={"code": "ABCDE-FGHJK"})
    assert error_summary(shown.get_data(as_text=True)) == [
        ("#code", "That code was not found. Check it, or it may have expired (codes last 28 days).")
    ]
    shown = client.post(f"/consultations/{SLUG}/resume", data={"code": ""})
    assert error_summary(shown.get_data(as_text=True)) == [("#code", "Enter your code")]


def test_the_code_is_queued_in_the_shared_outbox_when_an_email_was_given(client, app):
    create_open_consultation(app)
    start(client, SLUG)
    answer(client, f"/consultations/{SLUG}/questions/role", {"role": "professional"})
    code = save_with_code(client, {"email": "parent@example.com"}, page="keep-up-to-date")
    with app.app_context():
        queued = db.session.scalars(select(OutboxMessage)).all()
        assert len(queued) == 1
        message = queued[0]
        assert (message.channel, message.purpose, message.status) == ("email", "resume_code", "created")
        assert crypto.decrypt(message.recipient_encrypted) == "parent@example.com"
        assert "parent@example.com" not in message.recipient_encrypted
        assert "parent@example.com" not in message.body
        public_url = app.config["PUBLIC_URL"]
        assert f"Your code to carry on is {code}." in message.body
        assert f"go to {public_url}/consultations/{SLUG}/resume and type in the code" in message.body
        # The code opens someone's saved answers, so it is not readable in the database.
        stored = db.session.scalar(select(OutboxMessage.body_encrypted))
        assert code not in stored and code.replace("-", "") not in stored and "carry on" not in stored


def test_each_save_queues_one_email_with_the_new_code_and_only_the_new_code_works(client, app):
    create_open_consultation(app)
    start(client, SLUG)
    answer(client, f"/consultations/{SLUG}/questions/role", {"role": "professional"})
    first = save_with_code(client, {"email": "parent@example.com"}, page="keep-up-to-date")
    second = save_with_code(client, {"email": "parent@example.com"}, page="keep-up-to-date")
    with app.app_context():
        bodies = [m.body for m in db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]
    assert len(bodies) == 2 and first in bodies[0] and second in bodies[1]
    client.get(f"/consultations/{SLUG}/resume")
    shown = client.post(f"/consultations/{SLUG}/resume", data={"code": first})
    assert "That code was not found" in shown.get_data(as_text=True)


def test_purging_removes_resume_code_emails_once_the_code_cannot_work(client, app):
    create_open_consultation(app)
    start(client, SLUG)
    answer(client, f"/consultations/{SLUG}/questions/role", {"role": "professional"})
    save_with_code(client, {"email": "parent@example.com"}, page="keep-up-to-date")
    with app.app_context():
        assert purge_expired() == 0
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 1
        later = dt.datetime.now(dt.UTC) + dt.timedelta(days=29)
        assert purge_expired(later) == 1
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


def test_expired_drafts_cannot_be_resumed_and_are_purged(client, app):
    create_open_consultation(app)
    start(client, SLUG)
    code = save_with_code(client, {"role": "parent_carer"})
    with app.app_context():
        db.session.execute(
            update(FormDraft).values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1))
        )
        db.session.commit()
    shown = client.post(f"/consultations/{SLUG}/resume", data={"code": code})
    assert "That code was not found" in shown.get_data(as_text=True)
    assert client.get(f"/consultations/{SLUG}/questions/role").status_code == 303
    with app.app_context():
        assert purge_expired() == 1
        assert db.session.scalar(select(FormDraft)) is None


def test_drafts_keep_answers_encrypted(client, app):
    create_open_consultation(app)
    start(client, SLUG)
    answer(client, f"/consultations/{SLUG}/questions/role", {"role": "other", "role__other": "Grandparent"})
    with app.app_context():
        draft = db.session.scalar(select(FormDraft))
        assert "Grandparent" not in draft.answers_encrypted
        assert draft.expires_at.date() <= (dt.date.today() + dt.timedelta(days=28))
