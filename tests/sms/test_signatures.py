"""The signature check accepts exactly the signatures twilio's own validator accepts."""

import pytest
from twilio.request_validator import RequestValidator
from werkzeug.datastructures import ImmutableMultiDict

from portal.sms.signatures import SignatureCheck
from tests.fakes.twilio_server import AUTH_TOKEN, sign
from tests.sms.conftest import inbound_params

PATH = "/sms/inbound"
PUBLIC_URLS = [
    "https://voice.example.gov.uk",
    "https://voice.example.gov.uk:443",
    "https://voice.example.gov.uk:8443",
    "http://127.0.0.1:5000",
    "http://localhost",
]


@pytest.mark.parametrize("public_url", PUBLIC_URLS)
@pytest.mark.parametrize("query", ["", "source=uk"])
def test_the_same_signatures_are_accepted_as_by_twilios_validator(public_url, query):
    params = ImmutableMultiDict(inbound_params("Hello"))
    check = SignatureCheck(AUTH_TOKEN, public_url)
    validator = RequestValidator(AUTH_TOKEN)
    expected_url = public_url + PATH + (f"?{query}" if query else "")
    hosts = ["voice.example.gov.uk", "127.0.0.1", "localhost"]
    ports = ["", ":80", ":443", ":5000", ":8443"]
    signed_urls = {
        f"{scheme}://{host}{port}{PATH}" for scheme in ("http", "https") for host in hosts for port in ports
    }
    signed_urls |= {url + "?source=uk" for url in signed_urls}
    accepted = 0
    for signed_url in sorted(signed_urls):
        signature = sign(signed_url, params)
        ours = check.valid(PATH, query, params, signature)
        assert ours == validator.validate(expected_url, params, signature), signed_url
        accepted += ours
    assert accepted >= 1  # the URL as written is always among them


def test_changed_fields_token_or_an_empty_signature_are_refused():
    params = ImmutableMultiDict(inbound_params("Hello"))
    check = SignatureCheck(AUTH_TOKEN, "https://voice.example.gov.uk")
    signature = sign("https://voice.example.gov.uk" + PATH, params)
    assert check.valid(PATH, "", params, signature)
    assert not check.valid(PATH, "", ImmutableMultiDict({**params, "Body": "Hello!"}), signature)
    assert not check.valid(PATH, "", params, "")
    assert not check.valid(PATH, "", params, "é" + signature[1:])
    assert not SignatureCheck("", "https://voice.example.gov.uk").valid(PATH, "", params, signature)
    assert not SignatureCheck("another-token", "https://voice.example.gov.uk").valid(
        PATH, "", params, signature
    )
