"""The safeguarding detector: realistic disclosures flag, everyday phrasing does not."""

from pathlib import Path

import pytest
import yaml

from portal.safeguarding import detect_risk
from safeguarding_rules.normalise import correct_spelling, edit_distance, normalise

CASES = yaml.safe_load((Path(__file__).parent / "cases.yml").read_text(encoding="utf-8"))
DISCLOSURES = [tuple(case) for case in CASES["disclosures"]]  # (text, a category it must carry)
BENIGN = CASES["everyday"]


@pytest.mark.parametrize(("text", "category"), DISCLOSURES)
def test_a_disclosure_is_flagged_with_its_category(text, category):
    assessment = detect_risk(text)
    assert assessment.flagged, text
    assert category in assessment.categories, (text, assessment.matches)


@pytest.mark.parametrize("text", BENIGN)
def test_everyday_phrasing_is_not_flagged(text):
    assessment = detect_risk(text)
    assert not assessment.flagged, (text, assessment.matches)


def test_the_matches_say_which_rule_fired_and_on_which_words():
    assessment = detect_risk("My step dad hurts me")
    assert [(m.rule, m.phrase) for m in assessment.matches] == [
        ("person hurts person", "my stepdad hurts me")
    ]
    assert assessment.category_labels == ("Abuse",)


def test_several_risks_in_one_answer_are_all_reported():
    assessment = detect_risk("He hits me and I want to kill myself. There's no food in the house.")
    assert set(assessment.categories) == {"abuse", "suicide", "neglect"}


def test_a_partner_hurting_a_mother_is_abuse_and_domestic_violence():
    assert set(detect_risk("my boyfriend hits me").categories) == {"abuse", "domestic_violence"}


def test_nothing_to_read_is_not_a_risk():
    assert not detect_risk(None).flagged
    assert detect_risk(None).categories == ()


def test_a_very_long_answer_is_read_to_the_end():
    text = "The short breaks unit has been a lifeline for us. " * 300 + "I want to kill myself."
    assert detect_risk(text).flagged


def test_normalising_expands_text_speak_and_joins_family_words():
    assert normalise("Im gonna tell u, my step-dad hurts me") == "i am going to tell you my stepdad hurts me"
    assert normalise("Mum\u2019s BF dnt care") == "mum boyfriend do not care"


def test_numbers_read_as_letters_only_inside_words_not_in_ages_or_times():
    assert normalise("i wanna k1ll myself") == "i want to kill myself"
    assert normalise("my 12yr old and my 13yo at 10am") == "my 12yr old and my 13yo at 10am"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("myslef", "myself"),
        ("mysefl", "myself"),
        ("suicde", "suicide"),
        ("suiciddal", "suicidal"),
        ("boyfreind", "boyfriend"),
        ("toutched", "touched"),
        ("stepdda", "stepdad"),
        ("fritened", "frightened"),
    ],
)
def test_misspellings_of_the_words_that_matter_are_corrected(typed, meant):
    assert correct_spelling(typed) == meant


@pytest.mark.parametrize(
    "word", ["amused", "amusing", "hunting", "starting", "shared", "scored", "overdue", "violet", "slipped"]
)
def test_real_words_close_to_alarming_ones_are_left_alone(word):
    assert correct_spelling(word) == word


def test_edit_distance_counts_a_swap_of_neighbours_as_one_edit():
    assert edit_distance("myslef", "myself") == 1
    assert edit_distance("kitten", "sitting", limit=5) == 3
    assert edit_distance("abc", "abcdefgh", limit=2) == 3
