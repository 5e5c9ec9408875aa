"""Local Offer search quality: recall@5 and MRR over the judged family queries.

Usage: .venv/bin/python bench/search_quality.py [--database-url URL] [--verbose]
Builds a fresh database (SQLite in a temporary folder by default), loads the shipped
directory with `portal setup`, then runs every query in tests/localoffer/search_judgements.yaml
through the portal's own search function.
"""

import argparse
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from portal import create_app  # noqa: E402
from portal.localoffer.search import SearchParams, search_services  # noqa: E402

JUDGEMENTS = ROOT / "tests" / "localoffer" / "search_judgements.yaml"
GOAL = 0.9


def score(app, judgements: list[dict], verbose: bool = False) -> tuple[float, float]:
    """Mean recall@5 and mean reciprocal rank of the first expected service."""
    recalls, reciprocal_ranks = [], []
    with app.app_context():
        for item in judgements:
            filters = item.get("filters") or {}
            params = SearchParams(
                q=item["q"],
                age=filters.get("age"),
                need=filters.get("need", ""),
                district=filters.get("district", ""),
                categories=[filters["category"]] if filters.get("category") else [],
                cost=filters.get("cost", ""),
                limit=10,
            )
            found = [service.slug for service in search_services(params).services]
            expected = item["expect"]
            recall = sum(1 for slug in expected if slug in found[:5]) / len(expected)
            ranks = [found.index(slug) + 1 for slug in expected if slug in found]
            recalls.append(recall)
            reciprocal_ranks.append(1 / min(ranks) if ranks else 0.0)
            if verbose and recall < 1:
                print(f"  {item['q']!r}: recall {recall:.2f}; top 5 {found[:5]}; wanted {expected}")
    return sum(recalls) / len(recalls), sum(reciprocal_ranks) / len(reciprocal_ranks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="an empty database to use (default: a temporary SQLite file)")
    parser.add_argument("--verbose", action="store_true", help="show the queries that miss")
    args = parser.parse_args()
    judgements = yaml.safe_load(JUDGEMENTS.read_text(encoding="utf-8"))["queries"]
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.db"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"}, instance_path=folder)
        result = app.test_cli_runner().invoke(args=["setup"])
        if result.exit_code != 0:
            raise SystemExit(f"setup failed: {result.output}")
        recall, mrr = score(app, judgements, verbose=args.verbose)
    database = "postgresql" if url.startswith("postgres") else "sqlite"
    print(f"queries: {len(judgements)} ({database})")
    print(f"MRR: {mrr:.3f}")
    print(f"search quality: recall@5={recall:.3f} (goal >= {GOAL})")


if __name__ == "__main__":
    main()
