"""SMS gateway: webhook acknowledgement time against a bare Flask endpoint, and exactly-once delivery
under injected faults, in one run.

Part 1 sends signed Twilio webhooks alternately to the portal's ``POST /sms/inbound`` (signature
check, MessageSid dedupe, keyword and limit checks, encrypted storage; the worker is enqueued after
the answer is sent, so that is not in the acknowledgement time) and to a bare Flask
endpoint that does the least a webhook must (store the text in SQLite, answer empty TwiML), both
under the same gunicorn settings, and compares median acknowledgement times (the portal's
``GET /healthz`` is timed too, as the floor of any portal request).

Part 2 sends a burst of texts from many numbers while the fake Twilio fails 30% of sends with 5xx
and lets 10% time out after accepting them (the hardest case), and kills the worker with SIGKILL
mid-run before starting it again. Every reply must reach the fake Twilio exactly once.

    python bench/sms.py [--requests 300] [--senders 60]

Last line like ``sms: ratio=1.2 (goal <= 1.5) delivered=100% once``.
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from contextlib import closing
from pathlib import Path

from flask import Flask, Response, request

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'

bare_app = Flask("bare")
BARE_DATABASE = os.environ.get("BARE_DATABASE", "/tmp/bare-sms.db")


_bare_connection: sqlite3.Connection | None = None


def bare_connection() -> sqlite3.Connection:
    """One connection per process, with the portal's SQLite settings (WAL, synchronous=FULL)."""
    global _bare_connection
    if _bare_connection is None:
        _bare_connection = sqlite3.connect(BARE_DATABASE, timeout=10, check_same_thread=False)
        _bare_connection.execute("pragma journal_mode=wal")
        _bare_connection.execute("pragma synchronous=full")
    return _bare_connection


@bare_app.post("/sms/inbound")
def bare_inbound():
    """The least a webhook must do: keep the text, then answer Twilio."""
    connection = bare_connection()
    with connection:
        connection.execute(
            "insert into inbound (sid, sender, body) values (?, ?, ?)",
            (request.form["MessageSid"], request.form["From"], request.form.get("Body", "")),
        )
    return Response(EMPTY_TWIML, mimetype="text/xml")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listening on {port}")


def gunicorn(target: str, port: int, env: dict, cwd: Path) -> subprocess.Popen:
    command = [str(BIN / "gunicorn"), "-w", "1", "-b", f"127.0.0.1:{port}", "--log-level", "warning", target]
    return subprocess.Popen(command, cwd=cwd, env=env)


def consumer(env: dict) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "huey.bin.huey_consumer",
        "portal.worker.huey",
        "-k",
        "thread",
        "-w",
        "4",
    ]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def post(port: int, path: str, params: dict, signature: str) -> float:
    body = urllib.parse.urlencode(params)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature}
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("POST", path, body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"HTTP {response.status} from port {port}")
    return elapsed


