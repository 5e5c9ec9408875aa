"""Exports at scale: 1,000,000 responses to the short-breaks consultation, against the database's own dump.

Loads N responses (default 1,000,000) to a copy of the 2019 short-breaks questionnaire into a fresh
SQLite database with executemany (not the ORM), builds the answer facts with one INSERT ... SELECT,
then in the same run times:

- ``portal export SLUG --format csv`` (a separate process: its wall time and its peak memory, RSS)
  against the sqlite3 command-line tool dumping the same rows (each response joined to its
  answers) in CSV mode;
- ``portal report SLUG --format json`` against the bare GROUP BY queries the summary needs, run by
  the sqlite3 tool.

Both portal commands include starting Python and the app (about a second). The responses cycle
through the answer patterns of the 9 published 2019 responses, with some comments; they are
sample data, not real responses.

    python bench/export.py [--responses 1000000] [--keep DIR]

Last line like ``export: ratio=1.4 (goal <= 2.0) report_ratio=0.9 (goal <= 3.0) peak_mb=80 (goal < 300)``.
"""

from __future__ import annotations

import argparse
import os
import random
import resource  # noqa: F401  (os.wait4 fills a resource.struct_rusage)
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
SLUG = "overnight-short-breaks-2019"
# The 9 published responses as option values (tests/consultations/data), and some sample comments.
PATTERNS = [
    {"role": "parent_carer", "child_age": "age_0_16", "district": "wyre_forest", "access": "yes",
     "provision": "ludlow_road", "support": "no"},
    {"role": "parent_carer", "child_age": "age_17_25", "district": "bromsgrove", "access": "yes",
     "provision": "osborne_court", "support": "yes"},
    {"role": "parent_carer", "child_age": "age_17_25", "district": "wychavon", "access": "yes",
     "provision": "moule_close", "support": "no"},
    {"role": "parent_carer", "child_age": "age_0_16", "district": "bromsgrove", "access": "no",
     "support": "yes"},
    {"role": "professional", "district": "malvern_hills", "support": "yes"},
    {"role": "professional", "district": "wyre_forest", "support": "no"},
]  # fmt: skip
COMMENTS = {
    "comments_osborne_court": "Sample comment: it is further for us to travel.",
    "comments_ludlow_road": "Sample comment: Ludlow Road feels like home from home.",
    "comments_other": "Sample comment: =please think again",
}
CHANNELS = ["online", "online", "online", "paper", "phone", "email"]


def run_setup(env: dict) -> None:
    subprocess.run([str(BIN / "portal"), "setup"], env=env, check=True, capture_output=True)


def labels() -> dict[tuple[str, str], str]:
    import yaml

    data = yaml.safe_load(
        (ROOT / "portal/content/consultations/overnight-short-breaks-2019.yaml").read_text()
    )
    found = {}
    for page in data["pages"]:
        for question in page["questions"]:
            for option in question.get("options") or []:
                found[(question["key"], str(option["value"]))] = option["label"]
    return found


def load(db_path: Path, count: int) -> float:
    """Insert ``count`` responses with their answers using executemany; returns seconds taken."""
    started = time.perf_counter()
    shown = labels()
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")
    (version_id,) = connection.execute(
        "SELECT v.id FROM form_version v JOIN form f ON f.id = v.form_id WHERE f.slug = ? "
        "ORDER BY v.number DESC LIMIT 1",
        (SLUG,),
    ).fetchone()
    (start_id,) = connection.execute("SELECT coalesce(max(id), 0) FROM form_response").fetchone()
    rng = random.Random(2019)
    batch = 20000
    for offset in range(0, count, batch):
        responses, answers = [], []
        for n in range(offset, min(offset + batch, count)):
            rid = start_id + n + 1
            day = 14 + n * 48 // count  # spread over the 48 days the consultation ran
            month, dom = (6, day) if day <= 30 else (7, day - 30)
            when = f"2019-{month:02d}-{dom:02d} {n % 24:02d}:{n % 60:02d}:00.000000"
            responses.append(
                (rid, version_id, CHANNELS[n % len(CHANNELS)], "en", when, f"B{rid:09d}", f"bench-{rid}", 0)
            )
            pattern = PATTERNS[n % len(PATTERNS)]
            for key, value in pattern.items():
                answers.append((rid, key, value, shown[(key, value)], None))
            for key, text in COMMENTS.items():
                if rng.random() < 0.3:
                    answers.append((rid, key, text, None, None))
        connection.executemany(
            "INSERT INTO form_response (id, form_version_id, channel, language, submitted_at, reference, "
            "submission_token, safeguarding_flag) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            responses,
        )
        connection.executemany(
            "INSERT INTO form_answer (response_id, question_key, value, label, write_in) "
            "VALUES (?, ?, ?, ?, ?)",
            answers,
        )
        connection.commit()
    connection.close()
    return time.perf_counter() - started


