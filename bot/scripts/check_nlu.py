"""Summarise a `rasa test nlu` results folder and fail below the accuracy goal.

Usage: check_nlu.py RESULTS_DIR [--min-intent-accuracy 0.90] [--min-macro-f1 0.0]
Prints intent accuracy and macro-F1, the response-selection (FAQ) accuracy, and the
most frequent confusions, so the numbers can go straight into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path


def load(path: Path) -> dict:
    """A JSON report, or {} when Rasa did not write it."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def worst_pairs(errors: list, key: str, count: int = 5) -> list:
    """The most common (expected, predicted) pairs among the errors."""
    pairs = Counter()
    for error in errors:
        expected = error.get(key, {}).get("name") if isinstance(error.get(key), dict) else error.get(key)
        predicted = (
            error.get("intent_prediction", {}).get("name")
            if key == "intent"
            else error.get("intent_response_key_prediction", {}).get("name")
        )
        pairs[(expected, predicted)] += 1
    return pairs.most_common(count)


def main() -> int:
    """Print the summary and return 1 when a goal is missed."""
    parser = argparse.ArgumentParser()
    parser.add_argument("results", type=Path)
    parser.add_argument("--min-intent-accuracy", type=float, default=0.0)
    parser.add_argument("--min-macro-f1", type=float, default=0.0)
    args = parser.parse_args()

    intents = load(args.results / "intent_report.json")
    if not intents:
        print(f"no intent_report.json in {args.results}")
        return 1
    accuracy = intents["accuracy"]
    macro_f1 = intents["macro avg"]["f1-score"]
    print(
        f"intent accuracy {accuracy:.3f}, macro-F1 {macro_f1:.3f}, examples {intents['macro avg']['support']}"
    )
    responses = load(args.results / "response_selection_report.json")
    if responses:
        print(
            f"FAQ answer (response selection) accuracy {responses.get('accuracy', 0):.3f}, "
            f"macro-F1 {responses['macro avg']['f1-score']:.3f}"
        )
    for (expected, predicted), n in worst_pairs(load(args.results / "intent_errors.json") or [], "intent"):
        print(f"  intent confusion: {expected} -> {predicted} x{n}")
    for (expected, predicted), n in worst_pairs(
        load(args.results / "response_selection_errors.json") or [], "intent_response_key_target"
    ):
        print(f"  FAQ confusion: {expected} -> {predicted} x{n}")
    failed = accuracy < args.min_intent_accuracy or macro_f1 < args.min_macro_f1
    if failed:
        goal = f"intent accuracy >= {args.min_intent_accuracy} and macro-F1 >= {args.min_macro_f1}"
        print(f"FAILED: goal is {goal}")
        return 1
    print("NLU goal met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
