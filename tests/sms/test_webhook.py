"""The inbound webhook answered in front of Flask: what it takes itself, what it passes on, and when
the worker is asked."""

import json

import pytest
from sqlalchemy import select
from werkzeug.middleware.proxy_fix import ProxyFix

from portal.extensions import db
from portal.sms.models import InboundSms, SmsSender
from portal.sms.pseudonyms import pseudonym
from portal.sms.webhook import InboundWebhook
from tests.fakes.twilio_server import sign
from tests.sms.conftest import NUMBER, PUBLIC_URL, inbound_params, signed_post, text_in


def _statuses(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(InboundSms.status).order_by(InboundSms.id)))


def test_the_worker_is_asked_only_once_twilio_has_the_answer(sms_app, sms_client, fake_twilio, fake_rasa):
    response = signed_post(
        sms_client, "/sms/inbound", inbound_params("Where is my nearest hub?"), buffered=False
    )
    assert response.status_code == 200 and response.get_data(as_text=True).endswith("<Response/>")
    assert _statuses(sms_app) == ["received"]  # stored before the answer
    assert fake_rasa.calls == []
    response.close()  # what the server does once the answer is sent
    assert fake_twilio.bodies_to(NUMBER) == ["You said: Where is my nearest hub?"]


def test_an_ordinary_text_reads_nothing_and_the_worker_makes_the_sender(sms_app, sms_client, fake_rasa):
    response = signed_post(sms_client, "/sms/inbound", inbound_params("hello"), buffered=False)
    with sms_app.app_context():
        assert db.session.get(SmsSender, pseudonym(NUMBER)) is None
    response.close()
    with sms_app.app_context():
        sender = db.session.get(SmsSender, pseudonym(NUMBER))
        assert sender is not None and not sender.opted_out and sender.lease_token is None
    assert _statuses(sms_app) == ["answered"]


def test_the_flask_view_answers_the_same_without_the_fast_path(sms_app, sms_client, fake_twilio, fake_rasa):
    assert isinstance(sms_app.wsgi_app, InboundWebhook)
    sms_app.wsgi_app = sms_app.wsgi_app.wsgi_app
    first = text_in(sms_client, "Can I get help with rent?", sid="SM" + "1" * 32)
    again = text_in(sms_client, "Can I get help with rent?", sid="SM" + "1" * 32)
    text_in(sms_client, "STOP", sid="SM" + "2" * 32)
    for response in (first, again):
        assert response.status_code == 200 and response.get_data(as_text=True).endswith("<Response/>")
    assert _statuses(sms_app) == ["answered", "keyword"]
    with sms_app.app_context():
        assert fake_rasa.calls == [(f"sms:{pseudonym(NUMBER)}", "Can I get help with rent?")]
    assert len(fake_twilio.bodies_to(NUMBER)) == 2  # the answer and the STOP confirmation


def test_a_body_that_is_not_a_form_is_passed_on_and_refused(sms_app, sms_client):
    params = inbound_params("Hello")
    response = sms_client.post(
        "/sms/inbound",
        data=json.dumps(params),
        content_type="application/json",
        headers={"X-Twilio-Signature": sign(PUBLIC_URL + "/sms/inbound", params)},
    )
    assert response.status_code == 403
    assert _statuses(sms_app) == []


def test_a_body_over_the_size_limit_is_passed_on_and_refused(sms_app, sms_client):
    sms_app.config["MAX_CONTENT_LENGTH"] = 200
    response = text_in(sms_client, "x" * 300)
    assert response.status_code == 413
    assert _statuses(sms_app) == []


def test_other_requests_are_not_touched(sms_client):
    assert sms_client.get("/sms/inbound").status_code == 405
    assert sms_client.get("/healthz").status_code == 200


SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Permissions-Policy",
    "Strict-Transport-Security",
    "Cache-Control",
)


@pytest.mark.parametrize("sms_overrides", [{"PROXY_FIX_HOPS": 1}])
@pytest.mark.parametrize("fast_path", [True, False], ids=["fast path", "flask view"])
def test_both_paths_send_the_same_security_headers_behind_a_proxy(sms_app, sms_client, fake_rasa, fast_path):
    proxy = sms_app.wsgi_app
    assert isinstance(proxy, ProxyFix) and isinstance(proxy.app, InboundWebhook)  # ProxyFix outermost
    if not fast_path:
        proxy.app = proxy.app.wsgi_app
    params = inbound_params("Is there a youth club in Redditch?")
    response = sms_client.post(
        "/sms/inbound",
        data=params,
        headers={
            "X-Twilio-Signature": sign(PUBLIC_URL + "/sms/inbound", params),
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "203.0.113.9",
        },
        buffered=True,  # closed once read, as a server closes it once sent
    )
    assert response.status_code == 200
    sent = {name: response.headers.get(name) for name in SECURITY_HEADERS}
    assert sent == {
        "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
        "Cache-Control": "no-store",
    }
    assert _statuses(sms_app) == ["answered"]


def test_no_hsts_over_plain_http(sms_client, fake_rasa):
    response = text_in(sms_client, "hello")
    assert response.status_code == 200 and "Strict-Transport-Security" not in response.headers
