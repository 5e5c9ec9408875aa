"""Custom actions against a fake portal API, including a portal that is down."""

from __future__ import annotations

import asyncio
from typing import Any

import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import portal as portal_api
from actions.actions import (
    ActionAnswerFaq,
    ActionHumanHandoff,
    ActionOutOfScope,
    ActionSafeguarding,
    ActionStoreRating,
)
from actions.answers import DOMAIN_FILE, response_text
from actions.callback import ActionSubmitCallback, ValidateCallbackForm, preferred_contact
from actions.local_offer import ActionSearchServices, ValidateLocalOfferForm

SMS_SENDER = "sms:3f9a2c"
DOMAIN: dict[str, Any] = {}  # the actions fall back to bot/domain.yml, as when Rasa omits it

SAMPLE_SERVICES = [
    {
        "id": i,
        "name": f"Sample club {i}",
        "summary": "Sample data",
        "url": f"http://portal.test/local-offer/{i}",
        "phone": f"01905 00000{i}" if i % 2 else "",
        "email": "",
        "website": "",
        "districts": ["Wyre Forest"],
        "age_min": 5,
        "age_max": 18,
        "categories": ["Clubs"],
    }
    for i in range(1, 6)
]


def make_tracker(
    text: str = "",
    sender: str = SMS_SENDER,
    slots: dict[str, Any] | None = None,
    intent: str = "faq",
    faq_key: str | None = None,
) -> Tracker:
    latest: dict[str, Any] = {"text": text, "intent": {"name": intent, "confidence": 0.9}}
    if faq_key:
        latest["response_selector"] = {
            "faq": {"response": {"intent_response_key": faq_key, "confidence": 0.9}}
        }
    return Tracker(sender, slots or {}, latest, [], False, None, {}, "action_listen")


def run(action, tracker: Tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, DOMAIN))
    return [m.get("text") for m in dispatcher.messages], events


def test_faq_answer_uses_the_numbers_staff_keep_in_the_portal(portal):
    portal.contacts = [
        {"key": "cwd_team", "name": "CWD", "phone": "01905 111222", "hours": "9 to 5", "url": ""}
    ]
    texts, events = run(ActionAnswerFaq(), make_tracker("can we get short breaks", faq_key="faq/eligibility"))
    assert "01905 111222" in texts[0]
    assert "01905 845715" in texts[0]  # not edited in the portal, so the default stays
    assert "{" not in texts[0]
    assert {"event": "slot", "timestamp": None, "name": "last_answer", "value": "faq/eligibility"} in events
    assert portal.requests[0]["headers"]["Authorization"] == "Bearer test-token"


def test_faq_answer_falls_back_to_default_numbers_when_the_portal_is_down(portal_down):
    texts, _ = run(ActionAnswerFaq(), make_tracker("short breaks?", faq_key="faq/eligibility"))
    assert "01905 844342" in texts[0] and "01905 845715" in texts[0]


def test_every_faq_answer_is_filled_and_fits_two_text_messages(portal_down):
    responses = yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8"))["responses"]
    keys = [name[len("utter_") :] for name in responses if name.startswith("utter_faq/")]
    assert len(keys) >= 15
    for key in keys:
        texts, _ = run(ActionAnswerFaq(), make_tracker("q", faq_key=key))
        assert "{" not in texts[0], key
        assert len(texts[0]) <= 306, (key, len(texts[0]))  # two 153-character SMS segments


def test_faq_answer_never_claims_a_unit_closed(portal_down):
    for key in ("faq/ludlow_road", "faq/osborne_court", "faq/consultation_2019"):
        for sender in (SMS_SENDER, "web:1"):
            text = run(ActionAnswerFaq(), make_tracker("q", sender=sender, faq_key=key))[0][0].lower()
            assert "proposed" in text
            assert "don't have the final decision" in text
            assert "has closed" not in text and "closed in" not in text


def test_web_chat_gets_the_longer_answer_and_sms_the_short_one(portal_down):
    sms = run(ActionAnswerFaq(), make_tracker("q", faq_key="faq/eligibility"))[0][0]
    web = run(ActionAnswerFaq(), make_tracker("q", sender="web:7", faq_key="faq/eligibility"))[0][0]
    assert len(web) > len(sms) and len(sms) <= 306
    assert "01905 844342" in web and "{" not in web
    transport = run(ActionAnswerFaq(), make_tracker("q", sender="web:7", faq_key="faq/transport"))[0][0]
    assert transport == run(ActionAnswerFaq(), make_tracker("q", faq_key="faq/transport"))[0][0]


