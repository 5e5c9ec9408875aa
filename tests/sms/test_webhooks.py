"""The inbound webhook: signatures, Twilio retries, keywords, limits, and the assistant's reply."""

import time

from sqlalchemy import func, select

from portal.extensions import db
from portal.outbox.models import OutboxMessage
from portal.sms.models import InboundSms, SmsAlert, SmsAnswer, SmsSender
from portal.sms.pseudonyms import pseudonym
from tests.fakes.twilio_server import FROM_NUMBER, sign
from tests.sms.conftest import NUMBER, OTHER_NUMBER, PUBLIC_URL, inbound_params, signed_post, text_in


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_signed_text_is_acknowledged_with_empty_twiml_and_answered(
    sms_app, sms_client, fake_twilio, fake_rasa
):
    response = text_in(sms_client, "Can I get help with rent?")
    assert response.status_code == 200
    assert response.mimetype == "text/xml"
    assert response.get_data(as_text=True).endswith("<Response/>")
    assert fake_twilio.bodies_to(NUMBER) == ["You said: Can I get help with rent?"]
    sent = fake_twilio.messages[0]
    assert sent["from"] == FROM_NUMBER
    assert sent["status_callback"] == PUBLIC_URL + "/sms/status"
    with sms_app.app_context():
        key = pseudonym(NUMBER)
        message = db.session.scalar(select(OutboxMessage))
        assert message.status == "sent" and message.provider_id == sent["sid"]
    # Rasa saw a pseudonym, never the number
    assert fake_rasa.calls == [(f"sms:{key}", "Can I get help with rent?")]
    assert "7700900123" not in key


def test_forged_signature_is_refused_and_nothing_is_stored(sms_app, sms_client, fake_twilio, fake_rasa):
    params = inbound_params("Send me everything")
    forged = sms_client.post(
        "/sms/inbound", data=params, headers={"X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl"}
    )
    missing = sms_client.post("/sms/inbound", data=params)
    wrong_token = signed_post(sms_client, "/sms/inbound", params, token="not-the-auth-token")
    assert forged.status_code == missing.status_code == wrong_token.status_code == 403
    assert _count(sms_app, InboundSms) == 0
    assert fake_rasa.calls == [] and fake_twilio.messages == []


def test_replayed_signature_with_changed_fields_or_url_is_refused(sms_app, sms_client, fake_twilio):
    params = inbound_params("Hello")
    signature = sign(PUBLIC_URL + "/sms/inbound", params)
    tampered = {**params, "From": OTHER_NUMBER}
    response = sms_client.post("/sms/inbound", data=tampered, headers={"X-Twilio-Signature": signature})
    assert response.status_code == 403
    # a status callback's signature replayed against the inbound URL
    status_params = {"MessageSid": params["MessageSid"], "MessageStatus": "delivered"}
    status_signature = sign(PUBLIC_URL + "/sms/status", status_params)
    response = sms_client.post(
        "/sms/inbound", data=status_params, headers={"X-Twilio-Signature": status_signature}
    )
    assert response.status_code == 403
    assert _count(sms_app, InboundSms) == 0 and fake_twilio.messages == []


def test_replayed_identical_request_is_a_retry_answered_once(sms_app, sms_client, fake_twilio, fake_rasa):
    params = inbound_params("When is my pathway plan review?", sid="SM" + "a" * 32)
    for _ in range(3):
        response = signed_post(sms_client, "/sms/inbound", params)
        assert response.status_code == 200
        assert response.get_data(as_text=True).endswith("<Response/>")
    assert len(fake_rasa.calls) == 1
    assert len(fake_twilio.messages) == 1
    assert _count(sms_app, InboundSms) == 1


def test_signature_is_checked_against_public_url_behind_a_proxy(sms_app, sms_client, fake_twilio):
    # The app is reached as http://localhost/sms/inbound; Twilio signed the public https address.
    params = inbound_params("Hi", sid="SM" + "b" * 32)
    internal = signed_post(sms_client, "/sms/inbound", params, url="http://localhost/sms/inbound")
    assert internal.status_code == 403
    public = signed_post(sms_client, "/sms/inbound", params)
    assert public.status_code == 200


def test_query_string_is_part_of_the_signed_url(sms_app, sms_client):
    params = inbound_params("Hi", sid="SM" + "c" * 32)
    good = sign(PUBLIC_URL + "/sms/inbound?source=uk", params)
    assert (
        sms_client.post(
            "/sms/inbound?source=uk", data=params, headers={"X-Twilio-Signature": good}
        ).status_code
        == 200
    )
    params = inbound_params("Hi", sid="SM" + "d" * 32)
    without_query = sign(PUBLIC_URL + "/sms/inbound", params)
    response = sms_client.post(
        "/sms/inbound?source=uk", data=params, headers={"X-Twilio-Signature": without_query}
    )
    assert response.status_code == 403


def test_missing_fields_are_a_bad_request(sms_client):
    params = {"Body": "hi"}
    assert signed_post(sms_client, "/sms/inbound", params).status_code == 400


def test_stop_opts_out_and_nothing_more_is_sent(sms_app, sms_client, fake_twilio, fake_rasa):
    text_in(sms_client, "stop ", sid="SM" + "1" * 31 + "0")
    assert fake_twilio.bodies_to(NUMBER) == [
        "You will not get any more texts from Family voice, Worcestershire Children First. "
        "Text START to get texts again."
    ]
    text_in(sms_client, "What are short breaks?", sid="SM" + "1" * 31 + "2")
    assert fake_rasa.calls == []  # never processed
    assert len(fake_twilio.messages) == 1
    with sms_app.app_context():
        sender = db.session.get(SmsSender, pseudonym(NUMBER))
        assert sender.opted_out
        assert (
            db.session.scalar(
                select(InboundSms.status).where(InboundSms.message_sid == "SM" + "1" * 31 + "2")
            )
            == "ignored"
        )


