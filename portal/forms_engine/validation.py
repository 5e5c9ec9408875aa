"""Checks on a raw form definition, each problem named by its place (pages[1].questions[0]...)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from portal.forms_engine.definition import (
    _KEY,
    _PAGE_KEY,
    _SLUG,
    _VALUE,
    AUDIENCES,
    CHOICE_TYPES,
    KINDS,
    QUESTION_TYPES,
    SEPARATOR,
    TEXT_TYPES,
)

TOP_LEVEL = {
    "slug", "kind", "version", "title", "summary", "audience", "sensitive", "sample", "opens", "closes",
    "intro", "how_else_to_respond", "contacts", "privacy", "outcome", "results_published",
    "equality_monitoring", "pages",
}  # fmt: skip
QUESTION_KEYS = {
    "key", "number", "text", "hint", "type", "required", "max_length", "options", "show_if", "personal",
    "safeguarding_check", "min", "max", "whole_number", "max_choices", "scale", "errors",
}  # fmt: skip
OPTION_KEYS = {"value", "label", "write_in", "write_in_label"}
PRIVACY_KEYS = ("purpose", "lawful_basis", "retention_days", "who_sees")
CONDITION_OPERATORS = ("equals", "in", "any_of", "answered")
ERROR_KINDS = ("required", "max_length", "format", "range", "write_in")


def check_definition(data: Any) -> list[str]:
    """Every problem with a definition, as readable sentences; empty when it can be used."""
    if not isinstance(data, dict):
        return ["the definition must be a mapping of keys to values"]
    problems: list[str] = []
    for key in sorted(set(data) - TOP_LEVEL):
        problems.append(f"{key}: unknown key")
    for key in ("slug", "kind", "version", "title", "summary", "audience", "privacy", "pages"):
        if data.get(key) in (None, "", []):
            problems.append(f"{key}: is required")
    if isinstance(data.get("slug"), str) and not _SLUG.match(data["slug"]):
        problems.append("slug: use lower-case letters, digits and single hyphens")
    if data.get("kind") is not None and data.get("kind") not in KINDS:
        problems.append(f"kind: must be one of {', '.join(KINDS)}")
    if data.get("version") is not None and (not isinstance(data["version"], int) or data["version"] < 1):
        problems.append("version: must be a whole number of 1 or more")
    for key in ("title", "summary", "intro", "how_else_to_respond", "outcome"):
        if data.get(key) is not None:
            problems += _check_text(data[key], key)
    problems += _check_audience(data.get("audience"))
    problems += _check_dates(data)
    problems += _check_privacy(data.get("privacy"))
    problems += _check_contacts(data.get("contacts"))
    for key in ("sensitive", "sample", "results_published", "equality_monitoring"):
        if key in data and not isinstance(data[key], bool):
            problems.append(f"{key}: must be true or false")
    if isinstance(data.get("pages"), list):
        problems += _check_pages(data["pages"])
    elif data.get("pages") is not None:
        problems.append("pages: must be a list of pages")
    return problems


def _check_text(text: Any, where: str) -> list[str]:
    if isinstance(text, str):
        return [] if text.strip() else [f"{where}: must not be empty"]
    if isinstance(text, dict):
        if not isinstance(text.get("en"), str) or not text["en"].strip():
            return [f"{where}: a text in several languages must include 'en'"]
        bad = [k for k, v in text.items() if not isinstance(v, str)]
        return [f"{where}.{k}: must be text" for k in bad]
    return [f"{where}: must be text, or a mapping of language codes to text"]


def _check_audience(audience: Any) -> list[str]:
    if audience is None:
        return []
    if not isinstance(audience, list) or not audience:
        return ["audience: must be a list such as [parents, young_people]"]
    return [
        f"audience: unknown audience '{a}' (use {', '.join(AUDIENCES)})"
        for a in audience
        if a not in AUDIENCES
    ]


def _check_dates(data: dict) -> list[str]:
    problems = []
    dates = {}
    for key in ("opens", "closes"):
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                problems.append(f"{key}: must be a date like 2019-06-14")
                continue
        if not isinstance(value, dt.date):
            problems.append(f"{key}: must be a date like 2019-06-14")
            continue
        dates[key] = value
    if len(dates) == 2 and dates["opens"] > dates["closes"]:
        problems.append("closes: must not be before opens")
    return problems


def _check_privacy(privacy: Any) -> list[str]:
    if privacy is None:
        return []
    if not isinstance(privacy, dict):
        return ["privacy: must be a mapping with purpose, lawful_basis, retention_days and who_sees"]
    problems = [f"privacy.{k}: is required" for k in PRIVACY_KEYS if privacy.get(k) in (None, "")]
    days = privacy.get("retention_days")
    if days is not None and (not isinstance(days, int) or isinstance(days, bool) or days < 1):
        problems.append("privacy.retention_days: must be a whole number of days, 1 or more")
    for key in ("purpose", "lawful_basis", "who_sees"):
        if privacy.get(key) not in (None, ""):
            problems += _check_text(privacy[key], f"privacy.{key}")
    return problems


def _check_contacts(contacts: Any) -> list[str]:
    if contacts is None:
        return []
    if not isinstance(contacts, list):
        return ["contacts: must be a list"]
    problems = []
    for i, c in enumerate(contacts):
        where = f"contacts[{i}]"
        if not isinstance(c, dict) or "label" not in c:
            problems.append(f"{where}: needs a label and one of email, phone, address or url")
        elif not {"email", "phone", "address", "url"} & set(c):
            problems.append(f"{where}: needs one of email, phone, address or url")
    return problems


def _check_pages(pages: list) -> list[str]:
    problems: list[str] = []
    page_keys: set[str] = set()
    earlier: dict[str, dict] = {}
    for i, page in enumerate(pages):
        where = f"pages[{i}]"
        if not isinstance(page, dict):
            problems.append(f"{where}: must be a mapping with key and questions")
            continue
        key = page.get("key")
        if not isinstance(key, str) or not _PAGE_KEY.match(key):
            problems.append(f"{where}.key: is required (letters, digits, hyphens)")
        elif key in page_keys:
            problems.append(f"{where}.key: '{key}' is used by another page")
        else:
            page_keys.add(key)
        if page.get("title") is not None:
            problems += _check_text(page["title"], f"{where}.title")
        for extra in sorted(set(page) - {"key", "title", "questions"}):
            problems.append(f"{where}.{extra}: unknown key")
        questions = page.get("questions")
        if not isinstance(questions, list) or not questions:
            problems.append(f"{where}.questions: must list at least one question")
            continue
        on_page: dict[str, dict] = {}
        for j, q in enumerate(questions):
            qwhere = f"{where}.questions[{j}]"
            if not isinstance(q, dict):
                problems.append(f"{qwhere}: must be a mapping")
                continue
            # A condition may refer to questions on earlier pages or earlier on the same page.
            problems += _check_question(q, qwhere, {**earlier, **on_page})
            if isinstance(q.get("key"), str):
                if q["key"] in earlier or q["key"] in on_page:
                    problems.append(f"{qwhere}.key: '{q['key']}' is used by another question")
                on_page[q["key"]] = q
        earlier.update(on_page)
    return problems


def _check_question(q: dict, where: str, earlier: dict[str, dict]) -> list[str]:
    problems = [f"{where}.{k}: unknown key" for k in sorted(set(q) - QUESTION_KEYS)]
    key, qtype = q.get("key"), q.get("type")
    if not isinstance(key, str) or not _KEY.match(key) or "__" in key:
        problems.append(f"{where}.key: is required (lower-case letters, digits and single underscores)")
    if q.get("text") in (None, ""):
        problems.append(f"{where}.text: is required")
    else:
        problems += _check_text(q["text"], f"{where}.text")
    if q.get("hint") is not None:
        problems += _check_text(q["hint"], f"{where}.hint")
    if qtype not in QUESTION_TYPES:
        problems.append(f"{where}.type: must be one of {', '.join(QUESTION_TYPES)}")
        return problems
    for flag in ("required", "personal", "safeguarding_check", "whole_number"):
        if flag in q and not isinstance(q[flag], bool):
            problems.append(f"{where}.{flag}: must be true or false")
    if "max_length" in q:
        if qtype not in TEXT_TYPES:
            problems.append(f"{where}.max_length: only text questions have a character limit")
        elif not isinstance(q["max_length"], int) or q["max_length"] < 1:
            problems.append(f"{where}.max_length: must be a whole number of 1 or more")
    if q.get("personal") and qtype not in TEXT_TYPES:
        problems.append(f"{where}.personal: only text, email and phone questions can be personal")
    if q.get("safeguarding_check") and qtype not in ("short_text", "long_text"):
        problems.append(f"{where}.safeguarding_check: only free-text questions can be checked")
    if q.get("personal") and q.get("safeguarding_check"):
        problems.append(f"{where}: a personal question cannot also be checked for safeguarding")
    problems += _check_options(q, where)
    problems += _check_limits(q, where)
    for kind, message in (q.get("errors") or {}).items():
        if kind not in ERROR_KINDS:
            problems.append(f"{where}.errors.{kind}: unknown error (use {', '.join(ERROR_KINDS)})")
        else:
            problems += _check_text(message, f"{where}.errors.{kind}")
    if "show_if" in q:
        problems += _check_condition(q["show_if"], f"{where}.show_if", earlier)
    return problems


def _check_options(q: dict, where: str) -> list[str]:
    qtype = q["type"]
    if qtype == "rating":
        scale = q.get("scale")
        if not isinstance(scale, list) or len(scale) < 2:
            return [f"{where}.scale: a rating needs a scale of at least 2 labelled points"]
        problems = []
        for i, point in enumerate(scale):
            if not isinstance(point, dict) or not isinstance(point.get("value"), int) or "label" not in point:
                problems.append(f"{where}.scale[{i}]: needs a whole-number value and a label")
            else:
                problems += _check_text(point["label"], f"{where}.scale[{i}].label")
                emoji = point.get("emoji")
                if emoji is not None and (not isinstance(emoji, str) or not 0 < len(emoji) <= 8):
                    problems.append(f"{where}.scale[{i}].emoji: must be short text, such as one emoji")
        values = [p.get("value") for p in scale if isinstance(p, dict)]
        if len(values) != len(set(values)):
            problems.append(f"{where}.scale: each point needs its own value")
        return problems
    if qtype not in CHOICE_TYPES:
        return [f"{where}.options: only choice questions have options"] if "options" in q else []
    options = q.get("options")
    if not isinstance(options, list) or len(options) < 2:
        return [f"{where}.options: a choice question needs at least 2 options"]
    problems: list[str] = []
    seen: set[str] = set()
    for i, o in enumerate(options):
        owhere = f"{where}.options[{i}]"
        if not isinstance(o, dict):
            problems.append(f"{owhere}: needs a value and a label")
            continue
        problems += [f"{owhere}.{k}: unknown key" for k in sorted(set(o) - OPTION_KEYS)]
        value = o.get("value")
        if not isinstance(value, str) or not _VALUE.match(value):
            problems.append(f"{owhere}.value: is required (lower-case letters, digits and underscores)")
        elif value in seen:
            problems.append(f"{owhere}.value: '{value}' is used by another option")
        else:
            seen.add(value)
        if o.get("label") in (None, ""):
            problems.append(f"{owhere}.label: is required")
        else:
            problems += _check_text(o["label"], f"{owhere}.label")
            labels = o["label"].values() if isinstance(o["label"], dict) else [o["label"]]
            if any(SEPARATOR in label for label in labels if isinstance(label, str)):
                problems.append(f"{owhere}.label: must not contain '; ' (it separates several choices)")
    if sum(1 for o in options if isinstance(o, dict) and o.get("write_in")) > 1:
        problems.append(f"{where}.options: only one option can have a write-in box")
    if qtype == "multiple_choice" and any(isinstance(o, dict) and o.get("write_in") for o in options):
        problems.append(f"{where}.options: write-in boxes are for single choice questions")
    return problems


def _check_limits(q: dict, where: str) -> list[str]:
    qtype = q["type"]
    problems = []
    for key in ("min", "max"):
        if key not in q:
            continue
        value = q[key]
        if qtype == "number" and not isinstance(value, int | float):
            problems.append(f"{where}.{key}: must be a number")
        elif qtype == "date" and not (value == "today" or isinstance(value, dt.date) or _is_iso(value)):
            problems.append(f"{where}.{key}: must be a date like 2019-06-14, or 'today'")
        elif qtype not in ("number", "date"):
            problems.append(f"{where}.{key}: only number and date questions have limits")
    if "max_choices" in q and (qtype != "multiple_choice" or not isinstance(q["max_choices"], int)):
        problems.append(f"{where}.max_choices: only for multiple choice, as a whole number")
    return problems


def _is_iso(value: Any) -> bool:
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def _option_values(q: dict) -> set[str]:
    if q.get("type") == "yes_no":
        return {"yes", "no"}
    if q.get("type") == "rating":
        return {str(p.get("value")) for p in q.get("scale") or () if isinstance(p, dict)}
    return {str(o.get("value")) for o in q.get("options") or () if isinstance(o, dict)}


def _check_condition(cond: Any, where: str, earlier: dict[str, dict]) -> list[str]:
    if not isinstance(cond, dict) or not cond:
        return [f"{where}: must be a condition such as {{question: role, equals: parent_carer}}"]
    for combiner in ("all", "any"):
        if combiner in cond:
            parts = cond[combiner]
            if len(cond) != 1 or not isinstance(parts, list) or not parts:
                return [f"{where}.{combiner}: must be the only key, with a list of conditions"]
            return [
                p
                for i, c in enumerate(parts)
                for p in _check_condition(c, f"{where}.{combiner}[{i}]", earlier)
            ]
    if "not" in cond:
        if len(cond) != 1:
            return [f"{where}.not: must be the only key"]
        return _check_condition(cond["not"], f"{where}.not", earlier)
    key = cond.get("question")
    if key not in earlier:
        return [f"{where}: question '{key}' is not an earlier question"]
    operators = [op for op in CONDITION_OPERATORS if op in cond]
    extra = set(cond) - {"question", *CONDITION_OPERATORS}
    if len(operators) != 1 or extra:
        return [f"{where}: use exactly one of {', '.join(CONDITION_OPERATORS)} with 'question'"]
    op, target = operators[0], earlier[key]
    if op == "answered":
        return [] if isinstance(cond[op], bool) else [f"{where}.answered: must be true or false"]
    choices = _option_values(target)
    if target.get("type") not in (*CHOICE_TYPES, "yes_no", "rating"):
        return [f"{where}: '{key}' has no options to compare; use answered"]
    if op == "any_of" and target.get("type") != "multiple_choice":
        return [f"{where}.any_of: only for multiple choice questions; use in"]
    if op in ("equals", "in") and target.get("type") == "multiple_choice":
        return [f"{where}.{op}: '{key}' is multiple choice; use any_of"]
    values = [cond[op]] if op == "equals" else cond[op]
    if not isinstance(values, list) or not values:
        return [f"{where}.{op}: must list option values"]
    return [f"{where}.{op}: '{v}' is not an option of '{key}'" for v in values if str(v) not in choices]