def test_faq_answer_asks_whether_it_helped_outside_a_form(portal_down):
    texts, _ = run(ActionAnswerFaq(), make_tracker("q", faq_key="faq/eligibility"))
    assert len(texts) == 2
    assert texts[1] == response_text(None, "utter_did_that_help")


def test_faq_answer_inside_a_form_leaves_the_next_question_to_the_form(portal_down):
    tracker = make_tracker("q", faq_key="faq/eligibility")
    tracker.active_loop = {"name": "local_offer_form"}
    texts, _ = run(ActionAnswerFaq(), tracker)
    assert len(texts) == 1
    assert texts[0] != response_text(None, "utter_did_that_help")


def test_unknown_faq_gets_the_default_answer(portal_down):
    texts, _ = run(ActionAnswerFaq(), make_tracker("q"))
    assert texts == [response_text(None, "utter_default")]


def test_safeguarding_signposts_first_then_flags_to_staff(portal):
    texts, events = run(ActionSafeguarding(), make_tracker("my dad hits me", intent="safeguarding"))
    assert texts[0].startswith("If anyone is in danger right now, call 999")
    for number in ("01905 822666", "0800 1111", "116 123"):
        assert number in texts[0]
    assert "passed your message to our staff" in texts[1]
    assert portal.posted("/safeguarding-flags") == [
        {"conversation_id": SMS_SENDER, "channel": "sms", "text": "my dad hits me", "source": "assistant"}
    ]
    assert {"event": "active_loop", "timestamp": None, "name": None} in events


def test_safeguarding_still_signposts_when_the_portal_is_down(portal_down):
    texts, _ = run(ActionSafeguarding(), make_tracker("i want to die", intent="safeguarding"))
    assert "999" in texts[0] and "01905 822666" in texts[0]
    assert "passed your message" not in " ".join(texts)
    assert "call one of those numbers" in texts[1]


def test_human_handoff_gives_main_number_with_hours(portal):
    portal.contacts = [
        {
            "key": "main",
            "name": "WCF contact centre",
            "phone": "01905 999000",
            "hours": "Monday to Friday 9am to 5pm",
            "url": "",
        }
    ]
    texts, _ = run(ActionHumanHandoff(), make_tracker("talk to a person", intent="human_handoff"))
    assert "01905 999000 (WCF contact centre, Monday to Friday 9am to 5pm)" in texts[0]


def test_out_of_scope_gives_the_main_contact_and_leaves_logging_to_the_event_broker(portal):
    texts, _ = run(
        ActionOutOfScope(),
        make_tracker("when are the bins collected", sender="web:abc", intent="out_of_scope"),
    )
    assert portal.posted("/unanswered-questions") == []
    assert "01905 765765 (Worcestershire Hub)" in texts[0]  # no hours until staff set them


def test_out_of_scope_is_kind_when_the_portal_is_down(portal_down):
    texts, _ = run(ActionOutOfScope(), make_tracker("pizza?", intent="out_of_scope"))
    assert texts[0].startswith("Sorry")


def test_rating_is_stored_in_the_slot_the_event_broker_carries_to_the_portal(portal):
    tracker = make_tracker("no", intent="deny", slots={"last_answer": "faq/transport"})
    texts, events = run(ActionStoreRating(), tracker)
    assert portal.posted("/ratings") == []
    assert {"event": "slot", "timestamp": None, "name": "helpful", "value": False} in events
    assert texts[0].startswith("Sorry that didn't help")


def test_local_offer_search_answers_with_at_most_three_services_and_a_link(portal):
    portal.services = SAMPLE_SERVICES
    tracker = make_tracker(slots={"child_age": "12", "district": "Wyre Forest", "need": "clubs"})
    texts, events = run(ActionSearchServices(), tracker)
    query = portal.requests[-1]["query"]
    assert query == {"q": ["clubs"], "age": ["12"], "district": ["wyre-forest"], "limit": ["3"]}
    assert texts[0].count("\n- ") == 3
    assert "Sample club 1: 01905 000001" in texts[0]
    assert "Sample club 2: http://portal.test/local-offer/2" in texts[0]
    assert texts[0].endswith("http://portal.test/local-offer?q=sample")
    assert {"event": "slot", "timestamp": None, "name": "need", "value": None} in events


