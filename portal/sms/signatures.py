"""Checking that a webhook really comes from Twilio (``X-Twilio-Signature``).

The signature covers the URL Twilio called and the form fields. Behind a proxy the URL the app sees
is not the one Twilio used, so it is rebuilt from ``PUBLIC_URL`` + path (+ query string).
"""

from flask import current_app, request
from twilio.request_validator import RequestValidator


def public_url_of_request() -> str:
    query = request.query_string.decode("latin-1")
    return current_app.config["PUBLIC_URL"] + request.path + (f"?{query}" if query else "")


def request_is_from_twilio() -> bool:
    token = current_app.config["TWILIO_AUTH_TOKEN"]
    signature = request.headers.get("X-Twilio-Signature", "")
    if not token or not signature:
        return False
    return RequestValidator(token).validate(public_url_of_request(), request.form, signature)
