"""Storing responses from every channel: answers, contact details apart, equality answers apart."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.forms_engine import crypto
from portal.forms_engine.answers import other_key
from portal.forms_engine.content import definition_of
from portal.forms_engine.definition import FormDefinition, localise
from portal.forms_engine.models import Answer, ContactDetail, EqualityResponse, FormVersion, Response
from portal.forms_engine.routing import asked_keys, is_answered
from portal.forms_engine.safeguarding import answers_disclose_risk

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference() -> str:
    """A reference number people can read out on the phone: 8 letters and digits, no 0/O or 1/I."""
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"


def new_token() -> str:
    """A random submission token."""
    return secrets.token_urlsafe(32)


def find_by_token(token: str) -> Response | None:
    """The response stored under a submission token, if any."""
    return db.session.scalar(select(Response).where(Response.submission_token == token))


def build_response(
    version: FormVersion,
    answers: dict[str, Any],
    *,
    channel: str,
    language: str = "en",
    submitted_at: dt.datetime | None = None,
    reference: str | None = None,
    token: str | None = None,
    entered_by: int | None = None,
    equality: dict[str, Any] | None = None,
) -> Response:
    """Add a response with its answers, contact details and equality answers to the session (no commit)."""
    definition = definition_of(version)
    submitted_at = submitted_at or dt.datetime.now(dt.UTC)
    response = Response(
        form_version_id=version.id,
        channel=channel,
        language=language,
        submitted_at=submitted_at,
        reference=reference or new_reference(),
        submission_token=token or new_token(),
        entered_by=entered_by,
        safeguarding_flag=answers_disclose_risk(definition, answers),
    )
    db.session.add(response)
    asked = asked_keys(definition, answers)
    erase_after = submitted_at.date() + dt.timedelta(days=int(definition.privacy["retention_days"]))
    for question in definition.questions:
        value = answers.get(question.key)
        if question.key not in asked or not is_answered(value):
            continue
        if question.personal:
            db.session.add(
                ContactDetail(
                    response=response,
                    question_key=question.key,
                    value_encrypted=crypto.encrypt(str(value)),
                    erase_after=erase_after,
                )
            )
            continue
        for item in value if isinstance(value, list) else [value]:
            option = question.option(str(item)) if question.options else None
            response.answers.append(
                Answer(
                    question_key=question.key,
                    value=str(item),
                    label=localise(option.label, language) if option else None,
                    write_in=answers.get(other_key(question)) if option and option.write_in else None,
                )
            )
    if equality and any(is_answered(v) for v in equality.values()):
        db.session.add(
            EqualityResponse(form_version_id=version.id, answers=equality, received_on=submitted_at.date())
        )
    return response


def submit(
    version: FormVersion,
    answers: dict[str, Any],
    *,
    token: str,
    on_created: Callable[[Response, dict[str, Any]], None] | None = None,
    **details: Any,
) -> tuple[Response, bool]:
    """Store a response once per token: (response, created). A repeated token returns the first one.

    ``on_created(response, answers)`` runs before the commit, so what it adds (a care leaver's
    callback request, its text message) is stored with the response or not at all.
    """
    existing = find_by_token(token)
    if existing is not None:
        return existing, False
    response = build_response(version, answers, token=token, **details)
    if on_created is not None:
        on_created(response, answers)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        existing = find_by_token(token)
        if existing is None:
            raise
        return existing, False
    return response, True


def stored_answers(definition: FormDefinition, response: Response, include_contact: bool = False) -> dict:
    """A stored response back in answer form (values, lists for multiple choice, write-ins)."""
    answers: dict[str, Any] = {}
    for answer in response.answers:
        question = _question_or_none(definition, answer.question_key)
        if question is not None and question.type == "multiple_choice":
            answers.setdefault(answer.question_key, []).append(answer.value)
        else:
            answers[answer.question_key] = answer.value
        if answer.write_in:
            answers[f"{answer.question_key}__other"] = answer.write_in
    if include_contact:
        contacts = db.session.scalars(select(ContactDetail).where(ContactDetail.response_id == response.id))
        for contact in contacts:
            answers[contact.question_key] = crypto.decrypt(contact.value_encrypted)
    return answers


def _question_or_none(definition: FormDefinition, key: str):
    try:
        return definition.question(key)
    except KeyError:
        return None


def responses_for(slug: str) -> list[Response]:
    """Every response to a form, across its versions, oldest first."""
    from portal.forms_engine.models import Form

    return list(
        db.session.scalars(
            select(Response)
            .join(FormVersion, Response.form_version_id == FormVersion.id)
            .join(Form)
            .where(Form.slug == slug)
            .order_by(Response.submitted_at, Response.id)
        )
    )