def test_local_offer_search_with_no_match_links_to_the_search_page(portal):
    texts, _ = run(
        ActionSearchServices(), make_tracker(slots={"child_age": "3", "district": "any", "need": "x"})
    )
    assert "couldn't find a match" in texts[0] and "local-offer" in texts[0]
    assert "district" not in portal.requests[-1]["query"]


def test_local_offer_search_when_the_portal_is_down_gives_link_and_number(portal_down):
    tracker = make_tracker(slots={"child_age": "9", "district": "Redditch", "need": "autism support"})
    texts, _ = run(ActionSearchServices(), tracker)
    assert "http://portal.test/local-offer?q=autism+support&age=9&district=redditch" in texts[0]
    assert "01905 765765" in texts[0]


def test_local_offer_search_when_the_portal_errors(portal):
    portal.fail_with = 500
    texts, _ = run(
        ActionSearchServices(), make_tracker(slots={"child_age": "9", "district": "any", "need": "a"})
    )
    assert texts[0].startswith("Sorry, the Local Offer search isn't working")


def test_form_understands_text_speak_ages_and_towns():
    form = ValidateLocalOfferForm()
    dispatcher = CollectingDispatcher()
    tracker = make_tracker()

    def check(method, value):
        return asyncio.run(getattr(form, method)(value, dispatcher, tracker, DOMAIN))

    assert check("validate_child_age", "hes 12") == {"child_age": "12"}
    assert check("validate_child_age", "nine") == {"child_age": "9"}
    assert check("validate_district", "kiddy") == {"district": "Wyre Forest"}
    assert check("validate_district", "near evesham") == {"district": "Wychavon"}
    assert check("validate_district", "tenbury wells") == {"district": "Malvern Hills"}
    assert check("validate_district", "dunno") == {"district": "any"}
    assert dispatcher.messages == []
    assert check("validate_child_age", "old enough") == {"child_age": None}
    assert check("validate_district", "london") == {"district": None}
    assert [m["text"].split(".")[0] for m in dispatcher.messages] == [
        "Sorry, I didn't get the age",
        "Sorry, I don't know that place",
    ]


def test_callback_request_is_sent_and_the_reference_given(portal):
    tracker = make_tracker(slots={"callback_reason": "money for  a deposit", "best_time": "text me after 3"})
    texts, events = run(ActionSubmitCallback(), tracker)
    assert portal.posted("/callback-requests") == [
        {
            "conversation_id": SMS_SENDER,
            "channel": "sms",
            "reason": "money for a deposit",
            "best_time": "text me after 3",
            "preferred_contact": "text",
        }
    ]
    assert "CB-000123" in texts[0]
    assert {"event": "slot", "timestamp": None, "name": "best_time", "value": None} in events


def test_callback_request_when_the_portal_is_down_gives_a_number(portal_down):
    texts, _ = run(ActionSubmitCallback(), make_tracker(slots={"callback_reason": "flat", "best_time": "am"}))
    assert texts[0].startswith("Sorry, I couldn't send your request")
    assert "01905 765765 (Worcestershire Hub, ask for the leaving care team)" in texts[0]


def test_callback_form_tidies_answers():
    form = ValidateCallbackForm()
    result = asyncio.run(
        form.validate_callback_reason(
            "  my   flat " + "x" * 300, CollectingDispatcher(), make_tracker(), DOMAIN
        )
    )
    assert result["callback_reason"].startswith("my flat x") and len(result["callback_reason"]) == 200
    assert preferred_contact("about money", "mornings") == "call"


def test_channel_comes_from_the_sender_prefix():
    assert portal_api.channel_of("sms:abc") == "sms"
    assert portal_api.channel_of("web:1") == "web"
    assert portal_api.channel_of("default") == "web"


def test_token_is_read_from_the_instance_file_when_not_in_the_environment(monkeypatch, tmp_path):
    token_file = tmp_path / "bot_api_token"
    token_file.write_text("from-file\n")
    monkeypatch.delenv("PORTAL_API_TOKEN")
    monkeypatch.setenv("PORTAL_API_TOKEN_FILE", str(token_file))
    assert portal_api.api_token() == "from-file"
    monkeypatch.setenv("PORTAL_API_TOKEN_FILE", str(tmp_path / "absent"))
    assert portal_api.api_token() is None