def test_every_opt_out_word_counts(sms_app, sms_client):
    for index, word in enumerate(["STOPALL", "Unsubscribe", "cancel", "END", "quit."]):
        number = f"+4477009002{index:02d}"
        text_in(sms_client, word, number=number, sid=f"SM{index:032d}")
        with sms_app.app_context():
            assert db.session.get(SmsSender, pseudonym(number)).opted_out, word


def test_start_opts_back_in(sms_app, sms_client, fake_twilio, fake_rasa):
    text_in(sms_client, "STOP", sid="SM" + "e" * 32)
    text_in(sms_client, "Start", sid="SM" + "f" * 32)
    text_in(sms_client, "Hello again", sid="SM" + "9" * 32)
    bodies = fake_twilio.bodies_to(NUMBER)
    assert (
        bodies[1]
        == "You will get texts from Family voice again. Text HELP for help. Text STOP to stop texts."
    )
    assert bodies[2] == "You said: Hello again"


def test_help_gives_the_service_and_human_contacts(sms_app, sms_client, fake_twilio, fake_rasa):
    text_in(sms_client, "HELP", sid="SM" + "7" * 32)
    text_in(sms_client, "info", sid="SM" + "8" * 32)
    bodies = fake_twilio.bodies_to(NUMBER)
    assert len(bodies) == 2
    assert "Family voice, Worcestershire Children First" in bodies[0]
    assert "01905 845715" in bodies[0] and "999" in bodies[0] and "Text STOP" in bodies[0]
    assert fake_rasa.calls == []


def _clear_of_window_edge(seconds: int) -> None:
    """Wait until the fixed counting window (minute or hour) has a few seconds left."""
    while time.time() % seconds > seconds - 5:
        time.sleep(0.5)


def test_flood_from_one_number_is_refused_politely_and_flagged(sms_app, sms_client, fake_twilio, fake_rasa):
    _clear_of_window_edge(3600)
    sms_app.config["SMS_MAX_PER_NUMBER_PER_HOUR"] = 3
    for index in range(6):
        text_in(sms_client, f"question {index}", sid=f"SM{index:032d}")
    assert len(fake_rasa.calls) == 3
    bodies = fake_twilio.bodies_to(NUMBER)
    assert bodies[:3] == ["You said: question 0", "You said: question 1", "You said: question 2"]
    assert len(bodies) == 4  # one polite refusal, not one per text
    assert bodies[3].startswith("You have sent us a lot of texts.")
    with sms_app.app_context():
        alerts = list(db.session.scalars(select(SmsAlert)))
        assert [a.kind for a in alerts] == ["flood_number"]
        assert "7700900123" not in alerts[0].detail
    # a different number is not affected
    text_in(sms_client, "hello", number=OTHER_NUMBER, sid="SM" + "5" * 32)
    assert fake_twilio.bodies_to(OTHER_NUMBER) == ["You said: hello"]


def test_service_wide_flood_is_refused(sms_app, sms_client, fake_twilio, fake_rasa):
    _clear_of_window_edge(60)
    sms_app.config["SMS_MAX_INBOUND_PER_MINUTE"] = 2
    for index in range(4):
        text_in(sms_client, "hi", number=f"+4477009003{index:02d}", sid=f"SM{index:032d}")
    assert len(fake_rasa.calls) == 2
    with sms_app.app_context():
        assert db.session.scalar(select(SmsAlert.kind)) == "flood_global"
        statuses = list(db.session.scalars(select(InboundSms.status).order_by(InboundSms.id)))
    assert statuses == ["answered", "answered", "refused", "refused"]


def test_long_answer_is_cut_to_three_texts_with_a_link(sms_app, sms_client, fake_twilio, fake_rasa):
    long_answer = " ".join(
        f"Step {i}: your personal adviser will help you with this part of leaving care." for i in range(10)
    )
    fake_rasa.reply = lambda sender, message: [{"recipient_id": sender, "text": long_answer}]
    text_in(sms_client, "What happens when I leave care?")
    bodies = fake_twilio.bodies_to(NUMBER)
    assert len(bodies) == 3
    assert bodies[0].startswith("Step 0:")
    link = bodies[2].rsplit(" ", 1)[1]
    assert link.startswith(PUBLIC_URL + "/sms/answer/")
    page = sms_client.get(link.removeprefix(PUBLIC_URL))
    assert page.status_code == 200
    assert "Step 9: your personal adviser" in page.get_data(as_text=True)
    # A page: its stylesheet may load (the webhooks' "nothing may load" policy is for TwiML only).
    assert "style-src 'self'" in page.headers["Content-Security-Policy"]
    assert _count(sms_app, SmsAnswer) == 1
    assert sms_client.get("/sms/answer/not-a-token").status_code == 404


def test_replies_are_normalised_to_gsm(sms_app, sms_client, fake_twilio, fake_rasa):
    fake_rasa.reply = lambda sender, message: [
        {"text": "You\u2019re welcome \u2013 we\u2019ll call you\u2026"},
        {"text": "Anything else?", "buttons": [{"title": "Yes", "payload": "/affirm"}]},
    ]
    text_in(sms_client, "thanks")
    assert fake_twilio.bodies_to(NUMBER) == ["You're welcome - we'll call you...\nAnything else?\n1. Yes"]
