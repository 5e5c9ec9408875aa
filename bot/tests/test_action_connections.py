"""Requests to the action server reuse one connection instead of opening one each."""

import asyncio
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from rasa.utils.endpoints import EndpointConfig

import addons  # noqa: F401 (installs the shared pool, as loading the model does)
from addons import action_connections


class KeepAliveServer:
    """A local JSON server that records the client port of every request."""

    def __init__(self):
        self.client_ports = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                self.rfile.read(int(self.headers["Content-Length"]))
                server.client_ports.append(self.client_address[1])
                payload = json.dumps({"events": [], "responses": []}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/webhook"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_requests_share_a_connection_and_the_pool_closes():
    server = KeepAliveServer()
    endpoint = EndpointConfig(server.url)

    async def three_actions():
        replies = [await endpoint.request(json={"next_action": "action_answer_faq"}) for _ in range(3)]
        pool = action_connections.shared_connector()
        await action_connections.close_pools()
        return replies, pool

    try:
        replies, pool = asyncio.run(three_actions())
    finally:
        server.stop()
    assert replies == [{"events": [], "responses": []}] * 3
    assert len(server.client_ports) == 3
    assert len(set(server.client_ports)) == 1
    assert pool.closed
