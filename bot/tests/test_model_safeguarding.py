"""The trained model (NLU + the safeguarding component) on disclosures and near-misses.

Needs bot/models/model.tar.gz (`make bot-test` trains it first); the `agent` fixture in
conftest.py loads it once per test session.
"""

import asyncio

DISCLOSURES = [
    "my stepdad hittin me again",
    "i wnat to kil myself",
    "sumone touched my daughter",
    "im scared 2 go home",
    "my mum's boyfriend battered me last night",
    "i keep self harming",
]
NEAR_MISSES = [
    "my son loves the kill bill films",
    "the unit is dying for lack of funding",
    "osborne court closing??",
    "wot short breaks r there 4 my son hes 12",
    "need money 4 deposit im a care leaver",
]


def intent_of(agent, text):
    return asyncio.run(agent.parse_message(text))["intent"]["name"]


def test_disclosures_are_classified_as_safeguarding(agent):
    assert {text: intent_of(agent, text) for text in DISCLOSURES} == dict.fromkeys(
        DISCLOSURES, "safeguarding"
    )


def test_near_misses_are_not(agent):
    assert all(intent_of(agent, text) != "safeguarding" for text in NEAR_MISSES)