def timed_child(args: list[str], env: dict, stdout=None) -> tuple[float, float, float]:
    """Run a command; (wall seconds, CPU seconds, peak RSS in MB) of that process."""
    started = time.perf_counter()
    process = subprocess.Popen(args, env=env, stdout=stdout or subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{args[0]} failed: {process.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


DUMP_SQL = (
    "SELECT r.id, r.reference, r.submitted_at, r.channel, r.language, a.question_key, a.value, a.write_in "
    "FROM form_response r JOIN form_answer a ON a.response_id = r.id "
    "JOIN form_version v ON v.id = r.form_version_id JOIN form f ON f.id = v.form_id "
    "WHERE f.slug = 'overnight-short-breaks-2019' ORDER BY r.id, a.id;"
)
GROUP_BY_SQL = (
    "SELECT count(*) FROM form_response r JOIN form_version v ON v.id = r.form_version_id "
    "JOIN form f ON f.id = v.form_id WHERE f.slug = 'overnight-short-breaks-2019';"
    "SELECT a.question_key, count(DISTINCT a.response_id) FROM form_answer a "
    "JOIN form_response r ON r.id = a.response_id JOIN form_version v ON v.id = r.form_version_id "
    "JOIN form f ON f.id = v.form_id WHERE f.slug = 'overnight-short-breaks-2019' GROUP BY a.question_key;"
    "SELECT a.question_key, a.value, count(*) FROM form_answer a "
    "JOIN form_response r ON r.id = a.response_id JOIN form_version v ON v.id = r.form_version_id "
    "JOIN form f ON f.id = v.form_id WHERE f.slug = 'overnight-short-breaks-2019' AND a.label IS NOT NULL "
    "GROUP BY a.question_key, a.value;"
)


def median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each (median)")
    parser.add_argument("--keep", type=Path, help="keep the database and outputs in this folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-export-")) if args.keep is None else args.keep
    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / "bench.db"
    db_path.unlink(missing_ok=True)
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db_path}", PORTAL_INSTANCE_PATH=str(folder / "instance"))
    run_setup(env)
    load_seconds = load(db_path, args.responses)
    started = time.perf_counter()
    rebuilt = subprocess.run(
        [str(BIN / "portal"), "analytics", "rebuild", "--form", SLUG],
        env=env,
        check=True,
        capture_output=True,
    )
    facts_seconds = time.perf_counter() - started
    size = sqlite3.connect(db_path).execute("SELECT count(*) FROM form_answer").fetchone()[0]
    print(f"loaded {args.responses:,} responses ({size:,} answers) in {load_seconds:.1f}s; "
          f"{rebuilt.stdout.decode().strip()} in {facts_seconds:.1f}s")  # fmt: skip

    # Wall time on a shared machine swings with other work, so CPU time (user + system) of each
    # process is measured too, and the ratios are given for both.
    runs: dict[str, list[tuple[float, float, float]]] = {"export": [], "dump": [], "report": [], "group": []}
    for _round in range(args.rounds):
        with (folder / "dump.csv").open("wb") as out:
            runs["dump"].append(timed_child(["sqlite3", "-csv", "-header", str(db_path), DUMP_SQL], env, out))
        export_args = [
            str(BIN / "portal"),
            "export",
            SLUG,
            "--format",
            "csv",
            "-o",
            str(folder / "export.csv"),
        ]
        runs["export"].append(timed_child(export_args, env))
        runs["group"].append(timed_child(["sqlite3", str(db_path), GROUP_BY_SQL], env))
        report_args = [str(BIN / "portal"), "report", SLUG, "-o", str(folder / "report.json")]
        runs["report"].append(timed_child(report_args, env))
    with (folder / "export.csv").open() as handle:
        rows = sum(1 for _ in handle) - 1
    wall = {name: median([r[0] for r in values]) for name, values in runs.items()}
    cpu = {name: median([r[1] for r in values]) for name, values in runs.items()}
    peak = max(r[2] for r in runs["export"])
    print(
        f"csv export: {wall['export']:.2f}s wall, {cpu['export']:.2f}s CPU for {rows:,} rows; "
        f"sqlite3 -csv dump of the same rows: {wall['dump']:.2f}s wall, {cpu['dump']:.2f}s CPU"
    )
    print(
        f"report json: {wall['report']:.2f}s wall, {cpu['report']:.2f}s CPU; "
        f"bare GROUP BY queries (sqlite3): {wall['group']:.2f}s wall, {cpu['group']:.2f}s CPU"
    )
    print(f"peak RSS of the export process: {peak:.0f} MB; load average {os.getloadavg()[0]:.1f}")
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    print(
        f"export: ratio={wall['export'] / wall['dump']:.2f} (goal <= 2.0) "
        f"cpu_ratio={cpu['export'] / cpu['dump']:.2f} "
        f"report_ratio={wall['report'] / wall['group']:.2f} (goal <= 3.0) "
        f"report_cpu_ratio={cpu['report'] / cpu['group']:.2f} "
        f"peak_mb={peak:.0f} (goal < 300) responses={args.responses}"
    )
    sys.exit(0)


if __name__ == "__main__":
    main()
