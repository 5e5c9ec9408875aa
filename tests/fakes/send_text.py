"""Text a running portal as Twilio would: a signed ``POST /sms/inbound``.

    python -m tests.fakes.send_text "What are short breaks?" [--url http://localhost:5000] [--from NUMBER]

The signature uses ``TWILIO_AUTH_TOKEN`` (the fake Twilio's token by default) over ``--url`` +
``/sms/inbound``, so ``--url`` must be the portal's ``PUBLIC_URL``. The reply arrives at the fake
Twilio once the worker has asked the assistant.
"""

from __future__ import annotations

import argparse
import os
import secrets
import urllib.parse
import urllib.request

from tests.fakes.twilio_server import ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, sign


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("text")
    parser.add_argument("--url", default=os.environ.get("PUBLIC_URL", "http://localhost:5000"))
    parser.add_argument("--from", dest="number", default="+447700900123")
    args = parser.parse_args()
    token = os.environ.get("TWILIO_AUTH_TOKEN") or AUTH_TOKEN
    url = args.url.rstrip("/") + "/sms/inbound"
    sid = "SM" + secrets.token_hex(16)
    params = {
        "MessageSid": sid,
        "SmsSid": sid,
        "AccountSid": os.environ.get("TWILIO_ACCOUNT_SID") or ACCOUNT_SID,
        "From": args.number,
        "To": os.environ.get("TWILIO_FROM_NUMBER") or FROM_NUMBER,
        "Body": args.text,
        "NumMedia": "0",
        "ApiVersion": "2010-04-01",
    }
    request = urllib.request.Request(url, data=urllib.parse.urlencode(params).encode(), method="POST")  # noqa: S310
    request.add_header("X-Twilio-Signature", sign(url, params, token))
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310  (a URL the user gave)
        print(response.status, response.read().decode())


if __name__ == "__main__":
    main()
