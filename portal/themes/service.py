"""Theme coding in the database: comments, tags, suggestions, agreement, "you said, we did", updates.

Views call these and commit; nothing here commits except where a docstring says so.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import delete, select

from portal.core.models import utcnow
from portal.extensions import db
from portal.forms_engine import crypto
from portal.forms_engine.content import definition_of, latest_version
from portal.forms_engine.models import Answer, ContactDetail, Form, FormVersion, Response
from portal.outbox import queue_message
from portal.themes import agreement
from portal.themes.models import (
    ACCEPTED,
    BY_OFFICER,
    BY_SUGGESTION,
    FIRST,
    MODEL,
    OPEN,
    REJECTED,
    SECOND,
    Theme,
    ThemeAction,
    ThemeCoding,
    ThemePublication,
    ThemeSuggestion,
    ThemeTag,
    ThemeUpdate,
)

FREE_TEXT = ("long_text", "short_text")


def form_by_slug(slug: str) -> Form | None:
    return db.session.scalar(select(Form).where(Form.slug == slug))


def free_text_questions(slug: str) -> dict[str, str]:
    """The form's free-text questions (key -> English text), personal questions left out."""
    version = latest_version(slug)
    if version is None:
        return {}
    definition = definition_of(version)
    return {
        q.key: (q.text if isinstance(q.text, str) else q.text.get("en", ""))
        for q in definition.questions
        if q.type in FREE_TEXT and not q.personal
    }


def comments(slug: str, question: str | None = None) -> list[Answer]:
    """The free-text answers given to a form, oldest first."""
    keys = list(free_text_questions(slug))
    if question:
        keys = [k for k in keys if k == question]
    if not keys:
        return []
    return list(
        db.session.scalars(
            select(Answer)
            .join(Response, Answer.response_id == Response.id)
            .join(FormVersion, Response.form_version_id == FormVersion.id)
            .join(Form, FormVersion.form_id == Form.id)
            .where(Form.slug == slug, Answer.question_key.in_(keys), Answer.value != "")
            .order_by(Answer.id)
        )
    )


def themes_of(form: Form) -> list[Theme]:
    return list(db.session.scalars(select(Theme).where(Theme.form_id == form.id).order_by(Theme.name)))


def tags_by_answer(answer_ids: list[int], round_: str = FIRST) -> dict[int, dict[int, ThemeTag]]:
    """answer id -> {theme id -> tag} in one round."""
    found: dict[int, dict[int, ThemeTag]] = defaultdict(dict)
    if answer_ids:
        for tag in db.session.scalars(
            select(ThemeTag).where(ThemeTag.answer_id.in_(answer_ids), ThemeTag.round == round_)
        ):
            found[tag.answer_id][tag.theme_id] = tag
    return found


def codings_by_answer(answer_ids: list[int], round_: str) -> dict[int, ThemeCoding]:
    if not answer_ids:
        return {}
    return {
        c.answer_id: c
        for c in db.session.scalars(
            select(ThemeCoding).where(ThemeCoding.answer_id.in_(answer_ids), ThemeCoding.round == round_)
        )
    }


def mark_coded(answer_id: int, round_: str, coder_id: int | None, model: str | None = None) -> None:
    coding = db.session.scalar(
        select(ThemeCoding).where(ThemeCoding.answer_id == answer_id, ThemeCoding.round == round_)
    )
    if coding is None:
        db.session.add(ThemeCoding(answer_id=answer_id, round=round_, coder_id=coder_id, model=model))
    else:
        coding.coder_id, coding.model, coding.coded_at = coder_id, model, utcnow()


def set_tags(
    answer: Answer, theme_ids: set[int], officer_id: int, round_: str = FIRST, quotes: set[int] = frozenset()
) -> dict:
    """An officer's coding of one comment in a round: exactly these themes; returns what changed."""
    current = tags_by_answer([answer.id], round_).get(answer.id, {})
    added = theme_ids - set(current)
    removed = set(current) - theme_ids
    for theme_id in removed:
        db.session.delete(current[theme_id])
    for theme_id in added:
        db.session.add(
            ThemeTag(
                answer_id=answer.id,
                theme_id=theme_id,
                round=round_,
                set_by=officer_id,
                source=BY_OFFICER,
                quote=theme_id in quotes,
            )
        )
    for theme_id, tag in current.items():
        if theme_id in theme_ids:
            tag.quote = theme_id in quotes
    mark_coded(answer.id, round_, officer_id)
    return {"added": sorted(added), "removed": sorted(removed)}


def decide(suggestion: ThemeSuggestion, accept: bool, officer_id: int) -> None:
    """Accept (the theme becomes a tag that names the model) or reject a suggestion."""
    suggestion.status = ACCEPTED if accept else REJECTED
    suggestion.decided_by = officer_id
    suggestion.decided_at = utcnow()
    if not accept:
        return
    existing = db.session.scalar(
        select(ThemeTag).where(
            ThemeTag.answer_id == suggestion.answer_id,
            ThemeTag.theme_id == suggestion.theme_id,
            ThemeTag.round == FIRST,
        )
    )
    if existing is None:
        db.session.add(
            ThemeTag(
                answer_id=suggestion.answer_id,
                theme_id=suggestion.theme_id,
                round=FIRST,
                set_by=officer_id,
                source=BY_SUGGESTION,
                model_name=suggestion.model_name,
                model_version=suggestion.model_version,
                quote=False,
            )
        )
    mark_coded(suggestion.answer_id, FIRST, officer_id)


