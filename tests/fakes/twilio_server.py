"""A fake Twilio for tests and demos: the Messages API on a random loopback port, with faults on demand.

It speaks the part of Twilio's REST API the portal uses — ``POST`` and ``GET``
``/2010-04-01/Accounts/{AccountSid}/Messages.json`` with HTTP basic auth — answers in Twilio's JSON
shapes, records every message it accepts, and can fail a fraction of requests with 5xx, time out
(after accepting the message, the hardest case for exactly-once delivery), or refuse given numbers.
``sign`` makes webhook signatures exactly as Twilio does.

Run it alone for a demo: ``python -m tests.fakes.twilio_server --port 8765``.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import random
import secrets
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from twilio.request_validator import RequestValidator

ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "fake-twilio-auth-token-for-tests"
FROM_NUMBER = "+447700900000"


def sign(url: str, params: dict, auth_token: str = AUTH_TOKEN) -> str:
    """The ``X-Twilio-Signature`` Twilio would send for a POST of ``params`` to ``url``."""
    return RequestValidator(auth_token).compute_signature(url, params)


def gsm_segments(body: str) -> int:
    from portal.sms.segments import segment_count

    return segment_count(body)


@dataclass
class Faults:
    """What goes wrong: fractions of requests answered 5xx or left to time out, numbers refused."""

    server_error_rate: float = 0.0
    timeout_rate: float = 0.0
    timeout_seconds: float = 3.0
    accept_before_timeout: bool = True
    refuse: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # to -> (status, code, message)
    seed: int = 1


class FakeTwilio:
    """Start with ``FakeTwilio().start()``; ``base_url`` goes in TWILIO_API_BASE_URL."""

    def __init__(
        self,
        account_sid: str = ACCOUNT_SID,
        auth_token: str = AUTH_TOKEN,
        faults: Faults | None = None,
        send_status_callbacks: bool = False,
        port: int = 0,
    ):
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.faults = faults or Faults()
        self.send_status_callbacks = send_status_callbacks
        self.messages: list[dict] = []
        self.requests = 0
        self.errors_injected = 0
        self.timeouts_injected = 0
        self._lock = threading.Lock()
        self._random = random.Random(self.faults.seed)
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> FakeTwilio:
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeTwilio:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def bodies_to(self, to: str) -> list[str]:
        with self._lock:
            return [m["body"] for m in self.messages if m["to"] == to]

    def _roll(self) -> str:
        with self._lock:
            draw = self._random.random()
        if draw < self.faults.server_error_rate:
            return "error"
        if draw < self.faults.server_error_rate + self.faults.timeout_rate:
            return "timeout"
        return "ok"

    def _accept(self, form: dict) -> dict:
        now = datetime.now(UTC)
        record = {
            "sid": "SM" + secrets.token_hex(16),
            "account_sid": self.account_sid,
            "to": form.get("To", ""),
            "from": form.get("From") or FROM_NUMBER,
            "messaging_service_sid": form.get("MessagingServiceSid"),
            "body": form.get("Body", ""),
            "status": "queued",
            "num_segments": str(gsm_segments(form.get("Body", ""))),
            "num_media": "0",
            "direction": "outbound-api",
            "api_version": "2010-04-01",
            "price": None,
            "price_unit": "GBP",
            "error_code": None,
            "error_message": None,
            "date_created": format_datetime(now, usegmt=True),
            "date_updated": format_datetime(now, usegmt=True),
            "date_sent": None,
            "status_callback": form.get("StatusCallback"),
        }
        record["uri"] = f"/2010-04-01/Accounts/{self.account_sid}/Messages/{record['sid']}.json"
        with self._lock:
            self.messages.append(record)
        if self.send_status_callbacks and record["status_callback"]:
            threading.Thread(target=self._callbacks, args=(record,), daemon=True).start()
        return record

    def _callbacks(self, record: dict) -> None:
        for status in ("sent", "delivered"):
            time.sleep(0.05)
            params = {
                "MessageSid": record["sid"],
                "SmsSid": record["sid"],
                "MessageStatus": status,
                "SmsStatus": status,
                "To": record["to"],
                "From": record["from"],
                "AccountSid": self.account_sid,
                "ApiVersion": "2010-04-01",
            }
            data = urllib.parse.urlencode(params).encode()
            request = urllib.request.Request(record["status_callback"], data=data, method="POST")  # noqa: S310
            request.add_header("X-Twilio-Signature", sign(record["status_callback"], params, self.auth_token))
            try:
                urllib.request.urlopen(request, timeout=5).close()  # noqa: S310  (the URL the portal gave us)
            except OSError:
                return

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format, *args):  # quiet
                return

            def handle(self):
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up
                    super().handle()

            def _send(self, status: int, payload: dict) -> None:
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up
                    self.wfile.write(body)

            def _error(self, status: int, code: int, message: str) -> None:
                more_info = f"https://www.twilio.com/docs/errors/{code}"
                self._send(
                    status, {"code": code, "message": message, "more_info": more_info, "status": status}
                )

            def _authorised(self) -> bool:
                expected = base64.b64encode(f"{fake.account_sid}:{fake.auth_token}".encode()).decode()
                return self.headers.get("Authorization", "") == f"Basic {expected}"

            def _path_ok(self, path: str) -> bool:
                return path == f"/2010-04-01/Accounts/{fake.account_sid}/Messages.json"

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                path = urllib.parse.urlsplit(self.path).path
                with fake._lock:
                    fake.requests += 1
                if not self._path_ok(path):
                    return self._error(404, 20404, "The requested resource was not found")
                if not self._authorised():
                    return self._error(401, 20003, "Authenticate")
                form = dict(urllib.parse.parse_qsl(raw, keep_blank_values=True))
                if not form.get("To") or not form.get("Body"):
                    return self._error(400, 21604, "A 'To' phone number and a 'Body' are required.")
                if not form.get("From") and not form.get("MessagingServiceSid"):
                    return self._error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required")
                if form["To"] in fake.faults.refuse:
                    status, code, message = fake.faults.refuse[form["To"]]
                    return self._error(status, code, message)
                outcome = fake._roll()
                if outcome == "error":
                    with fake._lock:
                        fake.errors_injected += 1
                    return self._error(503, 20503, "Service unavailable")
                if outcome == "timeout":
                    with fake._lock:
                        fake.timeouts_injected += 1
                    record = fake._accept(form) if fake.faults.accept_before_timeout else None
                    time.sleep(fake.faults.timeout_seconds)
                    if record is None:
                        return self._error(504, 20504, "Gateway timeout")
                    return self._send(201, record)
                return self._send(201, fake._accept(form))

            def do_GET(self):
                parts = urllib.parse.urlsplit(self.path)
                if not self._path_ok(parts.path):
                    return self._error(404, 20404, "The requested resource was not found")
                if not self._authorised():
                    return self._error(401, 20003, "Authenticate")
                query = dict(urllib.parse.parse_qsl(parts.query))
                with fake._lock:
                    found = [m for m in fake.messages if not query.get("To") or m["to"] == query["To"]]
                page_size = int(query.get("PageSize", "50"))
                found = list(reversed(found))[:page_size]
                self._send(
                    200,
                    {
                        "messages": found,
                        "end": len(found) - 1,
                        "first_page_uri": parts.path,
                        "next_page_uri": None,
                        "page": 0,
                        "page_size": page_size,
                        "previous_page_uri": None,
                        "start": 0,
                        "uri": self.path,
                    },
                )

        return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--status-callbacks", action="store_true")
    args = parser.parse_args()
    fake = FakeTwilio(port=args.port, send_status_callbacks=args.status_callbacks).start()
    print(f"fake Twilio at {fake.base_url} (account {fake.account_sid}, token {fake.auth_token})", flush=True)
    try:
        while True:
            time.sleep(5)
            print(f"{len(fake.messages)} messages accepted", flush=True)
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":
    main()
