"""``POST /sms/inbound`` answered in front of Flask's page machinery, so Twilio waits less.

Every page request passes through the session, the CSRF check, the rate limiter, the CSP nonce,
the security headers and the language choice. Twilio's webhook uses none of them: it is exempt
from CSRF and the page rate limit, has no session, and is answered with empty TwiML. This WSGI
layer, wrapped around the Flask app, answers a signed form POST to ``/sms/inbound`` itself, inside
an app context, with the same functions as the view (`signature_check`, `gateway.receive`).
Anything else (another path, a bad or missing signature, missing fields, a body that is not a
form, one larger than ``MAX_CONTENT_LENGTH``) goes on to Flask unchanged, whose view answers it as
before (403 and a log line, 400, 413).

The worker is enqueued when the server closes the response, after Twilio has its answer. The
text is committed before the answer, so if that enqueue is lost (the process killed in between,
the queue down) the sweep passes the text on within a minute.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator
from urllib.parse import parse_qsl

from werkzeug.datastructures import ImmutableMultiDict

from portal.security import FIXED_HEADERS, HSTS, NOTHING_CSP
from portal.sms.gateway import enqueue_sender, receive
from portal.sms.models import RECEIVED
from portal.sms.signatures import signature_check

log = logging.getLogger(__name__)

PATH = "/sms/inbound"
EMPTY_TWIML = b'<?xml version="1.0" encoding="UTF-8"?><Response/>'
# The headers the Flask view would send with the same answer (portal/security.py).
HEADERS = [
    ("Content-Type", "text/xml; charset=utf-8"),
    ("Content-Length", str(len(EMPTY_TWIML))),
    ("Content-Security-Policy", NOTHING_CSP),
    *FIXED_HEADERS,
    ("Cache-Control", "no-store"),
]


class InboundWebhook:
    """WSGI middleware: Twilio's inbound texts here, every other request to the Flask app."""

    def __init__(self, app, wsgi_app: Callable) -> None:
        self.app = app
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict, start_response: Callable):
        if environ.get("PATH_INFO") != PATH or environ.get("REQUEST_METHOD") != "POST":
            return self.wsgi_app(environ, start_response)
        form = self._signed_form(environ)
        if form is None or not (form.get("MessageSid") or form.get("SmsSid")) or not form.get("From"):
            return self.wsgi_app(environ, start_response)  # the view refuses it, as it always has
        with self.app.app_context():
            receipt = receive(form.get("MessageSid") or form["SmsSid"], form["From"], form.get("Body", ""))
            enqueue = receipt.status == RECEIVED and self.app.config["OUTBOX_ENQUEUE"]
        secure = environ.get("wsgi.url_scheme") == "https"  # ProxyFix, outside this layer, has set it
        start_response("200 OK", [*HEADERS, HSTS] if secure else list(HEADERS))
        return AnswerThen(EMPTY_TWIML, (lambda: enqueue_sender(receipt.sender_key)) if enqueue else None)

    def _signed_form(self, environ: dict) -> ImmutableMultiDict | None:
        """The form fields when the request is a form Twilio signed, else None. The body is put
        back either way, so Flask can read it again."""
        content_type = environ.get("CONTENT_TYPE", "").partition(";")[0].strip().lower()
        try:
            length = int(environ.get("CONTENT_LENGTH") or -1)
        except ValueError:
            return None
        limit = self.app.config.get("MAX_CONTENT_LENGTH")
        if content_type != "application/x-www-form-urlencoded" or length < 0 or (limit and length > limit):
            return None
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)
        try:  # exactly as Werkzeug parses request.form
            form = ImmutableMultiDict(
                parse_qsl(body.decode(), keep_blank_values=True, errors="werkzeug.url_quote")
            )
        except ValueError:
            return None
        signature = environ.get("HTTP_X_TWILIO_SIGNATURE", "")
        if not signature_check(self.app).valid(PATH, environ.get("QUERY_STRING", ""), form, signature):
            return None
        return form


class AnswerThen:
    """A one-piece response body that runs ``then`` when the server closes it (after sending it)."""

    def __init__(self, body: bytes, then: Callable[[], None] | None) -> None:
        self.body, self.then = body, then

    def __iter__(self) -> Iterator[bytes]:
        return iter((self.body,))

    def close(self) -> None:
        if self.then is not None:
            then, self.then = self.then, None
            then()