def counts(form: Form) -> list[dict]:
    """Each theme with how many comments carry it (main coding) and its picked quotes."""
    themes = themes_of(form)
    ids = [t.id for t in themes]
    tally: Counter = Counter()
    quotes: dict[int, list[str]] = defaultdict(list)
    by_question: dict[int, Counter] = defaultdict(Counter)
    if ids:
        rows = db.session.execute(
            select(ThemeTag.theme_id, ThemeTag.quote, Answer.value, Answer.question_key)
            .join(Answer, ThemeTag.answer_id == Answer.id)
            .where(ThemeTag.theme_id.in_(ids), ThemeTag.round == FIRST)
            .order_by(ThemeTag.id)
        ).all()
        for theme_id, quote, text, question in rows:
            tally[theme_id] += 1
            by_question[theme_id][question] += 1
            if quote:
                quotes[theme_id].append(text)
    return [
        {"theme": t, "count": tally[t.id], "quotes": quotes[t.id], "by_question": dict(by_question[t.id])}
        for t in themes
    ]


# --- suggestions ---------------------------------------------------------------------------


def suggest_for_form(slug: str) -> int:
    """Score every comment not yet coded against the form's themes and keep the suggestions.

    Raises embedding.ModelUnavailable when the model cannot be loaded. Returns the number of
    suggestions made. Officer-tagged comments are the examples; comments already coded are left.
    """
    from portal.themes import embedding, suggest

    form = form_by_slug(slug)
    themes = themes_of(form) if form else []
    if not themes:
        return 0
    answers = comments(slug)
    ids = [a.id for a in answers]
    coded = codings_by_answer(ids, FIRST)
    tags = tags_by_answer(ids, FIRST)
    pending = [a for a in answers if a.id not in coded]
    if not pending:
        return 0
    examples = [a for a in answers if a.id in tags]
    vectors = embedding.embed([a.value for a in pending] + [a.value for a in examples])
    pending_vectors, example_vectors = vectors[: len(pending)], vectors[len(pending) :]
    described = embedding.embed([f"{t.name}. {t.description}" for t in themes])
    profiles = []
    for j, theme in enumerate(themes):
        rows = [i for i, a in enumerate(examples) if theme.id in tags[a.id]]
        profiles.append(suggest.ThemeProfile(theme.name, described[j], example_vectors[rows]))
    table = suggest.scores(pending_vectors, profiles)
    version = embedding.model_version()
    made = 0
    for answer, row in zip(pending, table, strict=True):
        chosen = suggest.choose(row)
        db.session.execute(
            delete(ThemeSuggestion).where(
                ThemeSuggestion.answer_id == answer.id, ThemeSuggestion.status == OPEN
            )
        )
        decided = set(
            db.session.scalars(select(ThemeSuggestion.theme_id).where(ThemeSuggestion.answer_id == answer.id))
        )
        for j in chosen:
            if themes[j].id in decided:
                continue
            db.session.add(
                ThemeSuggestion(
                    answer_id=answer.id,
                    theme_id=themes[j].id,
                    score=float(row[j]),
                    model_name=embedding.MODEL_NAME,
                    model_version=version,
                    status=OPEN,
                )
            )
            made += 1
        mark_coded(answer.id, MODEL, None, model=f"{embedding.MODEL_NAME} {version}")
    return made


def candidate_groups(slug: str, limit: int = 5) -> list[list[str]]:
    """Groups of comments no theme covers yet: candidates for new themes (needs the model)."""
    from portal.themes import embedding, suggest

    answers = comments(slug)
    tagged = tags_by_answer([a.id for a in answers], FIRST)
    untagged = [a for a in answers if a.id not in tagged]
    if len(untagged) < 2:
        return []
    vectors = embedding.embed([a.value for a in untagged])
    return [[untagged[i].value for i in group[:3]] for group in suggest.clusters(vectors)[:limit]]


def open_suggestions(slug: str) -> list[tuple[ThemeSuggestion, Answer, Theme]]:
    form = form_by_slug(slug)
    if form is None:
        return []
    return list(
        db.session.execute(
            select(ThemeSuggestion, Answer, Theme)
            .join(Answer, ThemeSuggestion.answer_id == Answer.id)
            .join(Theme, ThemeSuggestion.theme_id == Theme.id)
            .where(Theme.form_id == form.id, ThemeSuggestion.status == OPEN)
            .order_by(Answer.id, ThemeSuggestion.score.desc())
        ).all()
    )


# --- agreement -----------------------------------------------------------------------------


