"""A local fake of the portal's JSON API (/api/v1) for the action tests.

It answers the calls the actions make, records every request (path, query, headers, JSON body)
and can be told to fail, so tests can check both what the bot sends and how it copes.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

PREFIX = "/api/v1"


class FakePortal:
    """Runs a fake portal API on a random free local port."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.contacts: list[dict[str, Any]] = []
        self.services: list[dict[str, Any]] = []
        self.search_url = "http://portal.test/local-offer?q=sample"
        self.fail_with: int | None = None
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _record(self, body: Any) -> str:
                parts = urlsplit(self.path)
                path = parts.path[len(PREFIX) :] if parts.path.startswith(PREFIX) else parts.path
                portal.requests.append(
                    {
                        "method": self.command,
                        "path": path,
                        "query": parse_qs(parts.query),
                        "headers": dict(self.headers),
                        "json": body,
                    }
                )
                return path

            def _send(self, status: int, document: Any) -> None:
                payload = json.dumps(document).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self) -> None:
                path = self._record(None)
                if portal.fail_with:
                    return self._send(portal.fail_with, {"error": {"code": "broken", "message": "broken"}})
                if path == "/contacts":
                    return self._send(200, {"data": portal.contacts})
                if path == "/services":
                    limit = int(parse_qs(urlsplit(self.path).query).get("limit", ["10"])[0])
                    return self._send(
                        200,
                        {
                            "data": portal.services[:limit],
                            "meta": {"total": len(portal.services), "search_url": portal.search_url},
                        },
                    )
                return self._send(404, {"error": {"code": "not_found", "message": "not found"}})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"null")
                path = self._record(body)
                if portal.fail_with:
                    return self._send(portal.fail_with, {"error": {"code": "broken", "message": "broken"}})
                if path == "/callback-requests":
                    return self._send(201, {"reference": "CB-000123"})
                if path == "/safeguarding-flags":
                    return self._send(201, {"id": len(portal.requests)})
                return self._send(404, {"error": {"code": "not_found", "message": "not found"}})

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}{PREFIX}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> FakePortal:
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and free the port."""
        self._server.shutdown()
        self._server.server_close()

    def posted(self, path: str) -> list[dict[str, Any]]:
        """JSON bodies POSTed to a path, in order."""
        return [r["json"] for r in self.requests if r["method"] == "POST" and r["path"] == path]
