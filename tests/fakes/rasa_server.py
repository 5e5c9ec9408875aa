"""A fake Rasa REST channel (``POST /webhooks/rest/webhook``) that can be taken down and brought back."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def echo_replies(sender: str, message: str) -> list[dict]:
    return [{"recipient_id": sender, "text": f"You said: {message}"}]


class FakeRasa:
    """Answers with ``reply(sender, message)``; while ``down`` it answers 503 like a proxy in front of a
    stopped Rasa. ``calls`` records every (sender, message) it answered."""

    def __init__(self, reply: Callable[[str, str], list[dict]] = echo_replies):
        self.reply = reply
        self.down = False
        self.calls: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> FakeRasa:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format, *args):
                return

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length) or b"{}")
                if fake.down or self.path != "/webhooks/rest/webhook":
                    body, status = b'{"error": "unavailable"}', 503
                else:
                    with fake._lock:
                        fake.calls.append((payload["sender"], payload["message"]))
                    body, status = json.dumps(fake.reply(payload["sender"], payload["message"])).encode(), 200
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler
