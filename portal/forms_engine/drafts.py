"""Answers in progress: kept server-side and encrypted, resumable with a code, and expiring."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, select

from portal.extensions import db
from portal.forms_engine import crypto
from portal.forms_engine.content import definition_of
from portal.forms_engine.definition import localise
from portal.forms_engine.models import FormDraft, FormVersion
from portal.forms_engine.store import REFERENCE_ALPHABET, new_token
from portal.outbox import queue_message
from portal.outbox.models import SENDING, OutboxMessage

DRAFT_DAYS = 28
# The outbox purpose of the email that carries a resume code.
RESUME_CODE_PURPOSE = "resume_code"


def draft_expiry(version: FormVersion, now: dt.datetime) -> dt.datetime:
    """28 days from now, or the end of the closing day (UK time) if that is sooner."""
    expiry = now + dt.timedelta(days=DRAFT_DAYS)
    closes = definition_of(version).closes
    if closes is not None:
        end_of_closing_day = dt.datetime.combine(closes + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
        if end_of_closing_day > now:
            expiry = min(expiry, end_of_closing_day)
    return expiry


def start_draft(
    version: FormVersion, *, channel: str = "online", language: str = "en", entered_by: int | None = None
) -> FormDraft:
    """A new, empty draft (committed)."""
    now = dt.datetime.now(dt.UTC)
    draft = FormDraft(
        token=new_token(),
        form_version_id=version.id,
        channel=channel,
        language=language,
        answers_encrypted=crypto.encrypt("{}"),
        entered_by=entered_by,
        updated_at=now,
        expires_at=draft_expiry(version, now),
    )
    db.session.add(draft)
    db.session.commit()
    return draft


def find_draft(token: str | None) -> FormDraft | None:
    """A live draft by its token (None if unknown or expired)."""
    if not token:
        return None
    draft = db.session.scalar(select(FormDraft).where(FormDraft.token == token))
    if draft is None or _aware(draft.expires_at) <= dt.datetime.now(dt.UTC):
        return None
    return draft


def _aware(moment: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; every stored time is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def draft_answers(draft: FormDraft) -> dict[str, Any]:
    """The answers saved in a draft."""
    return json.loads(crypto.decrypt(draft.answers_encrypted))


def save_answers(draft: FormDraft, answers: dict[str, Any]) -> None:
    """Replace a draft's answers (committed)."""
    draft.answers_encrypted = crypto.encrypt(json.dumps(answers, sort_keys=True))
    draft.updated_at = dt.datetime.now(dt.UTC)
    db.session.commit()


def _code_hash(code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, normalise_code(code).encode(), hashlib.sha256).hexdigest()


def normalise_code(code: str) -> str:
    """A resume code as typed, made comparable: upper case, no spaces or hyphens."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def issue_resume_code(draft: FormDraft, email: str | None = None, resume_path: str | None = None) -> str:
    """Give a draft a new resume code (only its hash is kept); email it when an address is given.

    The email is queued in the shared outbox in this transaction (the address encrypted) and sent
    by the worker after the commit, never from the request. ``resume_path`` is the path of the
    form's resume page; the link in the email is ``PUBLIC_URL`` followed by it.
    """
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _char in range(10))
    draft.resume_code_hash = _code_hash(code)
    shown = f"{code[:5]}-{code[5:]}"
    if email:
        queue_message("email", email, resume_code_email(draft, shown, resume_path), RESUME_CODE_PURPOSE)
    db.session.commit()
    return shown


def resume_code_email(draft: FormDraft, code: str, resume_path: str | None) -> str:
    """The plain-English email that carries a resume code, in the reader's language where translated."""
    from portal.templating import uk_date

    title = localise(definition_of(draft.form_version).title, draft.language)
    lines = [
        _("You saved your answers to: %(title)s.", title=title),
        _(
            "Your code to carry on is %(code)s. It works until %(date)s.",
            code=code,
            date=uk_date(draft.expires_at),
        ),
    ]
    if resume_path:
        link = current_app.config["PUBLIC_URL"] + resume_path
        lines.append(_("To carry on, go to %(link)s and type in the code.", link=link))
    lines.append(_("If you did not ask for this code, you do not need to do anything."))
    return "\n\n".join(lines)


def find_by_code(version_ids: list[int], code: str) -> FormDraft | None:
    """The live, unsubmitted draft with this resume code for one of these form versions."""
    if len(normalise_code(code)) != 10:
        return None
    draft = db.session.scalar(select(FormDraft).where(FormDraft.resume_code_hash == _code_hash(code)))
    if draft is None or draft.form_version_id not in version_ids or draft.response_id is not None:
        return None
    return find_draft(draft.token)


def purge_expired(now: dt.datetime | None = None) -> int:
    """Delete expired drafts, and resume-code emails whose code has expired; returns how many drafts went.

    A code lasts at most ``DRAFT_DAYS``, so its email (the address and the code) is kept no longer.
    """
    now = now or dt.datetime.now(dt.UTC)
    result = db.session.execute(delete(FormDraft).where(FormDraft.expires_at <= now))
    db.session.execute(
        delete(OutboxMessage)
        .where(
            OutboxMessage.purpose == RESUME_CODE_PURPOSE,
            OutboxMessage.created_at <= now - dt.timedelta(days=DRAFT_DAYS),
            OutboxMessage.status != SENDING,  # a worker holds it; the next purge takes it
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount or 0
