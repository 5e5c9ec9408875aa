"""The speller fixes families' typing slips against the words the directory holds."""

import pytest

from portal.localoffer.spelling import Speller, edit_distance

WORDS = [
    "short",
    "breaks",
    "autism",
    "kidderminster",
    "sendiass",
    "care",
    "leavers",
    "leaver",
    "visual",
    "old",
]


@pytest.fixture
def speller():
    return Speller(WORDS)


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("breaks", "brakes", 2),
        ("autism", "autsim", 1),
        ("autism", "autisim", 1),
        ("kidderminster", "kiddermister", 1),
        ("abc", "xyz", 3),
    ],
)
def test_edit_distance_counts_a_swap_of_neighbours_as_one_slip(a, b, distance):
    assert edit_distance(a, b) == distance


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("brakes", "breaks"), ("autisim", "autism"), ("kiddermister", "kidderminster"), ("sendias", "sendiass")],
)
def test_common_misspellings_are_corrected(speller, typed, meant):
    assert speller.correct(typed) == meant


def test_known_words_are_left_alone(speller):
    assert speller.correct("autism") == "autism"


def test_short_unknown_words_are_not_guessed_at(speller):
    assert speller.correct("hold") is None


def test_run_together_words_are_split(speller):
    assert speller.split("carelever") == ["care", "leaver"]


def test_the_longest_known_start_of_a_word_is_found(speller):
    assert speller.known_prefix("visually") == "visual"
    assert speller.begins_known_word("kidder")
    assert not speller.begins_known_word("zzz")
