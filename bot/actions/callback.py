"""'Ask my PA to call me': the callback form's checks and the request sent to the portal."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import portal
from actions.actions import conversation, say

MAX_LENGTH = 200


def tidy(value: Any) -> str:
    """Collapse whitespace and cap the length of a free-text answer."""
    return " ".join(str(value or "").split())[:MAX_LENGTH]


def preferred_contact(*answers: str) -> str:
    """ "text" if the young person asked to be texted, otherwise "call"."""
    joined = " ".join(answers).lower()
    return "text" if re.search(r"\b(text|txt|sms|message)\b", joined) else "call"


class ValidateCallbackForm(FormValidationAction):
    """Checks the reason and best time gathered by callback_form."""

    def name(self) -> str:
        return "validate_callback_form"

    async def validate_callback_reason(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        return {"callback_reason": tidy(value) or None}

    async def validate_best_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        return {"best_time": tidy(value) or None}


class ActionSubmitCallback(Action):
    """Creates a callback request (POST /callback-requests), the same record the portal form makes."""

    def name(self) -> str:
        return "action_submit_callback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        reason = tidy(tracker.get_slot("callback_reason"))
        best_time = tidy(tracker.get_slot("best_time"))
        request = {
            **conversation(tracker),
            "reason": reason,
            "best_time": best_time,
            "preferred_contact": preferred_contact(reason, best_time),
        }
        created = await portal.apost_json("/callback-requests", request)
        reset = [SlotSet("callback_reason", None), SlotSet("best_time", None)]
        if created is None or not created.get("reference"):
            await say(dispatcher, domain, "utter_callback_failed")
            return reset
        await say(
            dispatcher, domain, "utter_callback_done", best_time=best_time, reference=created["reference"]
        )
        return reset
