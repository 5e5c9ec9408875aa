"""Scale-out: two portal instances and two Rasa instances behind nginx, sharing PostgreSQL, Redis and
RabbitMQ. Conversations alternate their turns between the Rasa instances and must stay whole (the
tracker is in PostgreSQL, the Redis lock store serialises each conversation); families submit through
nginx to either portal and every submission is stored once. Part of ``make test-reliability`` only:
each Rasa instance takes about 1 GB and minutes to start here.
"""

import json
import os
import shutil
import subprocess
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.reliability.conftest import RESULTS, full_only, record
from tests.reliability.harness import ROOT, Portal, free_port, log, run_in_own_loop, run_load
from tests.reliability.test_load import reconcile

pytestmark = [pytest.mark.reliability, full_only]
BOT = ROOT / "bot"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CONVERSATIONS, TURNS = 6, 6
MESSAGES = ["hello", "what is the local offer", "short breaks", "thank you", "hi", "bye"]


def nginx_config(folder: Path, portal_ports, rasa_ports, portal_listen: int, rasa_listen: int) -> Path:
    def upstream(name, ports):
        return f"upstream {name} {{ " + " ".join(f"server 127.0.0.1:{p};" for p in ports) + " }"

    temp = " ".join(
        f"{kind}_temp_path {folder}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = folder / "nginx.conf"
    config.write_text(
        f"daemon off; worker_processes 1; pid {folder}/nginx.pid; error_log {folder}/error.log warn;\n"
        f"events {{ worker_connections 512; }}\n"
        f"http {{ access_log {folder}/access.log; {temp}\n"
        f"  {upstream('portal', portal_ports)}\n  {upstream('rasa', rasa_ports)}\n"
        f"  server {{ listen 127.0.0.1:{portal_listen}; client_max_body_size 2m;\n"
        f"    location / {{ proxy_pass http://portal; proxy_set_header Host $host;\n"
        f"      proxy_set_header X-Forwarded-For $http_x_forwarded_for;\n"
        f"      proxy_set_header X-Forwarded-Proto $scheme; }} }}\n"
        f"  server {{ listen 127.0.0.1:{rasa_listen};\n"
        f"    location / {{ proxy_pass http://rasa; proxy_read_timeout 60s; }} }}\n}}\n"
    )
    return config


def wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(2)
    raise TimeoutError(url)


def post_json(url: str, payload: dict) -> list:
    request = urllib.request.Request(  # noqa: S310 (loopback only)
        url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return json.loads(response.read())


def tracker(port: int, sender: str) -> list:
    url = f"http://127.0.0.1:{port}/conversations/{sender}/tracker"
    with urllib.request.urlopen(url, timeout=30) as r:
        return [e for e in json.loads(r.read())["events"] if e["event"] == "user"]


@pytest.mark.skipif(not Path(NGINX).exists(), reason="needs Debian's nginx (make nginx)")
@pytest.mark.skipif(not (BOT / "models" / "model.tar.gz").exists(), reason="needs the trained model")
@pytest.mark.parametrize("database_uri", ["postgresql"], indirect=True)
def test_two_portals_and_two_assistants_behind_nginx_stay_consistent(database_uri, tmp_path):
    run = uuid.uuid4().hex[:8]
    rasa_ports = [free_port(), free_port()]
    rasa_env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "PYTHONPATH": ".", "RASA_ACTION_ENDPOINT_URL": f"http://127.0.0.1:{free_port()}/webhook",
        "RASA_TRACKER_DB_HOST": "127.0.0.1", "RASA_TRACKER_DB_PORT": "5432",
        "RASA_TRACKER_DB_NAME": f"fv_rasa_scale_{run}", "RASA_TRACKER_DB_USER": "postgres",
        "RASA_TRACKER_DB_PASSWORD": "", "RASA_TRACKER_LOGIN_DB": "postgres",
        "RASA_REDIS_HOST": "127.0.0.1", "RASA_REDIS_PORT": "6379", "RASA_REDIS_LOCK_DB": "1",
        "RASA_RABBITMQ_HOST": "127.0.0.1", "RASA_RABBITMQ_PORT": "5672", "RASA_RABBITMQ_USER": "guest",
        "RASA_RABBITMQ_PASSWORD": "guest", "RASA_RABBITMQ_QUEUE": f"fv_scale_{run}",
    }  # fmt: skip
    processes, logs = [], []
    RESULTS.mkdir(parents=True, exist_ok=True)
    try:
        for number, port in enumerate(rasa_ports):
            log_file = open(RESULTS / f"scale-out-rasa-{number}.log", "wb")  # noqa: SIM115 (closed below)
            logs.append(log_file)
            processes.append(
                subprocess.Popen(
                    [str(BOT / ".venv/bin/rasa"), "run", "--enable-api", "-i", "127.0.0.1",
                     "--port", str(port),
                     "--model", "models/model.tar.gz", "--endpoints", "endpoints.production.yml",
                     "--credentials", "credentials.yml"],
                    cwd=BOT, env=rasa_env, stdout=log_file, stderr=log_file,
                )
            )  # fmt: skip
        for port in rasa_ports:
            wait_for(f"http://127.0.0.1:{port}/", 900)

        portal_listen, rasa_listen = free_port(), free_port()
        shared = {
            "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0",
            "RASA_URL": f"http://127.0.0.1:{rasa_listen}",
        }
        instance = tmp_path / "instance"
        with (
            Portal(database_uri, instance, shared["RASA_URL"], workers=2, **shared) as first,
            Portal(database_uri, instance, shared["RASA_URL"], workers=2, **shared) as second,
        ):
            config = nginx_config(tmp_path, [first.port, second.port], rasa_ports, portal_listen, rasa_listen)
            nginx = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(config)])
            processes.append(nginx)
            wait_for(f"http://127.0.0.1:{portal_listen}/healthz", 30)
            wait_for(f"http://127.0.0.1:{rasa_listen}/", 30)

            def converse(number: int) -> str:
                sender = f"web:scale-{run}-{number}"
                for turn in range(TURNS):  # turns alternate between the two instances
                    port = rasa_ports[turn % 2]
                    post_json(f"http://127.0.0.1:{port}/webhooks/rest/webhook",
                              {"sender": sender, "message": MESSAGES[turn % len(MESSAGES)]})  # fmt: skip
                return sender

            started = time.monotonic()
            with ThreadPoolExecutor(max_workers=CONVERSATIONS) as pool:
                chat_future = [pool.submit(converse, n) for n in range(CONVERSATIONS)]
                stats = run_in_own_loop(run_load(f"http://127.0.0.1:{portal_listen}", 10, 4, 30))
                senders = [f.result(timeout=600) for f in chat_future]
            elapsed = time.monotonic() - started
            access = (tmp_path / "access.log").read_text()

        consistent = 0
        for sender in senders:
            seen = [tracker(port, sender) for port in rasa_ports]
            texts = [e["text"] for e in seen[0]]
            assert seen[0] == seen[1], f"the instances disagree about {sender}"
            assert texts == [MESSAGES[t % len(MESSAGES)] for t in range(TURNS)], texts
            consistent += 1
        summary = {
            **stats.summary(),
            **reconcile(stats, database_uri),
            "scenario": "2 portals + 2 Rasa behind nginx",
            "conversations": CONVERSATIONS,
            "turns_each": TURNS,
            "conversations_consistent": consistent,
            "elapsed_s": round(elapsed, 1),
            "nginx_requests": access.count("\n"),
        }
        record("scale-out", summary)
        log(f"scale-out: {summary}")
        assert stats.server_errors == 0 and 599 not in stats.statuses, summary
        # Every visitor behaves as a person does: none is refused (429) or sent a bad form (400).
        assert not {400, 429} & stats.statuses.keys(), summary
        assert consistent == CONVERSATIONS
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)
        for log_file in logs:
            log_file.close()
