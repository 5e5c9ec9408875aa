"""Raising safeguarding flags: from form responses as they are stored, and from the assistant."""

from collections.abc import Callable, Iterable

from sqlalchemy import event, select
from sqlalchemy.orm import Session, selectinload

from portal.extensions import db
from portal.safeguarding.models import SafeguardingFlag
from safeguarding_rules import RiskAssessment, detect_risk


def new_flag(assessment: RiskAssessment, **details) -> SafeguardingFlag:
    """A flag for a text that was read as risky (not yet added to any session)."""
    return SafeguardingFlag(
        categories=",".join(assessment.categories) or "reported",
        matched="; ".join(dict.fromkeys(match.phrase for match in assessment.matches)),
        status="new",
        **details,
    )


def flag_message(text: str, *, source: str, channel: str, conversation_id: str | None) -> SafeguardingFlag:
    """Flag a message passed on by another service, whether or not the detector agrees.

    The sender has already judged it worrying; the detector only adds categories for staff.
    """
    flag = new_flag(
        detect_risk(text), source=source, channel=channel, conversation_id=conversation_id, text=text
    )
    db.session.add(flag)
    db.session.commit()
    return flag


def flag_if_risky(
    text: str, *, source: str, channel: str, conversation_id: str | None
) -> SafeguardingFlag | None:
    """Flag a message that no one else will read for risk: the assistant is down, or the message is
    in a language the assistant does not understand. Returns the flag, or None when nothing was found.
    """
    if not detect_risk(text).flagged:
        return None
    return flag_message(text, source=source, channel=channel, conversation_id=conversation_id)


def flags(status: str | None = None) -> list[SafeguardingFlag]:
    """Flags newest first, optionally only those with one status."""
    query = select(SafeguardingFlag).order_by(SafeguardingFlag.created_at.desc(), SafeguardingFlag.id.desc())
    if status:
        query = query.where(SafeguardingFlag.status == status)
    return list(db.session.scalars(query))


def _checked_answers(session: Session, response) -> tuple[RiskAssessment, str]:
    """Read every answer to a question marked ``safeguarding_check`` in the response's form."""
    from portal.forms_engine.content import definition_of
    from portal.forms_engine.models import FormVersion

    with session.no_autoflush:
        version = session.get(FormVersion, response.form_version_id)
    definition = definition_of(version)
    checked = {q.key for q in definition.questions if q.safeguarding_check}
    texts = [answer.value for answer in response.answers if answer.question_key in checked]
    return detect_risk("\n".join(texts)), definition.slug


@event.listens_for(Session, "before_flush")
def _flag_new_responses(session: Session, flush_context, instances) -> None:
    """Every response stored with the engine's safeguarding mark raises a flag in the same transaction.

    Listening here (rather than in each journey) also covers answers typed in by staff from paper
    or phone, and imports.
    """
    response_class = _response_class()
    if response_class is None:
        return
    for response in [obj for obj in session.new if isinstance(obj, response_class)]:
        if not response.safeguarding_flag:
            continue
        assessment, slug = _checked_answers(session, response)
        session.add(_response_flag(response, assessment, slug, source="form"))


def _response_flag(response, assessment: RiskAssessment, form_slug: str, *, source: str) -> SafeguardingFlag:
    """A flag that points staff at a stored response by its form and reference."""
    return new_flag(
        assessment,
        source=source,
        channel=response.channel,
        form_slug=form_slug,
        response_reference=response.reference,
    )


def _response_class():
    """The forms engine's Response model, or None where the engine is not installed."""
    try:
        from portal.forms_engine.models import Response
    except ImportError:
        return None
    return Response


def reread_responses(
    slug: str | None = None, progress: Callable[[Iterable], Iterable] = lambda items: items
) -> tuple[int, int]:
    """Read every stored response not yet flagged with today's rules; flag the ones that now disclose
    risk. A rule added or fixed later then also reaches answers sent before it. Returns (read, flagged).

    ``progress`` wraps the responses as they are read (the command's progress bar). Nothing is
    committed here.
    """
    response_class = _response_class()
    if response_class is None:
        return 0, 0
    query = (
        select(response_class)
        .where(response_class.safeguarding_flag.is_(False))
        .options(selectinload(response_class.answers))  # one query for every answer, not one each
        .order_by(response_class.id)
    )
    if slug:
        from portal.forms_engine.models import Form, FormVersion

        query = (
            query.join(FormVersion, FormVersion.id == response_class.form_version_id)
            .join(Form, Form.id == FormVersion.form_id)
            .where(Form.slug == slug)
        )
    waiting = db.session.scalars(query).all()
    flagged = 0
    for response in progress(waiting):
        assessment, form_slug = _checked_answers(db.session, response)
        if assessment.flagged:
            response.safeguarding_flag = True
            db.session.add(_response_flag(response, assessment, form_slug, source="reread"))
            flagged += 1
    return len(waiting), flagged


def reread_and_audit(
    slug: str | None = None,
    progress: Callable[[Iterable], Iterable] = lambda items: items,
    *,
    audit_when_nothing_read: bool = True,
) -> tuple[int, int]:
    """``reread_responses``, recorded in the audit log (it reads families' answers), and committed."""
    from portal.staff import audit

    read, flagged = reread_responses(slug, progress)
    if read or audit_when_nothing_read:
        audit.record("safeguarding_reread", detail={"form": slug, "read": read, "flagged": flagged})
    db.session.commit()
    return read, flagged


def setup_step() -> str:
    """``portal setup`` step: after a deploy that changed the rules, read stored responses again."""
    from pathlib import Path

    import safeguarding_rules
    from portal.setup_steps import already_applied, fingerprint_files, mark_applied

    fingerprint = fingerprint_files(Path(safeguarding_rules.__file__).parent.glob("*.py"))
    if already_applied("safeguarding", fingerprint):
        return "rules unchanged"
    read, flagged = reread_and_audit(audit_when_nothing_read=False)  # a new database reads nothing
    mark_applied("safeguarding", fingerprint)
    db.session.commit()
    return f"new rules: {read} response(s) read again, {flagged} newly flagged"
