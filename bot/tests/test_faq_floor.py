"""The FAQ confidence floor: unsure FAQ answers become the fallback, sure ones and other intents stay."""

from rasa.shared.nlu.training_data.message import Message

from addons.faq_floor import FaqConfidenceFloor, selector_confidence


def message(intent, confidence=None, text="whats on at the cinema"):
    data = {"text": text, "intent": {"name": intent, "confidence": 0.97}}
    if confidence is not None:
        data["response_selector"] = {
            "faq": {"response": {"intent_response_key": "faq/acorns", "confidence": confidence}}
        }
    return Message(data=data)


def floor(threshold=0.5):
    return FaqConfidenceFloor({**FaqConfidenceFloor.get_default_config(), "threshold": threshold})


def test_an_unsure_faq_answer_becomes_the_fallback():
    [result] = floor().process([message("faq", 0.31)])
    assert result.get("intent") == {"name": "nlu_fallback", "confidence": 0.5}
    assert result.get("intent_ranking")[0]["name"] == "nlu_fallback"


def test_a_sure_faq_answer_is_kept():
    [result] = floor().process([message("faq", 0.5)])
    assert result.get("intent")["name"] == "faq"


def test_other_intents_are_never_touched():
    [result] = floor().process([message("find_service", 0.01)])
    assert result.get("intent")["name"] == "find_service"


def test_a_message_without_a_selection_is_kept():
    [result] = floor().process([message("faq")])
    assert result.get("intent")["name"] == "faq"
    assert selector_confidence(result) is None


def test_the_threshold_comes_from_the_config():
    assert floor(0.2).process([message("faq", 0.31)])[0].get("intent")["name"] == "faq"
    assert floor(0.4).process([message("faq", 0.31)])[0].get("intent")["name"] == "nlu_fallback"
