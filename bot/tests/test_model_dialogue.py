"""The trained dialogue model on turns that no rule or story covers.

There is no machine-learned dialogue policy (no TEDPolicy): rules and memorised stories decide
every turn, and a turn they do not cover gets Rasa's default fallback (`utter_default`) rather
than a guess. Needs bot/models/model.tar.gz (the `agent` fixture in conftest.py).
"""

import asyncio

import pytest


def replies_to(agent, message, sender):
    return [reply.get("text") for reply in asyncio.run(agent.handle_text(message, sender_id=sender))]


@pytest.mark.parametrize("message", ["/affirm", "/deny", "/inform"])
def test_a_turn_no_rule_covers_gets_the_default_reply(agent, message):
    default = agent.domain.responses["utter_default"][0]["text"]
    assert replies_to(agent, message, f"test:{message}") == [default]


def test_fixed_turns_are_answered_by_rules(agent):
    greeting = agent.domain.responses["utter_greet"][0]["text"]
    welcome = agent.domain.responses["utter_youre_welcome"][0]["text"]
    assert replies_to(agent, "/greet", "test:fixed") == [greeting]
    assert replies_to(agent, "/thank", "test:fixed") == [welcome]
