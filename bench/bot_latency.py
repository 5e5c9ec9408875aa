"""Assistant latency: the full REST webhook round trip against bare NLU parsing, in one run.

The webhook does everything a family's message needs (NLU, dialogue policies, the action
server, its call to the portal API, tracker store and event broker writes); /model/parse does
only NLU. Their ratio shows what the dialogue machinery adds. Goal: ratio <= 1.5.

    python bench/bot_latency.py                 # starts its own Rasa, action server and fake portal
    python bench/bot_latency.py --url http://127.0.0.1:5005   # measure an assistant already running

Needs bot/.venv and a trained model (make bot-train). Prints a last line like
`bot_latency: ratio=1.3 (goal <= 1.5)`.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BOT = ROOT / "bot"
MESSAGES = [
    "hi",
    "osborne court closing??",
    "how do i get short breaks for my son",
    "need money 4 deposit im a care leaver",
    "is there transport to the unit",
    "talk to a person",
    "what happens at 18",
    "thanks",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def post(url: str, body: dict, timeout: float = 30.0) -> object:
    request = urllib.request.Request(  # noqa: S310 (local http only)
        url, data=json.dumps(body).encode(), method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (local http only)
        return json.loads(response.read() or b"null")


def wait_until_ready(url: str, seconds: float = 600.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (local http only)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"bot_latency: {url} did not become ready")


def start_stack(stack: ExitStack, stores: str, model: str) -> str:
    """Start a fake portal, the action server and Rasa on free ports; return Rasa's URL."""
    sys.path.insert(0, str(BOT))
    from tests.fake_portal import FakePortal

    portal = FakePortal().start()
    stack.callback(portal.stop)
    workdir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
    rasa_port, actions_port = free_port(), free_port()
    endpoints = workdir / "endpoints.yml"
    # bot/endpoints.yml as configured (action endpoint options, store and broker types), with the
    # action server's port and the SQLite files in the temporary folder.
    config = yaml.safe_load((BOT / "endpoints.yml").read_text(encoding="utf-8"))
    config["action_endpoint"]["url"] = f"http://127.0.0.1:{actions_port}/webhook"
    if stores == "sqlite":
        config["tracker_store"]["db"] = str(workdir / "tracker.db")
        config["event_broker"]["db"] = str(workdir / "events.db")
    else:  # Rasa's in-memory tracker store and no event broker
        config = {"action_endpoint": config["action_endpoint"]}
    endpoints.write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "PYTHONPATH": str(BOT),
        "PORTAL_API_URL": portal.url,
        "PORTAL_API_TOKEN": "bench",
    }
    rasa = str(BOT / ".venv" / "bin" / "rasa")
    for command in (
        [rasa, "run", "actions", "--actions", "actions", "--port", str(actions_port)],
        [
            rasa,
            "run",
            "--enable-api",
            "-i",
            "127.0.0.1",
            "--port",
            str(rasa_port),
            "--model",
            model,
            "--endpoints",
            str(endpoints),
            "--credentials",
            "credentials.yml",
        ],
    ):
        process = subprocess.Popen(
            command, cwd=BOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        stack.callback(process.wait, 30)
        stack.callback(process.terminate)
    wait_until_ready(f"http://127.0.0.1:{actions_port}/health")
    url = f"http://127.0.0.1:{rasa_port}"
    wait_until_ready(f"{url}/status")
    return url


def measure(url: str, rounds: int) -> tuple:
    """Median seconds per message for /model/parse and for the REST webhook, interleaved."""
    parse, webhook = [], []
    for warm in MESSAGES:  # load every code path once before timing
        post(f"{url}/model/parse", {"text": warm})
        post(f"{url}/webhooks/rest/webhook", {"sender": "web:warmup", "message": warm})
    for round_number in range(rounds):
        for message in MESSAGES:
            start = time.perf_counter()
            post(f"{url}/model/parse", {"text": message})
            parse.append(time.perf_counter() - start)
            start = time.perf_counter()
            replies = post(
                f"{url}/webhooks/rest/webhook", {"sender": f"sms:bench{round_number}", "message": message}
            )
            webhook.append(time.perf_counter() - start)
            if not replies:
                raise SystemExit(f"bot_latency: no reply to {message!r}")
    return statistics.median(parse), statistics.median(webhook), len(parse)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an assistant already running (Rasa with --enable-api)")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--model", default="models/model.tar.gz", help="model for the self-started assistant")
    parser.add_argument(
        "--stores",
        choices=("sqlite", "memory"),
        default="sqlite",
        help="tracker store and event broker of the self-started assistant "
        "(default: those of bot/endpoints.yml, on SQLite files)",
    )
    args = parser.parse_args()
    with ExitStack() as stack:
        url = args.url.rstrip("/") if args.url else start_stack(stack, args.stores, args.model)
        parse, webhook, samples = measure(url, args.rounds)
    ratio = webhook / parse
    print(
        f"median /model/parse {parse * 1000:.1f} ms, median REST webhook round trip {webhook * 1000:.1f} ms "
        f"({samples} messages each)"
    )
    print(f"bot_latency: ratio={ratio:.1f} (goal <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
