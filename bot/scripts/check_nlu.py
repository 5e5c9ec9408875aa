"""Summarise a `rasa test nlu` results folder and fail below the accuracy goal.

Usage: check_nlu.py RESULTS_DIR [--min-intent-accuracy 0.90] [--min-macro-f1 0.0]
Prints intent accuracy and macro-F1, the response-selection (FAQ) accuracy, and the
most frequent confusions, so the numbers can go straight into docs/benchmarks.md.
It also fails when a held-out message (tests/nlu_heldout*.yml) appears in the training data
(data/nlu), compared without case, punctuation, entity markup or word order, so the held-out
figure stays a measure of messages the model has not seen.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

BOT = Path(__file__).resolve().parents[1]
ENTITY_MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}")
EXAMPLE_LINE = re.compile(r"^\s*- (.+?)\s*$")


def normalise(text: str) -> str:
    """An example without entity markup, case, punctuation or repeated spaces."""
    text = ENTITY_MARKUP.sub(lambda match: match.group(1) or match.group(2) or "", text)
    return " ".join(re.sub(r"[^a-z0-9 ]+", "", text.lower()).split())


def examples(path: Path) -> dict:
    """Each normalised example in an NLU YAML file (intents only), with the intent it is under."""
    found = {}
    intent = None
    in_examples = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("- "):
            intent = line[len("- intent:") :].strip() if line.startswith("- intent:") else None
            in_examples = False
        elif line.strip().startswith("examples:"):
            in_examples = intent is not None
        elif in_examples and (match := EXAMPLE_LINE.match(line)):
            found.setdefault(normalise(match.group(1)), intent)
    return found


def word_bag(text: str) -> str:
    """The words of a normalised example in sorted order: the intent model does not see their order."""
    return " ".join(sorted(text.split()))


def heldout_overlap(heldout: list, training: list) -> list:
    """(held-out text, held-out intent, training intent) for each held-out message also trained on,
    the same words in any order counting as the same message."""
    trained = {}
    for path in training:
        for text, intent in examples(path).items():
            trained.setdefault(word_bag(text), intent)
    overlap = []
    for path in heldout:
        for text, intent in examples(path).items():
            if word_bag(text) in trained:
                overlap.append((text, intent, trained[word_bag(text)]))
    return overlap


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
    parser.add_argument(
        "--heldout", type=Path, nargs="*", default=sorted((BOT / "tests").glob("nlu_heldout*.yml"))
    )
    parser.add_argument("--training", type=Path, default=BOT / "data" / "nlu")
    args = parser.parse_args()

    overlap = heldout_overlap(args.heldout, sorted(args.training.glob("*.yml")))
    for text, heldout_intent, trained_intent in overlap:
        print(
            f"held-out message is also a training example: {text!r} "
            f"({heldout_intent}; trained as {trained_intent})"
        )
    if overlap:
        print(f"FAILED: {len(overlap)} held-out messages are in {args.training}")
        return 1

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
