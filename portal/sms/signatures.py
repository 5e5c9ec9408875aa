"""Checking that a webhook really comes from Twilio (``X-Twilio-Signature``).

The signature covers the URL Twilio called and the form fields. Behind a proxy the URL the app sees
is not the one Twilio used, so it is rebuilt from ``PUBLIC_URL`` + path (+ query string).

twilio's ``RequestValidator.validate`` accepts a signature made over the URL with or without its
port (Twilio is not consistent), and works out and signs both forms on every call. The same two
forms are worked out once per URL here, and the second is signed only when the one written in
``PUBLIC_URL`` does not match, so the usual request computes one HMAC: the same signatures are
accepted, with half the work.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from urllib.parse import urlparse

from flask import current_app, request
from twilio.request_validator import RequestValidator, add_port, remove_port

SIGNATURE_HEADER = "X-Twilio-Signature"


class SignatureCheck:
    """twilio's RequestValidator for one auth token and one public address."""

    def __init__(self, token: str, public_url: str) -> None:
        self.token, self.public_url = token, public_url
        self.validator = RequestValidator(token)
        self._forms: dict[str, tuple[str, ...]] = {}

    def signed_forms(self, url: str) -> tuple[str, ...]:
        """The URL as written, then with its port taken off or the default one put on: the two
        forms twilio's validator accepts (one entry when they are the same)."""
        forms = self._forms.get(url)
        if forms is None:
            parsed = urlparse(url)
            other = remove_port(parsed) if parsed.port else add_port(parsed)
            forms = tuple(dict.fromkeys((parsed.geturl(), other)))
            if len(self._forms) < 64:  # query strings come from the caller: keep the cache small
                self._forms[url] = forms
        return forms

    def valid(self, path: str, query: str, params: Mapping, signature: str) -> bool:
        """True when ``signature`` is Twilio's for PUBLIC_URL + path (+ query) and these fields."""
        if not self.token or not signature:
            return False
        url = self.public_url + path + (f"?{query}" if query else "")
        given = signature.encode("utf-8", "surrogateescape")
        return any(
            hmac.compare_digest(self.validator.compute_signature(form, params).encode(), given)
            for form in self.signed_forms(url)
        )


def signature_check(app) -> SignatureCheck:
    """The app's check, made again if the token or public address changed."""
    config = app.config
    check = app.extensions.get("sms_signature_check")
    if check is None or (check.token, check.public_url) != (
        config["TWILIO_AUTH_TOKEN"],
        config["PUBLIC_URL"],
    ):
        check = app.extensions["sms_signature_check"] = SignatureCheck(
            config["TWILIO_AUTH_TOKEN"], config["PUBLIC_URL"]
        )
    return check


def request_is_from_twilio() -> bool:
    """Check the current Flask request."""
    return signature_check(current_app).valid(
        request.path,
        request.query_string.decode("latin-1"),
        request.form,
        request.headers.get(SIGNATURE_HEADER, ""),
    )
