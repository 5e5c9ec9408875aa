"""Finding services in the Local Offer: the form's checks and the search through the portal API."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import portal
from actions.actions import say
from actions.answers import fill, response_text
from actions.places import ANYWHERE, age_from, district_for, district_id

MAX_SERVICES = 3


class ValidateLocalOfferForm(FormValidationAction):
    """Checks the age, district and need gathered by local_offer_form."""

    def name(self) -> str:
        return "validate_local_offer_form"

    async def validate_child_age(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        age = age_from(str(value))
        if age is None:
            await say(dispatcher, domain, "utter_age_not_understood")
            return {"child_age": None}
        return {"child_age": str(age)}

    async def validate_district(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        district = district_for(str(value))
        if district is None:
            await say(dispatcher, domain, "utter_district_not_understood")
        return {"district": district}

    async def validate_need(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        need = " ".join(str(value or "").split())[:100]
        return {"need": need or None}


def search_params(need: str, age: str | None, district: str | None) -> dict[str, Any]:
    """Query for GET /services: the need as free text, the age, the portal's district id.

    Empty values are left out, and so is the category: the portal rejects unknown categories,
    and its free-text search already matches category words ("respite", "clubs").
    """
    params: dict[str, Any] = {"q": need} if need else {}
    if age:
        params["age"] = age
    if district and district != ANYWHERE:
        params["district"] = district_id(district)
    params["limit"] = MAX_SERVICES
    return params


def search_page(need: str, age: str | None, district: str | None) -> str:
    """The public Local Offer search page for the same question."""
    query = {"q": need}
    if age:
        query["age"] = age
    if district and district != ANYWHERE:
        query["district"] = district_id(district)
    return f"{portal.public_url()}/local-offer?{urlencode(query)}"


def describe(service: dict[str, Any]) -> str:
    """One short line per service: its name and the quickest way to reach it."""
    reach = service.get("phone") or service.get("url") or service.get("website") or service.get("email") or ""
    return f"- {service.get('name', 'A service')}" + (f": {reach}" if reach else "")


class ActionSearchServices(Action):
    """Searches the Local Offer (GET /services) and answers with at most three services and a link."""

    def name(self) -> str:
        return "action_search_services"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        need = tracker.get_slot("need") or ""
        age = tracker.get_slot("child_age")
        district = tracker.get_slot("district")
        document = await portal.aget_json("/services", search_params(need, age, district))
        fallback_url = search_page(need, age, district)
        reset = [
            SlotSet("child_age", None),
            SlotSet("district", None),
            SlotSet("need", None),
            SlotSet("last_answer", "local_offer_search"),
        ]
        if document is None:
            await say(dispatcher, domain, "utter_services_unavailable", search_url=fallback_url)
            return reset
        services = [s for s in (document.get("data") or []) if isinstance(s, dict)][:MAX_SERVICES]
        search_url = (document.get("meta") or {}).get("search_url") or fallback_url
        if not services:
            await say(dispatcher, domain, "utter_services_none", search_url=search_url)
            return reset
        lines = "\n".join(describe(service) for service in services)
        intro = fill(response_text(domain, "utter_services_intro") or "", {})
        more = fill(response_text(domain, "utter_services_more") or "", {"search_url": search_url})
        dispatcher.utter_message(text=f"{intro}\n{lines}\n{more}")
        return reset
