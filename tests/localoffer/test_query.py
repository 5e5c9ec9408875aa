"""What a family types becomes search terms."""

from portal.localoffer.query import ParsedQuery, parse_query, tokens
from portal.localoffer.spelling import Speller

SPELLER = Speller(["short", "breaks", "break", "road", "ludlow", "autism", "casework", "disabled", "therapy"])


def test_filler_and_text_speak_are_dropped():
    assert parse_query("wot short breaks r there", SPELLER).terms == ("short", "break")


def test_abbreviations_become_the_words_services_use():
    assert parse_query("ludlow rd", SPELLER).terms == ("ludlow", "road")


def test_slips_are_corrected_and_reported():
    parsed = parse_query("autisim", SPELLER)
    assert parsed.terms == ("autism",)
    assert parsed.corrections == (("autisim", "autism"),)
    assert parsed.corrected_text == "autism"


def test_an_age_in_the_words_is_read_as_an_age():
    parsed = parse_query("my son is 17 and disabled", SPELLER)
    assert parsed.age == 17
    assert parsed.terms == ("disabled",)


def test_the_start_of_a_known_word_is_kept_for_prefix_search():
    assert parse_query("case worker", SPELLER).terms[0] == "case"


def test_tokens_drop_accents_and_punctuation():
    assert tokens("Barnardo's café, Kidderminster!") == ["barnardo", "s", "cafe", "kidderminster"]


def test_a_town_is_read_as_where_the_family_lives():
    parsed = parse_query("respite kiddy", SPELLER)
    assert parsed.district == "wyre-forest"
    assert "kidderminster" not in parsed.terms
    assert parse_query("tenbury", SPELLER) == ParsedQuery((), (), None, "malvern-hills")
