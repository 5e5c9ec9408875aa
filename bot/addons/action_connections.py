"""Reusing connections to the action server (and Rasa's other HTTP endpoints) between requests.

Rasa 3.6 opens a new aiohttp session for every request to an endpoint (`EndpointConfig.request`),
and with it a new TCP connection: for the action server that is one connection per custom
action, about 4 ms of the 8 ms a call to it takes on a busy machine. Here the sessions Rasa
creates share one connection pool per event loop (they do not own it, so closing a session leaves
the pool open), and idle connections are closed after a few seconds. Every request is otherwise
made as Rasa makes it: same headers, authentication, timeout and body. Rasa closes nothing of
this at shutdown; the event broker's `close()`, which it does call, closes the pools.
"""

from __future__ import annotations

import asyncio

import aiohttp
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.utils.endpoints import EndpointConfig

# A connection idle for longer is not reused but closed: well under the 5 s after which the
# action server (Sanic) closes an idle connection itself, so a request never goes out on a
# connection the server is closing. Long enough to carry a turn's actions and a quick reply.
KEEPALIVE_SECONDS = 2.0

_pools: dict[asyncio.AbstractEventLoop, aiohttp.TCPConnector] = {}


def shared_connector() -> aiohttp.TCPConnector:
    """The connection pool of the running event loop."""
    loop = asyncio.get_running_loop()
    connector = _pools.get(loop)
    if connector is None or connector.closed:
        for old_loop in [old for old in _pools if old.is_closed()]:
            del _pools[old_loop]
        connector = _pools[loop] = aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS)
    return connector


def session(self: EndpointConfig) -> aiohttp.ClientSession:
    """`EndpointConfig.session`, on the shared connection pool."""
    auth = None
    if self.basic_auth:
        auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
    return aiohttp.ClientSession(
        headers=self.headers,
        auth=auth,
        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
        connector=shared_connector(),
        connector_owner=False,
    )


async def close_pools() -> None:
    """Close the connection pools (at shutdown; see BatchedSQLEventBroker.close)."""
    while _pools:
        _loop, connector = _pools.popitem()
        await connector.close()


def install() -> None:
    """Make Rasa's endpoint requests share the connection pool."""
    EndpointConfig.session = session  # type: ignore[method-assign]
