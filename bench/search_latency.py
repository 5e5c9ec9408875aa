"""Local Offer search latency over 10,000 generated services, as a ratio to the bare FTS query.

Usage: .venv/bin/python bench/search_latency.py [--services 10000] [--database-url URL]
Both timings run in the same process on the same database: the portal's `search_services`
(query understanding, spelling, filters, ranking, loading the page of services) against the
bare full-text query it builds (FTS5 MATCH ... ORDER BY bm25, or the tsvector @@ query),
best of several alternating runs per query.
"""

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.localoffer.models import Service  # noqa: E402
from portal.localoffer.query import parse_query  # noqa: E402
from portal.localoffer.records import apply_record  # noqa: E402
from portal.localoffer.search import (  # noqa: E402
    BM25,
    SearchParams,
    fts5_match,
    index_services,
    search_services,
    speller,
    tsquery,
)
from portal.localoffer.taxonomy import taxonomy  # noqa: E402

GOAL = 2.0
BARE_FTS5 = sa.text(
    f"SELECT rowid FROM localoffer_service_fts WHERE localoffer_service_fts MATCH :q ORDER BY {BM25} LIMIT 10"  # noqa: S608
)
QUERIES = [
    "short brakes", "autisim", "respite kidderminster", "sendias", "care leaver", "speech therapy",
    "holiday club evesham", "wheelchair", "help with ehcp", "youth club", "anxiety", "osbourne court",
    "swimming disabled", "parenting course", "dyslexia worcester", "overnight short breaks",
]  # fmt: skip
ACTIVITIES = ["swimming", "play", "youth club", "sensory room", "holiday club", "riding", "music", "drama",
              "football", "cooking", "gardening", "parent support", "advice drop-in", "speech therapy",
              "occupational therapy", "sleep clinic", "reading help", "climbing", "art", "dance"]  # fmt: skip
KINDS = ["Club", "Group", "Sessions", "Service", "Project", "Hub", "Scheme", "Centre"]


def generated_record(n: int, rng: random.Random) -> dict:
    vocab = taxonomy()
    district = rng.choice([d for d in vocab.districts if d != "countywide"])
    town = rng.choice(vocab.districts[district].words)
    activity = rng.choice(ACTIVITIES)
    low = rng.randint(0, 14)
    return {
        "id": f"bench-{n}",
        "name": f"{town} {activity} {rng.choice(KINDS)} {n}",
        "organisation": f"Bench Charity {n % 300}",
        "summary": f"Sample data. {activity.capitalize()} in {town} for children and young people.",
        "description": f"A generated service offering {activity} near {town}. "
        + " ".join(rng.sample(ACTIVITIES, 4)),
        "categories": rng.sample(list(vocab.categories), 2),
        "needs": rng.sample(list(vocab.needs), 2),
        "age_min": low,
        "age_max": low + rng.randint(3, 11),
        "eligibility": "Generated for the benchmark.",
        "service_areas": [district] if rng.random() < 0.8 else ["countywide"],
        "locations": [{"name": f"{town} hall", "address": f"{n} Bench Road, {town}", "district": district}],
        "contacts": {"phone": f"01905 {n:06d}"},
        "cost": {"type": rng.choice(["free", "some", "paid"])},
        "sample_data": True,
    }


def build(count: int) -> None:
    rng = random.Random(20261123)
    for start in range(0, count, 1000):
        services = []
        for n in range(start, min(start + 1000, count)):
            service = Service(status="published", origin="imported")
            apply_record(service, generated_record(n, rng))
            services.append(service)
        db.session.add_all(services)
        db.session.flush()
        index_services(services)
        db.session.commit()


def bare_query(terms: tuple[str, ...]):
    """The FTS query alone: best 10 ids by text rank."""
    if db.engine.dialect.name == "postgresql":
        # The query named once in FROM, as PostgreSQL's documentation writes it: repeated in WHERE
        # and ORDER BY, a prepared statement's generic plan parses it again for every row.
        return db.session.execute(
            sa.text(
                "SELECT service_id FROM localoffer_service_search, to_tsquery('simple', :q) AS query "
                "WHERE document @@ query ORDER BY ts_rank(document, query) DESC LIMIT 10"
            ),
            {"q": tsquery(terms)},
        ).all()
    return db.session.execute(BARE_FTS5, {"q": fts5_match(terms)}).all()


def paired_best(portal, bare, repeats: int) -> tuple[float, float]:
    """Best (least disturbed) seconds of each, timed alternately so load on the machine hits
    both alike; the minimum is the usual estimate of a code path's own cost (as timeit uses)."""
    portal_times, bare_times = [], []
    for _ in range(repeats):
        for function, timings in ((portal, portal_times), (bare, bare_times)):
            started = time.perf_counter()
            function()
            timings.append(time.perf_counter() - started)
    return min(portal_times), min(bare_times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=25)
    parser.add_argument("--database-url", help="an empty database to use (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.db"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"}, instance_path=folder)
        if app.test_cli_runner().invoke(args=["setup"]).exit_code != 0:
            raise SystemExit("setup failed")
        with app.app_context():
            started = time.perf_counter()
            build(args.services)
            total = db.session.scalar(sa.select(sa.func.count()).select_from(Service))
            print(
                f"services: {total} (built in {time.perf_counter() - started:.1f}s, {db.engine.dialect.name})"
            )
            portal_total = bare_total = 0.0
            for words in QUERIES:
                terms = parse_query(words, speller()).terms
                search_services(SearchParams(q=words))  # warm the speller and caches
                portal, bare = paired_best(
                    lambda w=words: search_services(SearchParams(q=w)),
                    lambda t=terms: bare_query(t),
                    args.repeats,
                )
                portal_total += portal
                bare_total += bare
                print(f"  {words!r}: portal {portal * 1000:.2f} ms, bare FTS {bare * 1000:.2f} ms")
            print(f"mean per query: portal {portal_total / len(QUERIES) * 1000:.2f} ms, "
                  f"bare FTS {bare_total / len(QUERIES) * 1000:.2f} ms")  # fmt: skip
            print(f"search: ratio={portal_total / bare_total:.2f} (goal <= {GOAL})")


if __name__ == "__main__":
    main()
