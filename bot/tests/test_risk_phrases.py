"""The safeguarding safety net: disclosures (with misspellings) match, near-misses do not."""

from pathlib import Path

import pytest
import yaml

from addons.risk_phrases import discloses_risk

# The service's shared cases (the portal's detector is tested on the same file).
SHARED = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "tests" / "safeguarding" / "cases.yml").read_text(encoding="utf-8")
)

DISCLOSURES = [
    "my dad hits me",
    "my stepdad keeps hittin me",
    "he hurts my little brother",
    "i wanna kil myself",
    "i want 2 die",
    "i want to kill my self",
    "been self harming",
    "self-harm again last night",
    "i feel suicidal",
    "thinking about sucide",
    "im not safe",
    "I don't feel safe at home",
    "im scared to go home",
    "my uncle touched me",
    "he touches me when mum is out",
    "i think the kids next door are neglected",
    "i was abused",
    "my ex threatened to kill me",
    "he said hes gonna hurt my son",
    "i took an overdose",
    "my daughter has gone missing",
    "she ran away from home",
    "they lock me in my room",
    "i dont want to be here anymore",
    "I’m in danger",
    "a boy in my sons class gets beaten at home",
    "she keeps getting battered by her mums boyfriend",
    "my mate has been beat up by her dad",
    "i get beaten at home",
    "theres a man who keeps messaging my 13 year old and asking to meet",
    "some guy on snapchat keeps asking my daughter for pics",
    "an older lad online wants my son to keep it a secret",
    "someone i met on a game keeps asking me to meet up",
    "i think my daughter is being groomed",
    "he sent her nudes",
    "worried my son is involved in county lines",
    "my 14 year old is being sexually exploited",
    "there is violence at home",
    "theres domestic violence in our house",
    "dad threw a plate at me and it cut me",
    "she chucked a cup at my little sister",
    "the boy across the road always has bruises",
    "he has bruises all over and wont say why",
    "the kids next door are left alone all the time",
    "mum is drunk again and we have nothing to eat",
    "he hit me with a belt",
    "hit me with his belt again last night",
    "she hits my little sister with the remote",
]

NEAR_MISSES = [
    "my son loves the kill bill films",
    "the unit is dying for lack of funding",
    "the wait for the dentist is killing me",
    "im dying to know when osborne court opens",
    "hit me up with the number",
    "hit me with your best joke",
    "hit me with a fun fact",
    "go on hit me with the details",
    "can you get in touch with me",
    "is there a drug abuse service in redditch",
    "my back hurts after lifting him",
    "we are missing the old unit",
    "is ludlow road safe to visit at weekends",
    "he hits the ball really well at football club",
    "short breaks for my 12 year old",
    "villa got beaten 2-0 again",
    "we were beaten in the final",
    "is there a dog grooming course for care leavers",
    "personal grooming and hygiene help for my son",
    "can a social worker meet my son at home",
    "my pa keeps asking to meet me at the cafe",
    "i want to meet the team at ludlow road",
    "how do i send photos of the form",
    "can my son meet other kids at the unit",
    "someone from the team wants to meet my son",
    "my son threw a tantrum at the unit",
    "he got a bruise playing football",
    "can my 15 year old be left home alone for an hour",
    "violence in video games worries me",
    "my dad got drunk at the wedding",
]


@pytest.mark.parametrize("text", DISCLOSURES)
def test_disclosures_are_caught(text):
    assert discloses_risk(text)


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_are_not_flagged(text):
    assert not discloses_risk(text)


@pytest.mark.parametrize("text", [text for text, _category in SHARED["disclosures"]])
def test_every_disclosure_the_portal_flags_is_caught(text):
    assert discloses_risk(text)
