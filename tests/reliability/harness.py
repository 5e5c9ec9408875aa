"""Load and fault harness: the portal under gunicorn on loopback, and bounded asyncio clients.

Families answer the shipped open consultation page by page as a browser does (GET and POST each
page, check your answers, Send, confirmation) and keep the reference they were given; chat users
hold short conversations. Every client is bounded in time and in count. Each virtual visitor
sends its own ``X-Forwarded-For`` (the portal runs with ``PROXY_FIX_HOPS=1``, as behind nginx), so
per-visitor rate limits apply per visitor and not to the whole test.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from tests.hostile.walker import fields, fill

ROOT = Path(__file__).resolve().parents[2]
SLUG = "short-breaks-local-offer-2026"
TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
REFERENCE = re.compile(r"<strong>([^<]+)</strong>")
RETRYABLE = {502, 503, 504}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Portal:
    """``gunicorn wsgi:app`` on a loopback port with the given settings; stopped on exit."""

    def __init__(self, database_url: str, instance: Path, rasa_url: str, workers: int = 3, **env):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = instance / f"gunicorn-{self.port}.log"
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "PORTAL_INSTANCE_PATH": str(instance),
            "SECRET_KEY": "load-test-secret-key-not-for-production",
            "RASA_URL": rasa_url,
            "CHAT_RASA_TIMEOUT": "5",
            "PROXY_FIX_HOPS": "1",
            "LOG_LEVEL": "WARNING",
            "PUBLIC_URL": self.url,
            **env,
        }
        self.workers = workers
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Portal:
        instance = Path(self.env["PORTAL_INSTANCE_PATH"])
        instance.mkdir(parents=True, exist_ok=True)
        command = [
            str(ROOT / ".venv" / "bin" / "gunicorn"), "--workers", str(self.workers), "--preload",
            "--bind", f"127.0.0.1:{self.port}", "--timeout", "60", "--graceful-timeout", "5", "wsgi:app",
        ]  # fmt: skip
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=log)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped: {self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("gunicorn did not answer /healthz within 90 s")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@dataclass
class Stats:
    """What the clients saw."""

    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    references: list[str] = field(default_factory=list)
    journeys_started: int = 0
    chat_turns: int = 0
    chat_inconsistent: int = 0
    retried: int = 0
    friendly_503: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    @property
    def server_errors(self) -> int:
        return sum(n for code, n in self.statuses.items() if code >= 500 and code not in RETRYABLE)

    def p95(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[int(0.95 * (len(ordered) - 1))] if ordered else 0.0

    def summary(self) -> dict:
        return {
            "requests": self.requests,
            "statuses": dict(sorted(self.statuses.items())),
            "p95_ms": round(self.p95() * 1000),
            "journeys_started": self.journeys_started,
            "submissions_accepted": len(self.references),
            "chat_turns": self.chat_turns,
            "retried": self.retried,
            "friendly_503": self.friendly_503,
            "failures": self.failures[:5],
        }


class Visitor:
    """One browser: its own cookies, its own address, bounded retries on 503 or a dropped connection."""

    def __init__(self, session: aiohttp.ClientSession, base: str, number: int, stats: Stats, retries=20):
        self.session, self.base, self.stats, self.retries = session, base, stats, retries
        self.headers = {"X-Forwarded-For": f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"}

    async def request(self, method: str, url: str, data: dict | None = None) -> tuple[int, str, str]:
        """(status, body, Location); retries a 503 or a dropped connection, as a person pressing again."""
        target = url if url.startswith("http") else self.base + url
        for attempt in range(self.retries + 1):
            started = time.monotonic()
            try:
                async with self.session.request(
                    method, target, data=data, headers=self.headers, allow_redirects=False
                ) as response:
                    body = await response.text()
                    status, location = response.status, response.headers.get("Location", "")
            except (TimeoutError, aiohttp.ClientError) as error:
                self.stats.statuses[599] = self.stats.statuses.get(599, 0) + 1
                self.stats.failures.append(f"{method} {url}: {error!r}")
                status, body, location = 599, "", ""
            self.stats.latencies.append(time.monotonic() - started)
            if status != 599:
                self.stats.statuses[status] = self.stats.statuses.get(status, 0) + 1
            if status == 503 and "Your answers are saved" in body:
                self.stats.friendly_503 += 1
            if status not in RETRYABLE and status != 599:
                return status, body, location
            self.stats.retried += 1
            await asyncio.sleep(min(0.5 * (attempt + 1), 3))
        return status, body, location

    async def post_form(self, url: str, page: str, data: dict) -> tuple[int, str, str]:
        token = CSRF.search(page)
        return await self.request("POST", url, {**data, "csrf_token": token.group(1) if token else ""})

    async def complete_consultation(self, slug: str = SLUG) -> str | None:
        """Answer every page of the consultation; the reference given, or None."""
        self.stats.journeys_started += 1
        status, page, _ = await self.request("GET", f"/consultations/{slug}")
        if status != 200:
            return None
        status, _, url = await self.post_form(f"/consultations/{slug}/start", page, {})
        for _ in range(30):
            if status != 303:
                self.stats.failures.append(f"journey stopped with {status} at {url}")
                return None
            status, page, location = await self.request("GET", url)
            if status == 303:
                url = location
                continue
            token = TOKEN.search(page)
            if token:
                status, _, location = await self.post_form(url, page, {"submission_token": token.group(1)})
                if status != 303:
                    return None
                status, page, _ = await self.request("GET", location)
                match = REFERENCE.search(page)
                if status == 200 and match:
                    self.stats.references.append(match.group(1).strip())
                    return match.group(1).strip()
                return None
            page_fields = fields(page)
            status, _, location = await self.post_form(url, page, fill(page_fields, "Sample answer"))
            if status == 200:
                status, _, location = await self.post_form(url, page, fill(page_fields, "", safe=True))
            url = location
        return None

    async def chat(self, turns: int = 3) -> None:
        """A short conversation; each reply must answer the message just sent."""
        status, page, _ = await self.request("GET", "/chat")
        for turn in range(turns):
            if status != 200:
                return
            message = f"question {turn} from {self.headers['X-Forwarded-For']}"
            status, _, _ = await self.post_form("/chat", page, {"message": message})
            if status not in (302, 303):
                self.stats.failures.append(f"chat send answered {status}")
                return
            status, page, _ = await self.request("GET", "/chat")
            self.stats.chat_turns += 1
            if status == 200 and f"You said: {message}" not in page:
                self.stats.chat_inconsistent += 1


def run_in_own_loop(coroutine):
    """Run a coroutine to the end on a thread of its own.

    ``asyncio.run`` refuses to start inside a running event loop, and Playwright's sync API keeps
    one running on the test thread for the whole session when browser tests share the worker.
    """
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def run_load(base: str, families: int, chats: int, seconds: float, max_journeys: int = 50) -> Stats:
    """``families`` families and ``chats`` chat users, each repeating until ``seconds`` pass."""
    stats = Stats()
    deadline = time.monotonic() + seconds
    timeout = aiohttp.ClientTimeout(total=60)
    connector = aiohttp.TCPConnector(limit=families + chats + 10)

    async def visit(number: int, act) -> None:
        # Each repeat is another person, with an address of their own: one address doing fifty
        # journeys a minute is a script, and the per-visitor rate limits would rightly refuse it.
        for repeat in range(max_journeys):
            if time.monotonic() >= deadline:
                return
            jar = aiohttp.CookieJar(unsafe=True)
            async with aiohttp.ClientSession(
                timeout=timeout, cookie_jar=jar, connector=connector, connector_owner=False
            ) as session:
                await act(Visitor(session, base, number * 64 + repeat, stats))

    async def family(visitor: Visitor) -> None:
        await visitor.complete_consultation()

    async def chatter(visitor: Visitor) -> None:
        await visitor.chat()

    try:
        await asyncio.gather(
            *(visit(n, family) for n in range(families)), *(visit(100000 + n, chatter) for n in range(chats))
        )
    finally:
        await connector.close()
    return stats


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
