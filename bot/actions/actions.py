"""The assistant's custom actions: FAQ answers with live contacts, safeguarding, hand-off and ratings."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import portal
from actions.answers import fill, response_text, web_answer
from actions.contacts import load_contacts, template_values

logger = logging.getLogger(__name__)


async def say(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], name: str, template: str = "", **extra: Any
) -> str:
    """Utter a domain response (or the given template) with contacts and extra values filled in."""
    values = template_values(await load_contacts())
    values.update(extra)
    template = template or response_text(domain, name) or response_text(domain, "utter_default") or ""
    text = fill(template, values)
    dispatcher.utter_message(text=text)
    return text


def conversation(tracker: Tracker) -> dict[str, str]:
    """The conversation id and channel the portal needs with every record."""
    return {"conversation_id": tracker.sender_id, "channel": portal.channel_of(tracker.sender_id)}


class ActionAnswerFaq(Action):
    """Answers any faq/* question chosen by the ResponseSelector, with current contact numbers.

    Outside a form it then asks "Did that help?" (the rules take a yes or no after this action as
    the rating), so a FAQ turn needs one prediction and one action fewer.
    """

    def name(self) -> str:
        return "action_answer_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        selector = (tracker.latest_message.get("response_selector") or {}).get("faq") or {}
        key = (selector.get("response") or {}).get("intent_response_key")
        if not key or response_text(domain, f"utter_{key}") is None:
            await say(dispatcher, domain, "utter_default")
            return [SlotSet("last_answer", None)]
        longer = web_answer(key) if portal.channel_of(tracker.sender_id) == "web" else None
        await say(dispatcher, domain, f"utter_{key}", template=longer or "")
        if tracker.active_loop_name is None:
            # Inside a form the form's next question follows instead.
            await say(dispatcher, domain, "utter_did_that_help")
        return [SlotSet("last_answer", key)]


class ActionSafeguarding(Action):
    """Gives emergency signposting first, then flags the message to staff through the portal."""

    def name(self) -> str:
        return "action_safeguarding"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        await say(dispatcher, domain, "utter_safeguarding")
        flag = {
            **conversation(tracker),
            "text": tracker.latest_message.get("text") or "",
            "source": "assistant",
        }
        flagged = await portal.apost_json("/safeguarding-flags", flag)
        if flagged is None:
            logger.error("Safeguarding flag for conversation %s could not be sent", tracker.sender_id)
            await say(dispatcher, domain, "utter_safeguarding_not_flagged")
        else:
            await say(dispatcher, domain, "utter_safeguarding_flagged")
        # A disclosure ends any form in progress: the family's safety comes before our questions.
        return [ActiveLoop(None), SlotSet("requested_slot", None)]


class ActionHumanHandoff(Action):
    """Tells the family how to reach a person, with the numbers staff keep current."""

    def name(self) -> str:
        return "action_human_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        await say(dispatcher, domain, "utter_human_handoff")
        return []


class ActionOutOfScope(Action):
    """Says sorry with the main contact.

    The question reaches staff as unanswered through the event broker: the portal's ingest marks a
    turn answered by this action as a fallback and keeps its text.
    """

    def name(self) -> str:
        return "action_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        await say(dispatcher, domain, "utter_out_of_scope")
        return []


class ActionStoreRating(Action):
    """Stores the answer to "Did that help?" in the ``helpful`` slot.

    The slot event travels through the event broker into the portal's analytics store.
    """

    def name(self) -> str:
        return "action_store_rating"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        helpful = (tracker.latest_message.get("intent") or {}).get("name") != "deny"
        await say(dispatcher, domain, "utter_rating_yes" if helpful else "utter_rating_no")
        return [SlotSet("helpful", helpful)]
