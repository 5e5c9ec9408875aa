"""The privacy notice a form shows is written from its purpose, basis, retention, readers and audience."""

import pytest

from portal.staff.privacy_notice import basis_kind, period_in_words, privacy_notice

FORM = {
    "purpose": "We use your answers to improve short breaks.",
    "lawful_basis": "Public task (UK GDPR Article 6(1)(e))",
    "retention_days": 730,
    "who_sees": "The commissioning team reads the answers.",
}


def _words(notice) -> list[str]:
    return notice.as_text().replace("\n", " ").split()


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (730, "2 years"),
        (365, "1 year"),
        (2190, "6 years"),
        (180, "6 months"),
        (30, "1 month"),
        (14, "14 days"),
        (1, "1 day"),
    ],
)
def test_retention_periods_are_said_in_everyday_units(days, words):
    assert period_in_words(days) == words


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Public task (UK GDPR Article 6(1)(e))", "public_task"),
        ("Consent", "consent"),
        ("UK GDPR 6(1)(f) legitimate interests", "legitimate_interests"),
    ],
)
def test_the_lawful_basis_is_recognised_from_how_forms_write_it(text, kind):
    assert basis_kind(text) == kind


def test_an_unknown_lawful_basis_is_refused_rather_than_guessed():
    with pytest.raises(ValueError):
        basis_kind("because we want to")


def test_an_adult_notice_names_purpose_basis_readers_retention_and_rights():
    notice = privacy_notice(**FORM, audience=("parents", "adults"))
    text = notice.as_text()
    assert not notice.for_children
    assert "We use your answers to improve short breaks." in text
    assert "Lawful basis: Public task (UK GDPR Article 6(1)(e))." in text
    assert "The commissioning team reads the answers." in text
    assert "for 2 years" in text
    assert "ico.org.uk" in text


def test_a_notice_for_under_13s_uses_short_sentences_and_involves_a_trusted_adult():
    notice = privacy_notice(**FORM, audience=("children", "young_people"))
    assert notice.for_children
    child_part = [s for s in notice.sections if s.heading != "For parents and carers"]
    sentences = [sentence for s in child_part for p in s.paragraphs[1:] for sentence in p.split(". ")]
    assert max(len(sentence.split()) for sentence in sentences) <= 20
    text = notice.as_text()
    assert "grown-up you trust" in text
    assert "do not have to answer" in text
    assert "not safe" in text
    assert notice.sections[-1].heading == "For parents and carers"
    assert "Lawful basis: Public task" in text


def test_an_under_13_form_that_relies_on_consent_asks_for_a_parent_first():
    notice = privacy_notice(
        **{**FORM, "lawful_basis": "Consent (UK GDPR Article 6(1)(a))"}, audience=("children",)
    )
    assert notice.needs_parent_consent
    assert notice.sections[0].heading == "Ask a grown-up first"
    adults = privacy_notice(**{**FORM, "lawful_basis": "Consent"}, audience=("adults",))
    assert not adults.needs_parent_consent


def test_a_notice_cannot_be_made_without_saying_who_sees_the_answers():
    with pytest.raises(ValueError):
        privacy_notice(**{**FORM, "who_sees": "  "}, audience=("adults",))
