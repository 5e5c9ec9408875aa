"""The trained model sends everyday questions outside its topics to the fallback, not to an FAQ.

Needs bot/models/model.tar.gz; the `agent` fixture in conftest.py loads it once per session.
"""

import asyncio

OUT_OF_SCOPE = [
    "whats on at the cinema",
    "is it gonna rain in bewdley 2moro",
    "when do the bins get emptied in stourport",
    "what was the villa score",
    "how do i pay council tax online",
    "where can i park near worcester cathedral",
    "tell me a joke pls",
]
IN_SCOPE = {
    "osborne court closing??": "faq",
    "need money 4 deposit im a care leaver": "faq",
    "wot short breaks r there 4 my son hes 12": "find_service",
    "can my pa ring me 2moro": "request_callback",
}


def intent_of(agent, text):
    return asyncio.run(agent.parse_message(text))["intent"]["name"]


def test_out_of_scope_questions_are_not_answered_as_faqs(agent):
    intents = {text: intent_of(agent, text) for text in OUT_OF_SCOPE}
    assert {
        text: intent in ("out_of_scope", "nlu_fallback") for text, intent in intents.items()
    } == dict.fromkeys(OUT_OF_SCOPE, True), intents


def test_questions_it_can_answer_are_not_sent_to_the_fallback(agent):
    assert {text: intent_of(agent, text) for text in IN_SCOPE} == IN_SCOPE
