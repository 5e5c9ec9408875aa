"""Consultation throughput: the full public journey under gunicorn against a bare Flask baseline, in one run.

Concurrent clients answer an open copy of the 2019 short-breaks questionnaire (slug
`bench-short-breaks`) the way a browser does: start page, Start now, one page per question
(a GET and a POST each), check your answers, Send, confirmation — every request through the
portal's CSRF, sessions, security headers, encrypted server-side drafts and routing. The
baseline is a bare Flask app under the same gunicorn settings that serves the same number of
requests per journey (tiny pages, the draft kept as one SQLite row) and inserts the same rows
(one response, its answers, one contact row) at the end. Both use SQLite in WAL mode.

A third server shows what the required machinery costs on its own: `baseline/govuk_app.py`
serves the same requests as whole GOV.UK Frontend pages behind a signed session, CSRF, the shared
rate limit and the security headers, without the portal's own work (definitions, routing,
validation, encryption, translations, ORM). Its ratio is printed for information; the goal is
against the bare app.

    python bench/submit.py [--clients 8] [--seconds 20] [--workers 2]

The servers run at once and are measured in alternating windows (median of the rounds), so a
busy machine slows them alike. Prints throughput (journeys/s) and p95 journey time, and a last line like
`submit: ratio=0.71 (goal >= 0.6)`.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import socket
import sqlite3
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
SLUG = "bench-short-breaks"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')
# One parent carer's answers, page by page (the branch that sees every question).
PAGES = [
    ("role", {"role": "parent_carer"}),
    ("child-age", {"child_age": "age_0_16"}),
    ("district", {"district": "wyre_forest"}),
    ("access", {"access": "yes"}),
    ("provision", {"provision": "ludlow_road"}),
    ("support", {"support": "no"}),
    ("osborne-court", {"comments_osborne_court": "It is further for us to travel."}),
    ("ludlow-road", {"comments_ludlow_road": "Ludlow Road feels like home from home."}),
    ("other-comments", {"comments_other": ""}),
    ("keep-up-to-date", {"email": "parent@example.com"}),
]


def redis_or_memory() -> str:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return "memory://"
    return "redis://127.0.0.1:6379/15"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()  # noqa: S310 - our own loopback server
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not start")


class Client:
    """A browser-like client: cookies, no redirects followed automatically except by us."""

    def __init__(self, base: str):
        self.base = base
        jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

    def request(self, path: str, data: dict | None = None) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            response = self.opener.open(self.base + path, data=body, timeout=30)
            return response.status, response.read().decode(), response.headers.get("Location", "")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), error.headers.get("Location", "")


def form_journey(client: Client, start: str, begin: str, question: str, check: str, done: str) -> None:
    """The journey as a browser makes it on CSRF-protected pages: each post carries its page's token."""
    status, html, _ = client.request(start)
    status, _, _ = client.request(begin, {"csrf_token": CSRF.search(html).group(1)})
    assert status == 303, status
    for page, answers in PAGES:
        status, html, _ = client.request(question.format(page=page))
        assert status == 200, (page, status)
        data = {"csrf_token": CSRF.search(html).group(1), "action": "continue", **answers}
        status, _, _ = client.request(question.format(page=page), data)
        assert status == 303, (page, status)
    status, html, _ = client.request(check)
    data = {"csrf_token": CSRF.search(html).group(1)}
    submission = TOKEN.search(html)
    if submission:
        data["submission_token"] = submission.group(1)
    status, _, _ = client.request(check, data)
    assert status == 303, status
    status, html, _ = client.request(done)
    assert status == 200 and "Answers sent" in html


def portal_journey(client: Client) -> None:
    base = f"/consultations/{SLUG}"
    form_journey(
        client, base, f"{base}/start", base + "/questions/{page}", f"{base}/check-your-answers",
        f"{base}/confirmation",
    )  # fmt: skip


def govuk_journey(client: Client) -> None:
    form_journey(client, "/start", "/start", "/q/{page}", "/check", "/done")


def bare_journey(client: Client) -> None:
    status, _, _ = client.request("/start")
    status, _, _ = client.request("/start", {})
    for page, answers in PAGES:
        client.request(f"/q/{page}")
        status, _, _ = client.request(f"/q/{page}", answers)
        assert status == 303, status
    client.request("/check")
    status, _, _ = client.request("/check", {})
    assert status == 303, status
    client.request("/done")


