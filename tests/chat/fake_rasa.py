"""A stand-in for Rasa's REST channel on a random loopback port, that can answer, be slow or be down."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SHORT_BREAKS_PAYLOAD = '/faq{"topic": "short_breaks"}'


def canned_replies(message: str) -> list[dict]:
    """What the fake assistant says: a greeting with quick replies, an answer with links, or an echo."""
    if message.lower().startswith("hello"):
        return [
            {"text": "Hi, I'm the assistant. What would you like to know?"},
            {
                "text": "Choose a topic or type a question.",
                "buttons": [
                    {"title": "Short breaks", "payload": SHORT_BREAKS_PAYLOAD},
                    {"title": "Find a service", "payload": "/find_service"},
                ],
            },
        ]
    if message == SHORT_BREAKS_PAYLOAD:
        return [
            {
                "text": "Short breaks give disabled children time away. "
                "See http://localhost:5000/local-offer?q=short+breaks or give feedback at /feedback. "
                "<script>alert('x')</script>"
            }
        ]
    return [{"text": f"You asked: {message}"}]


class FakeRasa:
    """``mode`` is "ok", "slow" (answers after ``delay`` seconds) or "down" (the port is closed)."""

    def __init__(self):
        self.mode = "ok"
        self.delay = 3.0
        self.received: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length))
                fake.received.append(body)
                if self.path != "/webhooks/rest/webhook":
                    self.send_response(404)
                    self.end_headers()
                    return
                if fake.mode == "slow":
                    time.sleep(fake.delay)
                answer = json.dumps(canned_replies(body["message"])).encode()
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                except OSError:
                    pass  # the portal gave up waiting

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_port
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        self._closed_url = None

    @property
    def address(self) -> str:
        """The URL the portal should use: the live one, or a closed port when ``mode`` is "down"."""
        return self.url

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
