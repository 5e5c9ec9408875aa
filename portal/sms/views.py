"""Twilio's webhooks (inbound texts, delivery receipts) and the page for answers too long for SMS."""

from __future__ import annotations

import logging
from functools import partial

from flask import Response, abort, current_app, render_template, request

from portal.extensions import db
from portal.outbox.service import record_provider_status
from portal.sms import bp
from portal.sms.access import open_route
from portal.sms.gateway import enqueue_sender, receive
from portal.sms.models import RECEIVED, SmsAnswer
from portal.sms.signatures import request_is_from_twilio

log = logging.getLogger(__name__)
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'


def _forbidden(kind: str) -> Response:
    log.warning("refused a %s webhook without a valid Twilio signature from %s", kind, request.remote_addr)
    return Response("Forbidden", status=403, mimetype="text/plain")


@bp.post("/sms/inbound")
@open_route("Twilio's webhook, checked by X-Twilio-Signature")
def inbound():
    """Store the text and answer Twilio at once; the worker talks to the assistant.

    Signed texts are normally answered by `portal.sms.webhook.InboundWebhook` before they reach
    Flask; this view answers whatever it passes on (and the same texts when it is not installed)."""
    if not request_is_from_twilio():
        return _forbidden("inbound SMS")
    message_sid = request.form.get("MessageSid") or request.form.get("SmsSid")
    number = request.form.get("From")
    if not message_sid or not number:
        return Response("MessageSid and From are required", status=400, mimetype="text/plain")
    receipt = receive(message_sid, number, request.form.get("Body", ""))
    response = Response(EMPTY_TWIML, mimetype="text/xml")
    if receipt.status == RECEIVED and current_app.config["OUTBOX_ENQUEUE"]:
        response.call_on_close(partial(enqueue_sender, receipt.sender_key))  # after Twilio has its answer
    return response


@bp.post("/sms/status")
@open_route("Twilio's delivery receipts, checked by X-Twilio-Signature")
def status():
    """Record a delivery receipt (late or repeated ones never move a message backwards)."""
    if not request_is_from_twilio():
        return _forbidden("SMS status")
    message_sid = request.form.get("MessageSid") or request.form.get("SmsSid")
    message_status = request.form.get("MessageStatus") or request.form.get("SmsStatus")
    if not message_sid or not message_status:
        return Response("MessageSid and MessageStatus are required", status=400, mimetype="text/plain")
    found = record_provider_status(message_sid, message_status, request.form.get("ErrorCode"))
    db.session.commit()
    if not found:
        log.info("delivery receipt for a message we do not know (%s)", message_sid)
    return Response(status=204, mimetype="text/plain")


@bp.get("/sms/answer/<token>")
@open_route("the full text of an assistant answer, behind an unguessable link sent by SMS")
def answer(token: str):
    """The whole answer to a question asked by text."""
    found = db.session.get(SmsAnswer, token)
    if found is None:
        abort(404)
    return render_template("sms/answer.html", answer=found)