def drive(base: str, journey, clients: int, seconds: float) -> tuple[float, float, int]:
    """Run `clients` threads doing journeys for `seconds`; returns (journeys/s, p95 seconds, errors)."""
    times: list[float] = []
    errors = [0]
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def worker():
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                journey(Client(base))
            except Exception:  # counted and reported
                with lock:
                    errors[0] += 1
                continue
            with lock:
                times.append(time.perf_counter() - started)

    began = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 20 else max(times, default=0.0)
    return len(times) / elapsed, p95, errors[0]


def gunicorn(app: str, port: int, workers: int, env: dict, chdir: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "gunicorn"), "-w", str(workers), "-b", f"127.0.0.1:{port}", "--chdir", str(chdir),
         "--log-level", "warning", app],
        env=env,
    )  # fmt: skip


def prepare_portal(folder: Path, env: dict) -> None:
    subprocess.run([str(BIN / "portal"), "setup"], env=env, check=True, capture_output=True)
    data = yaml.safe_load(
        (ROOT / "portal/content/consultations/overnight-short-breaks-2019.yaml").read_text()
    )
    today = date.today()
    data.update(slug=SLUG, opens=today - timedelta(days=1), closes=today + timedelta(days=30))
    path = folder / f"{SLUG}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    subprocess.run(
        [str(BIN / "portal"), "content", "load", str(path)], env=env, check=True, capture_output=True
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder / 'portal.db'}",
            "SECRET_KEY": "bench-secret-key",
            "RATELIMIT_DEFAULT": "1000000 per minute",
            # As in production: limits shared by every worker in Redis (memory when none answers).
            "RATELIMIT_STORAGE_URI": redis_or_memory(),
            "LOG_LEVEL": "WARNING",
            "BARE_DATABASE": str(folder / "bare.db"),
            "GOVUK_DATABASE": str(folder / "govuk.db"),
        }
        prepare_portal(folder, env)
        servers, bases = [], {}
        try:
            for name, app, chdir, probe in (
                ("bare", "bare_app:app", ROOT / "bench" / "baseline", "/start"),
                ("govuk", "govuk_app:app", ROOT / "bench" / "baseline", "/start"),
                ("portal", "wsgi:app", ROOT, "/"),
            ):
                port = free_port()
                servers.append(gunicorn(app, port, args.workers, env, chdir))
                bases[name] = f"http://127.0.0.1:{port}"
                wait_until_up(bases[name] + probe)
            journeys = {"bare": bare_journey, "govuk": govuk_journey, "portal": portal_journey}
            for name in bases:
                drive(bases[name], journeys[name], 2, 2)  # warm up
            # Alternate short windows so a busy machine slows both alike.
            samples: dict[str, list] = {name: [] for name in bases}
            for _round in range(args.rounds):
                for name in bases:
                    samples[name].append(
                        drive(bases[name], journeys[name], args.clients, args.seconds / args.rounds)
                    )
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)
        stored = (
            sqlite3.connect(folder / "portal.db").execute("select count(*) from form_response").fetchone()[0]
        )
    results = {
        name: (
            statistics.median(s[0] for s in runs),
            statistics.median(s[1] for s in runs),
            sum(s[2] for s in runs),
        )
        for name, runs in samples.items()
    }
    labels = {"bare": "bare Flask", "govuk": "GOV.UK pages, CSRF, limit", "portal": "portal"}
    for name, (rate, p95, errors) in results.items():
        print(f"{labels[name]}: {rate:.2f} journeys/s, p95 {p95 * 1000:.0f} ms, errors {errors}")
    print(f"portal responses stored: {stored}")
    settings = {
        "clients": args.clients,
        "seconds": args.seconds,
        "workers": args.workers,
        "rounds": args.rounds,
    }
    print(json.dumps({**settings, "rate_limit_storage": env["RATELIMIT_STORAGE_URI"].split(":")[0]}))
    like_for_like = results["portal"][0] / results["govuk"][0]
    print(f"portal against the same machinery without the portal's own work: {like_for_like:.2f}")
    ratio = results["portal"][0] / results["bare"][0]
    print(f"submit: ratio={ratio:.2f} (goal >= 0.6)")


if __name__ == "__main__":
    main()
