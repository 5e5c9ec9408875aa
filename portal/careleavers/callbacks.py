"""Care leavers' callback requests: made from the web forms or the assistant, worked by PAs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import current_app
from sqlalchemy import select

from portal.careleavers.models import STATUSES, CallbackEvent, CallbackRequest
from portal.careleavers.workdays import add_working_days
from portal.core.models import utcnow
from portal.extensions import db
from portal.forms_engine.content import definition_of
from portal.forms_engine.definition import FormDefinition, localise
from portal.forms_engine.models import FormVersion
from portal.forms_engine.store import new_reference
from portal.safeguarding import detect_risk
from portal.safeguarding.flags import new_flag

KIND_BY_FORM = {
    "ask-for-a-call-back": "callback",
    "something-is-wrong": "urgent",
    "update-my-contact-details": "details_update",
}
# Moves a PA can make: pick up, put back, finish, reopen.
TRANSITIONS = {
    ("new", "in_progress"),
    ("in_progress", "new"),
    ("in_progress", "done"),
    ("done", "in_progress"),
}
# England and Wales bank holidays; override with CALLBACK_HOLIDAYS (comma-separated ISO dates).
BANK_HOLIDAYS = (
    "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25",
    "2026-12-28", "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30",
    "2027-12-27", "2027-12-28",
)  # fmt: skip


def acknowledgement(reference: str, preferred_contact: str | None, days: int) -> str:
    """The text a care leaver gets when their request arrives (no personal details in it)."""
    how = {"call": "call", "text": "text"}.get(preferred_contact or "", "contact")
    return (
        f"Worcestershire Children First got your request {reference}. Your PA or the duty worker "
        f"will {how} you within {days} working days. In danger now? Call 999."
    )


def from_response(response, answers: dict[str, Any]) -> CallbackRequest | None:
    """Turn a new care-leaver form response into a request in the PAs' queue, and queue the text.

    Runs before the response is committed (``store.submit``), so both are stored or neither is.
    """
    definition = definition_of(db.session.get(FormVersion, response.form_version_id))
    kind = KIND_BY_FORM.get(definition.slug)
    if kind is None:
        return None
    request = CallbackRequest(
        reference=f"CB-{response.reference}",
        kind=kind,
        channel="web",
        response=response,
        reason=_reason(definition, answers, kind),
        best_time=_label(definition, answers, "best_time"),
        preferred_contact=answers.get("preferred_contact"),
        safeguarding=bool(response.safeguarding_flag),
        status="new",
        created_at=utcnow(),
    )
    db.session.add(request)
    phone = answers.get("phone")
    if phone:
        from portal.outbox.service import queue_message
        from portal.sms.segments import segment_count

        body = acknowledgement(request.reference, request.preferred_contact, target_days())
        queue_message(
            "sms",
            phone,
            body,
            purpose="callback_acknowledgement",
            dedupe_key=f"callback-ack:{request.reference}",
            segments=segment_count(body),
        )
    return request


def from_assistant(fields: dict[str, str]) -> CallbackRequest:
    """A request the assistant took in a conversation; it tells the person the reference itself."""
    request = CallbackRequest(
        reference=f"CB-{new_reference()}",
        kind="callback",
        channel=fields["channel"],
        conversation_id=fields["conversation_id"],
        reason=fields["reason"],
        best_time=fields.get("best_time") or None,
        preferred_contact=fields["preferred_contact"],
        status="new",
        created_at=utcnow(),
    )
    assessment = detect_risk(fields["reason"])
    if assessment.flagged:
        request.safeguarding = True
        db.session.add(
            new_flag(
                assessment,
                source="assistant",
                channel=fields["channel"],
                conversation_id=fields["conversation_id"],
                text=fields["reason"],
            )
        )
    db.session.add(request)
    db.session.commit()
    return request


def _label(definition: FormDefinition, answers: dict, key: str) -> str | None:
    value = answers.get(key)
    try:
        option = definition.question(key).option(str(value)) if value is not None else None
    except KeyError:
        return None
    return localise(option.label) if option else None


def _reason(definition: FormDefinition, answers: dict, kind: str) -> str:
    if kind == "urgent":
        return "Something is wrong" + (
            ": says they are not safe now" if answers.get("safe_now") == "no" else ""
        )
    if kind == "details_update":
        return "New contact details"
    reason = _label(definition, answers, "reason") or "Not given"
    other = answers.get("reason__other")
    return f"{reason}: {other}"[:300] if other else reason


def target_days() -> int:
    """Working days within which a request should be picked up and answered."""
    return int(current_app.config.get("CALLBACK_TARGET_WORKING_DAYS", 2))


def holidays() -> list[dt.date]:
    configured = current_app.config.get("CALLBACK_HOLIDAYS")
    days = configured.split(",") if isinstance(configured, str) else (configured or BANK_HOLIDAYS)
    return [dt.date.fromisoformat(str(day).strip()) for day in days if str(day).strip()]


def due_at(request: CallbackRequest) -> dt.datetime:
    """When the request should be done by."""
    created = request.created_at if request.created_at.tzinfo else request.created_at.replace(tzinfo=dt.UTC)
    return add_working_days(created, target_days(), holidays())


def is_overdue(request: CallbackRequest, now: dt.datetime | None = None) -> bool:
    """Not done and past its target."""
    return request.status != "done" and (now or utcnow()) > due_at(request)


def queue(status: str) -> list[CallbackRequest]:
    """Requests with one status: urgent first, then oldest first (newest first once done)."""
    order = CallbackRequest.created_at.desc() if status == "done" else CallbackRequest.created_at
    requests = db.session.scalars(
        select(CallbackRequest).where(CallbackRequest.status == status).order_by(order)
    )
    return sorted(requests, key=lambda r: r.kind != "urgent") if status != "done" else list(requests)


def counts() -> dict[str, int]:
    """How many requests have each status."""
    return {status: len(queue(status)) for status in STATUSES}


def change_status(request: CallbackRequest, new_status: str, *, by_name: str, by_id: int | None) -> None:
    """Move a request on (ValueError for a move that is not allowed) and record who and when."""
    if (request.status, new_status) not in TRANSITIONS:
        raise ValueError(f"a request cannot go from {request.status} to {new_status}")
    now = utcnow()
    if new_status == "in_progress" and request.status == "new":
        request.picked_up_by, request.picked_up_by_id, request.picked_up_at = by_name, by_id, now
    if new_status == "new":
        request.picked_up_by = request.picked_up_by_id = request.picked_up_at = None
    request.done_at = now if new_status == "done" else None
    request.events.append(
        CallbackEvent(
            action="status",
            from_status=request.status,
            to_status=new_status,
            by_name=by_name,
            by_id=by_id,
            at=now,
        )
    )
    request.status = new_status


def match_case(request: CallbackRequest, case_reference: str, *, by_name: str, by_id: int | None) -> None:
    """Staff record which case the request belongs to (never done automatically)."""
    request.matched_case = case_reference.strip()[:50] or None
    request.events.append(CallbackEvent(action="matched", by_name=by_name, by_id=by_id, at=utcnow()))