def _coding(form: Form, round_: str) -> dict[int, set[str]]:
    """answer id -> theme names, for every comment coded in the round (uncoded comments left out)."""
    themes = {t.id: t.name for t in themes_of(form)}
    answers = [a.id for a in comments(form.slug)]
    coded = codings_by_answer(answers, round_)
    result: dict[int, set[str]] = {answer_id: set() for answer_id in coded}
    if round_ == MODEL:
        rows = db.session.execute(
            select(ThemeSuggestion.answer_id, ThemeSuggestion.theme_id).where(
                ThemeSuggestion.answer_id.in_(list(coded))
            )
        ).all()
    else:
        rows = db.session.execute(
            select(ThemeTag.answer_id, ThemeTag.theme_id).where(
                ThemeTag.answer_id.in_(list(coded)), ThemeTag.round == round_
            )
        ).all()
    for answer_id, theme_id in rows:
        if theme_id in themes:
            result[answer_id].add(themes[theme_id])
    return result


def agreement_for(form: Form) -> dict:
    """Officer v officer (double-coded sample) and officer v suggestions, per theme and overall."""
    names = [t.name for t in themes_of(form)]
    first = _coding(form, FIRST)
    return {
        "officers": agreement.compare(first, _coding(form, SECOND), names),
        "suggestions": agreement.compare(first, _coding(form, MODEL), names),
    }


# --- you said, we did ----------------------------------------------------------------------


def is_published(form: Form) -> bool:
    return db.session.get(ThemePublication, form.id) is not None


def published_view(slug: str) -> list[dict] | None:
    """What the public page shows: themes with a response, in name order; None if not published."""
    form = form_by_slug(slug)
    if form is None or not is_published(form):
        return None
    return [
        {"name": t.name, "you_said": t.you_said, "we_did_html": t.we_did_html, "actions": t.actions}
        for t in themes_of(form)
        if t.we_did_html or t.actions
    ]


def opted_in_recipients(form: Form) -> list[tuple[int, str, str]]:
    """(response id, channel, address) for each respondent who left an email or mobile for updates.

    Email is preferred when both were given. Addresses are decrypted here only to be handed to the
    outbox, which stores them encrypted again.
    """
    version = latest_version(form.slug)
    if version is None:
        return []
    types = {q.key: q.type for q in definition_of(version).questions if q.personal}
    rows = db.session.execute(
        select(ContactDetail.response_id, ContactDetail.question_key, ContactDetail.value_encrypted)
        .join(Response, ContactDetail.response_id == Response.id)
        .join(FormVersion, Response.form_version_id == FormVersion.id)
        .where(FormVersion.form_id == form.id)
        .order_by(ContactDetail.response_id)
    ).all()
    found: dict[int, dict[str, str]] = defaultdict(dict)
    for response_id, key, encrypted in rows:
        kind = types.get(key)
        if kind in ("email", "phone"):
            try:
                found[response_id][kind] = crypto.decrypt(encrypted)
            except ValueError:
                continue
    result = []
    for response_id, contact in found.items():
        if "email" in contact:
            result.append((response_id, "email", contact["email"]))
        elif "phone" in contact:
            result.append((response_id, "sms", contact["phone"]))
    return result


def _tell(form: Form, update: ThemeUpdate, body: str, page_url: str) -> int:
    sent = 0
    for response_id, channel, address in opted_in_recipients(form):
        queue_message(
            channel,
            address,
            f"{body} {page_url}",
            purpose="you_said_we_did",
            dedupe_key=f"themes-update:{update.id}:{response_id}",
        )
        sent += 1
    update.notified = sent
    return sent


def publish(form: Form, officer_id: int, title: str, page_url: str) -> ThemeUpdate | None:
    """Publish "you said, we did" and queue one message per opted-in respondent (None if already)."""
    if is_published(form):
        return None
    db.session.add(ThemePublication(form_id=form.id, published_by=officer_id))
    update = ThemeUpdate(form_id=form.id, kind="published", made_by=officer_id)
    db.session.add(update)
    db.session.flush()
    _tell(
        form,
        update,
        f"Worcestershire Children First: we have published what we did after “{title}”.",
        page_url,
    )
    return update


def unpublish(form: Form) -> bool:
    publication = db.session.get(ThemePublication, form.id)
    if publication is None:
        return False
    db.session.delete(publication)
    return True


STATUS_WORDS = {"planned": "planned", "in_progress": "in progress", "done": "done"}


def change_action_status(
    action: ThemeAction, status: str, officer_id: int, title: str, page_url: str
) -> ThemeUpdate | None:
    """Change an action's status; once published, people who asked for updates are told once."""
    if status not in STATUS_WORDS:
        raise ValueError(status)
    if action.status == status:
        return None
    action.status = status
    action.updated_at = utcnow()
    theme = action.theme
    update = ThemeUpdate(
        form_id=theme.form_id, kind="action_status", action_id=action.id, status=status, made_by=officer_id
    )
    db.session.add(update)
    db.session.flush()
    form = db.session.get(Form, theme.form_id)
    if is_published(form):
        _tell(
            form,
            update,
            f"Worcestershire Children First: an action after “{title}” is now {STATUS_WORDS[status]}.",
            page_url,
        )
    return update
