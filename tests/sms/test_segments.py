"""Segmenting and normalising replies so they fit SMS and do not silently become UCS-2."""

from portal.sms.segments import encoding, fit_reply, length, normalise, segment_count, split_message


def test_curly_quotes_dashes_and_ellipses_become_gsm():
    text = "It\u2019s \u201cfree\u201d \u2013 call us\u2026 \u2014 today\u00a0now"
    normalised = normalise(text)
    assert normalised == 'It\'s "free" - call us... - today now'
    assert encoding(text) == "ucs2"
    assert encoding(normalised) == "gsm"


def test_gsm_accented_letters_are_kept_and_other_alphabets_stay_ucs2():
    assert normalise("café Müller") == "café Müller"
    assert encoding("café Müller") == "gsm"
    assert encoding(normalise("Dzień dobry")) == "ucs2"  # Polish ń has no GSM form: kept, sent as UCS-2
    assert normalise("Açaí") == "Acai"


def test_segment_limits_gsm_and_ucs2():
    assert segment_count("a" * 160) == 1
    assert segment_count("a" * 161) == 2
    assert segment_count("a" * 306) == 2
    assert segment_count("a" * 307) == 3
    assert segment_count("ń" * 70) == 1
    assert segment_count("ń" * 71) == 2
    assert segment_count("ń" * 134) == 2
    assert segment_count("ń" * 135) == 3


def test_extension_characters_count_twice():
    assert length("[]{}€", "gsm") == 10
    assert segment_count("€" * 80) == 1
    assert segment_count("€" * 81) == 2


def test_short_text_is_one_part():
    assert split_message("Hello. Short breaks are here.") == ["Hello. Short breaks are here."]


def test_split_on_sentence_boundaries_within_153():
    sentences = [f"Sentence {i} tells you about short breaks near you." for i in range(8)]
    parts = split_message(" ".join(sentences))
    assert len(parts) > 1
    for part in parts:
        assert length(part, "gsm") <= 153
        assert part.endswith(".")  # never cut mid-sentence
    assert " ".join(parts) == " ".join(sentences)


def test_ucs2_parts_within_67():
    text = " ".join(f"Zdanie {i} o przerwach ń." for i in range(10))
    parts = split_message(text)
    assert all(length(part, "ucs2") <= 67 for part in parts)
    assert " ".join(parts) == normalise(text)


def test_one_very_long_sentence_is_cut_between_words():
    text = " ".join(["word"] * 100)
    parts = split_message(text)
    assert all(length(part) <= 153 for part in parts)
    assert " ".join(parts) == text


def test_answers_over_three_parts_become_a_short_version_and_a_link():
    text = " ".join(f"Point {i}: this is a sentence about what a personal adviser can do." for i in range(12))
    parts, linked = fit_reply(text, "https://voice.example.gov.uk/sms/answer/abc")
    assert linked
    assert len(parts) == 3
    assert parts[-1].endswith("https://voice.example.gov.uk/sms/answer/abc")
    assert all(segment_count(part) == 1 for part in parts)


def test_answers_up_to_three_parts_go_whole():
    text = " ".join(f"Point {i} about leaving care." for i in range(10))
    parts, linked = fit_reply(text, "https://example/x")
    assert not linked
    assert 1 < len(parts) <= 3
