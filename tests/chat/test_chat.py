"""The web chat without JavaScript (form posts) and its JSON endpoint, against a fake Rasa."""

import re

from sqlalchemy import func, select

from portal.chat.links import linkify
from portal.chat.models import ChatFollowUp, ChatMessage
from portal.chat.transcript import follow_up_text
from portal.extensions import db
from tests.chat.conftest import closed_port_url
from tests.chat.fake_rasa import SHORT_BREAKS_PAYLOAD


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def test_links_in_replies_are_escaped_first_and_portal_links_stay_on_this_site():
    html = str(
        linkify(
            "See http://localhost:5000/local-offer?q=a&b=1, https://www.childline.org.uk. "
            "<b>hi</b> javascript:x",
            "http://localhost:5000",
        )
    )
    assert '<a class="govuk-link" href="/local-offer?q=a&amp;b=1">' in html
    assert (
        '<a class="govuk-link" href="https://www.childline.org.uk">https://www.childline.org.uk</a>.' in html
    )
    assert "&lt;b&gt;hi&lt;/b&gt;" in html and "<b>" not in html
    assert 'href="javascript' not in html


def test_a_family_chats_with_the_form_and_quick_replies_without_javascript(app, client, fake_rasa):
    app.config["RASA_URL"] = fake_rasa.url
    page = client.get("/chat")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'role="log"' in html and 'aria-live="polite"' in html and "Exit this page" in html

    sent = client.post("/chat", data={"message": "hello there"})
    assert sent.status_code == 302 and sent.location.endswith("/chat#chat-form")
    html = client.get("/chat").get_data(as_text=True)
    assert "hello there" in html and "What would you like to know?" in html
    assert (
        '<button type="submit" name="payload" value="/faq{&#34;topic&#34;: &#34;short_breaks&#34;}"' in html
    )

    sender = fake_rasa.received[0]["sender"]
    assert re.fullmatch(r"web:[A-Za-z0-9_-]{20,}", sender)
    assert fake_rasa.received[0]["metadata"] == {"language": "en"}

    client.post("/chat", data={"message": "", "payload": SHORT_BREAKS_PAYLOAD})
    assert fake_rasa.received[-1] == {
        "sender": sender,
        "message": SHORT_BREAKS_PAYLOAD,
        "metadata": {"language": "en"},
    }
    html = client.get("/chat").get_data(as_text=True)
    # The family sees the button's words, and the answer's portal link points at this site, escaped.
    assert re.search(r'app-chat__text">Short breaks</p>', html)
    assert '<a class="govuk-link" href="/local-offer?q=short+breaks">' in html
    assert '<a class="govuk-link" href="/feedback">/feedback</a>' in html
    assert "<script>alert" not in html and "&lt;script&gt;" in html

    # The transcript is on the server, encrypted; the cookie holds only the sender id.
    with app.app_context():
        stored = db.session.scalars(select(ChatMessage.text_encrypted)).all()
        assert len(stored) == 5 and not any("hello there" in value for value in stored)


def test_a_payload_that_was_not_offered_is_sent_as_typed_text(app, client, fake_rasa):
    app.config["RASA_URL"] = fake_rasa.url
    client.get("/chat")
    client.post("/chat", data={"message": "", "payload": '/safeguarding{"x": 1}'})
    assert fake_rasa.received[-1]["message"] == '/safeguarding{"x": 1}'
    html = client.get("/chat").get_data(as_text=True)
    assert "You asked: /safeguarding" in html


def test_an_empty_message_shows_an_error(app, client, fake_rasa):
    app.config["RASA_URL"] = fake_rasa.url
    client.get("/chat")
    response = client.post("/chat", data={"message": "  "})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "There is a problem" in html and "Type your question" in html
    assert fake_rasa.received == []


def test_when_the_assistant_is_down_the_message_is_kept_and_contacts_shown(app, client):
    app.config["RASA_URL"] = closed_port_url()
    client.get("/chat")
    client.post("/chat", data={"message": "my son needs respite, call 07700 900123"})
    html = client.get("/chat").get_data(as_text=True)
    assert "Sorry, the assistant is not working right now." in html
    assert "01905 844342" in html and "01905 845715" in html  # the teams, from the contacts content
    assert "my son needs respite" in html
    with app.app_context():
        follow_up = db.session.scalars(select(ChatFollowUp)).one()
        assert (follow_up.reason, follow_up.status) == ("unavailable", "new")
        assert follow_up_text(follow_up) == "my son needs respite, call 07700 900123"
        assert "07700" not in follow_up.text_encrypted  # encrypted at rest


def test_when_the_assistant_is_slow_the_family_is_told_and_the_message_kept(app, client, fake_rasa):
    fake_rasa.mode, fake_rasa.delay = "slow", 2.0
    app.config.update(RASA_URL=fake_rasa.url, CHAT_RASA_TIMEOUT=0.5)
    client.get("/chat")
    client.post("/chat", data={"message": "are there holiday clubs"})
    html = client.get("/chat").get_data(as_text=True)
    assert "Sorry, the assistant is not working right now." in html
    with app.app_context():
        follow_up = db.session.scalars(select(ChatFollowUp)).one()
        assert follow_up.reason == "slow" and follow_up_text(follow_up) == "are there holiday clubs"


def test_the_json_endpoint_needs_the_csrf_header_and_returns_the_new_lines(app, client, fake_rasa):
    app.config["RASA_URL"] = fake_rasa.url
    token = _csrf(client.get("/chat").get_data(as_text=True))
    refused = client.post("/chat/messages", json={"message": "hello"})
    assert refused.status_code == 400 and fake_rasa.received == []

    answer = client.post("/chat/messages", json={"message": "hello"}, headers={"X-CSRFToken": token})
    assert answer.status_code == 200
    data = answer.get_json()
    assert "hello" in data["lines_html"] and "What would you like to know?" in data["lines_html"]
    assert 'name="payload"' in data["quick_replies_html"] and data["unavailable"] is False

    empty = client.post("/chat/messages", json={"message": ""}, headers={"X-CSRFToken": token})
    assert empty.status_code == 400 and empty.get_json()["error"]["message"] == "Type your question"


def test_clearing_deletes_the_transcript_and_starts_a_new_conversation(app, client, fake_rasa):
    app.config["RASA_URL"] = fake_rasa.url
    client.get("/chat")
    client.post("/chat", data={"message": "hello"})
    client.get("/chat")
    cleared = client.post("/chat/clear", data={})
    assert cleared.status_code == 302
    html = client.get("/chat").get_data(as_text=True)
    assert "Your conversation has been cleared." in html and "What would you like to know?" not in html
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ChatMessage)) == 0
    client.post("/chat", data={"message": "hello again"})
    assert fake_rasa.received[-1]["sender"] != fake_rasa.received[0]["sender"]


def test_a_worrying_message_while_the_assistant_is_down_is_flagged_to_staff(app, client):
    from portal.safeguarding.models import SafeguardingFlag

    app.config["RASA_URL"] = closed_port_url()
    client.get("/chat")
    client.post("/chat", data={"message": "my dad hits me and I am scared to go home"})
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert (flag.source, flag.channel, flag.status) == ("web chat", "web", "new")
        assert flag.conversation_id.startswith("web:")
    client.post("/chat", data={"message": "are there holiday clubs"})
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SafeguardingFlag)) == 1