def get(port: int, path: str) -> float:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    connection.getresponse().read()
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def text(number: str, body: str, sid: str, public_url: str, sign) -> tuple[dict, str]:
    params = {
        "MessageSid": sid,
        "SmsSid": sid,
        "AccountSid": "AC" + "0" * 32,
        "From": number,
        "To": "+447700900000",
        "Body": body,
        "NumMedia": "0",
        "ApiVersion": "2010-04-01",
    }
    return params, sign(public_url + "/sms/inbound", params)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300, help="webhooks per server for the timing")
    parser.add_argument("--senders", type=int, default=60, help="numbers texting in the fault run")
    parser.add_argument("--texts", type=int, default=2, help="texts per number in the fault run")
    args = parser.parse_args()

    from tests.fakes.rasa_server import FakeRasa
    from tests.fakes.twilio_server import ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, FakeTwilio, Faults, sign

    work = Path(tempfile.mkdtemp(prefix="bench-sms-"))
    portal_port, bare_port = free_port(), free_port()
    public_url = f"http://127.0.0.1:{portal_port}"
    fake_twilio = FakeTwilio().start()
    fake_rasa = FakeRasa().start()
    env = {
        **os.environ,
        "PORTAL_INSTANCE_PATH": str(work),
        "DATABASE_URL": f"sqlite:///{work / 'portal.db'}",
        "PUBLIC_URL": public_url,
        "RASA_URL": fake_rasa.url,
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_FROM_NUMBER": FROM_NUMBER,
        "TWILIO_API_BASE_URL": fake_twilio.base_url,
        "TWILIO_TIMEOUT_SECONDS": "1",
        "OUTBOX_SEND_LEASE_SECONDS": "4",
        "OUTBOX_RETRY_BASE_SECONDS": "0.5",
        "OUTBOX_RETRY_MAX_SECONDS": "3",
        "OUTBOX_MAX_ATTEMPTS": "40",
        "SMS_PROCESS_LEASE_SECONDS": "6",
        "SMS_MAX_PER_NUMBER_PER_HOUR": "1000",
        "SMS_MAX_INBOUND_PER_MINUTE": "100000",
        "SMS_DAILY_SEGMENT_CAP": "100000",
        "RATELIMIT_DEFAULT": "100000 per minute",
        "HUEY_REDIS_URL": "",
        "REDIS_URL": "",
        "LOG_LEVEL": "WARNING",
    }
    env["BARE_DATABASE"] = str(work / "bare.db")
    with closing(sqlite3.connect(env["BARE_DATABASE"])) as connection:
        connection.execute("pragma journal_mode=wal")
        connection.execute("create table inbound (sid text primary key, sender text, body text)")
    subprocess.run(
        [str(BIN / "portal"), "setup"],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    servers = [
        gunicorn("wsgi:app", portal_port, env, ROOT),
        gunicorn("sms:bare_app", bare_port, env, ROOT / "bench"),
    ]
    worker = None
    expected: list[tuple[str, str]] = []
    try:
        wait_for(portal_port)
        wait_for(bare_port)
        # Part 1: acknowledgement time, alternating between the two servers.
        timings = {"portal": [], "bare": [], "floor": []}
        for n in range(args.requests + 20):
            number = f"+4477009{n % 50:05d}"
            body = f"timing question {n}"
            params, signature = text(number, body, f"SMT{n:030d}", public_url, sign)
            order = [("portal", portal_port), ("bare", bare_port)]
            for name, port in order if n % 2 else reversed(order):
                elapsed = post(port, "/sms/inbound", params, signature)
                if n >= 20:  # warm-up excluded
                    timings[name].append(elapsed)
            floor = get(portal_port, "/healthz")  # the portal's own per-request cost, for comparison
            if n >= 20:
                timings["floor"].append(floor)
            expected.append((number, f"You said: {body}"))
        floor_ms = statistics.median(timings["floor"]) * 1000
        portal_ms = statistics.median(timings["portal"]) * 1000
        bare_ms = statistics.median(timings["bare"]) * 1000
        p95 = sorted(timings["portal"])[int(len(timings["portal"]) * 0.95)] * 1000
        ratio = portal_ms / bare_ms
        print(
            f"acknowledgement: portal median {portal_ms:.2f} ms (p95 {p95:.2f}), bare {bare_ms:.2f} ms; "
            f"the portal's GET /healthz {floor_ms:.2f} ms"
        )

        # Part 2: a burst under faults, the worker killed mid-run and restarted.
        worker = consumer(env)
        fake_twilio.faults = Faults(server_error_rate=0.3, timeout_rate=0.1, timeout_seconds=1.5, seed=7)
        for n in range(args.senders):
            number = f"+4477009{50 + n:05d}"
            for k in range(args.texts):
                body = f"fault question {n}.{k}"
                params, signature = text(number, body, f"SMF{n:020d}{k:010d}", public_url, sign)
                post(portal_port, "/sms/inbound", params, signature)
                expected.append((number, f"You said: {body}"))
        total = len(expected)
        deadline = time.monotonic() + 60
        while len(fake_twilio.messages) < total * 0.4 and time.monotonic() < deadline:
            time.sleep(0.05)
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        killed_at = len(fake_twilio.messages)
        time.sleep(4.5)  # leases held by the killed worker run out
        worker = consumer(env)
        sys.path.insert(0, str(ROOT))
        os.environ.update({"PORTAL_INSTANCE_PATH": str(work), "HUEY_REDIS_URL": "", "REDIS_URL": ""})
        from portal import worker as tasks

        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            delivered = Counter((m["to"], m["body"]) for m in fake_twilio.messages)
            if all(delivered[item] >= 1 for item in expected):
                time.sleep(3)  # let any late duplicate show itself
                break
            tasks.sweep()  # what the consumer's every-minute sweep does, sooner
            time.sleep(2)
        delivered = Counter((m["to"], m["body"]) for m in fake_twilio.messages)
        got = sum(1 for item in expected if delivered[item] >= 1)
        duplicates = sum(count - 1 for count in delivered.values() if count > 1)
        unexpected = sum(1 for item in delivered if item not in set(expected))
        print(
            f"faults: {total} replies expected, {got} delivered, {duplicates} duplicates, "
            f"{unexpected} unexpected; fake Twilio injected {fake_twilio.errors_injected} 5xx and "
            f"{fake_twilio.timeouts_injected} timeouts; "
            f"worker killed after {killed_at} sends and restarted"
        )
        once = "once" if duplicates == 0 and unexpected == 0 else f"NOT once ({duplicates} duplicates)"
        print(f"sms: ratio={ratio:.2f} (goal <= 1.5) delivered={100 * got / total:.0f}% {once}")
    finally:
        processes = [*servers, *([worker] if worker else [])]
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        fake_twilio.stop()
        fake_rasa.stop()


if __name__ == "__main__":
    main()
