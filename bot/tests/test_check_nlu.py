"""The NLU data checks: held-out messages are never trained on, and every intent has enough examples."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from scripts.check_nlu import examples, heldout_overlap, normalise

BOT = Path(__file__).resolve().parents[1]
TRAINING = sorted((BOT / "data" / "nlu").glob("*.yml"))
HELDOUT = sorted((BOT / "tests").glob("nlu_heldout*.yml"))
INTENTS = {
    "greet",
    "goodbye",
    "thank",
    "affirm",
    "deny",
    "bot_challenge",
    "find_service",
    "inform",
    "request_callback",
    "human_handoff",
    "out_of_scope",
    "safeguarding",
    "faq",
}


def per_intent(paths: list) -> Counter:
    """How many distinct examples each intent (and each FAQ answer) has across the files."""
    found = {}
    for path in paths:
        found.update(examples(path))
    return Counter(found.values())


def test_normalise_drops_markup_case_and_punctuation():
    assert normalise("Is [Ludlow Rd](unit:Ludlow Road) shutting??") == "is ludlow rd shutting"
    assert normalise('what\'s  a [PA]{"entity": "x"}') == "whats a pa"


def test_overlap_is_found(tmp_path):
    train = tmp_path / "train.yml"
    train.write_text("nlu:\n- intent: faq/x\n  examples: |\n    - Whats a PA?\n    - other\n")
    held = tmp_path / "held.yml"
    held.write_text("nlu:\n- intent: faq/x\n  examples: |\n    - whats a pa\n    - new one\n")
    assert heldout_overlap([held], [train]) == [("whats a pa", "faq/x", "faq/x")]
    held.write_text("nlu:\n- intent: faq/x\n  examples: |\n    - a pa whats\n")
    assert heldout_overlap([held], [train]) == [("a pa whats", "faq/x", "faq/x")]


def test_no_heldout_message_is_a_training_example():
    assert HELDOUT
    assert heldout_overlap(HELDOUT, TRAINING) == []


def test_every_intent_has_at_least_15_training_examples():
    counts = per_intent(TRAINING)
    for intent in INTENTS - {"faq"}:
        assert counts[intent] >= 15, intent
    answers = {name for name in counts if name.startswith("faq/")}
    assert len(answers) == 16
    for answer in answers:
        assert counts[answer] >= 15, answer


def test_heldout_covers_every_intent_and_faq_answer():
    counts = per_intent(HELDOUT)
    assert sum(counts.values()) >= 150
    assert {name.split("/")[0] for name in counts} == INTENTS
    trained_answers = {name for name in per_intent(TRAINING) if name.startswith("faq/")}
    assert {name for name in counts if name.startswith("faq/")} == trained_answers
