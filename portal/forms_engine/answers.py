"""Reading and checking answers: one set of rules for online pages, officer entry and imports.

Answers are kept as plain data: an option value, a list of option values (multiple choice),
text, an ISO date or a normalised number, all as strings, keyed by question key; a write-in
("Other, please specify") is kept under "<key>__other".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask import has_request_context
from flask_babel import gettext, ngettext
from markupsafe import Markup, escape

from portal.forms_engine.definition import Question, Text, english_fallback, localise
from portal.i18n import in_english

_PHONE_CHARS = re.compile(r"[\s\-().]")
_UK_PHONE = re.compile(r"^(?:0|\+44|0044)\d{9,10}$")
_INTERNATIONAL_PHONE = re.compile(r"^(?:\+|00)[1-9]\d{7,14}$")


def _(message: str, **params: Any) -> str:
    """Translate for the person reading (commands and imports, with no request, get English)."""
    if has_request_context():
        return gettext(message, **params)
    return message % params if params else message


def _n(singular: str, plural: str, num: int, **params: Any) -> str:
    """``_`` for a message about a count, in the plural form the reader's language needs."""
    if has_request_context():
        return ngettext(singular, plural, num, **params)
    return (singular if num == 1 else plural) % {"num": num, **params}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an answer: the field it belongs to and what to do about it. On a page
    in another language the message is Markup when it quotes definition text that is not translated
    (marked ``lang="en"`` with "(in English)", like the question pages); imports get plain text."""

    field: str
    message: str


def other_key(question: Question) -> str:
    """The key of the write-in text for a question's "Other" option."""
    return f"{question.key}__other"


def read_page(questions: list[Question], form: Any, today: dt.date, language: str = "en"):
    """Read the posted fields of one page into answers; return (answers, problems)."""
    answers: dict[str, Any] = {}
    problems: list[Problem] = []
    for question in questions:
        value, other, date_problem = _read_field(question, form)
        if date_problem:
            problems.append(date_problem)
            continue
        found = check_answer(question, value, other, today, language)
        problems += found
        if value not in (None, "", []):
            answers[question.key] = value
        if other:
            answers[other_key(question)] = other
    return answers, problems


def _read_field(question: Question, form: Any):
    key = question.key
    if question.type == "multiple_choice":
        chosen = set(form.getlist(key))
        ordered = [o.value for o in question.options if o.value in chosen]
        unknown = sorted(chosen - {o.value for o in question.options})
        return ordered + unknown, None, None
    if question.type == "date":
        # GOV.UK Frontend's date input posts three values under one name (day, month, year).
        posted = form.getlist(key)
        if len(posted) == 3:
            parts = dict(zip(("day", "month", "year"), (p.strip() for p in posted), strict=True))
        else:
            parts = {part: (form.get(f"{key}-{part}") or "").strip() for part in ("day", "month", "year")}
        if not any(parts.values()):
            return None, None, None
        value, problem = parse_date_parts(key, parts["day"], parts["month"], parts["year"])
        return value, None, problem
    value = form.get(key)
    value = normalise_text(value) if value is not None else None
    other = None
    write_in = question.write_in_option
    if write_in is not None and value == write_in.value:
        other = normalise_text(form.get(other_key(question)) or "") or None
    if question.type == "number" and value:
        value = value.replace(",", "")
    return value or None, other, None


def normalise_text(text: str) -> str:
    """Typed text with line endings made \n and outer spaces removed."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def parse_date_parts(key: str, day: str, month: str, year: str) -> tuple[str | None, Problem | None]:
    """A GOV.UK date input's three parts as an ISO date, or the problem with them."""
    missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
    if missing:
        names = {"day": _("a day"), "month": _("a month"), "year": _("a year")}
        joined = " " + _("and") + " "
        message = _("Date must include %(parts)s", parts=joined.join(names[m] for m in missing))
        return None, Problem(f"{key}-{missing[0]}", message)
    if not (day.isdigit() and month.isdigit() and year.isdigit()):
        return None, Problem(f"{key}-day", _("Date must be a real date"))
    if len(year) != 4:
        return None, Problem(f"{key}-year", _("Year must include 4 numbers"))
    try:
        return dt.date(int(year), int(month), int(day)).isoformat(), None
    except ValueError:
        return None, Problem(f"{key}-day", _("Date must be a real date"))


def check_answer(
    question: Question, value: Any, other: str | None, today: dt.date, language: str = "en"
) -> list[Problem]:
    """Problems with one answer already in its stored form (empty when it is fine)."""
    field = f"{question.key}-day" if question.type == "date" else question.key
    if value in (None, "", []):
        if question.required:
            return [Problem(field, _custom(question, "required", language) or _required_message(question))]
        return []
    checker = _CHECKS.get(question.type, _check_text)
    message = checker(question, value, today)
    if message:
        return [Problem(field, _custom(question, "format", language) or message)]
    write_in = question.write_in_option
    if write_in is not None and value == write_in.value:
        if not other:
            message = _custom(question, "write_in", language) or _quoting(
                N_("Enter your answer for ‘%(label)s’"), "label", write_in.label, language
            )
            return [Problem(f"{question.key}__other", message)]
        if len(other) > 200:
            return [Problem(f"{question.key}__other", _("Your answer must be 200 characters or fewer"))]
    return []


def _custom(question: Question, kind: str, language: str) -> str | None:
    """A message the definition gives for this question; marked as English where not translated."""
    text = question.errors.get(kind)
    if not text:
        return None
    if _shown_in_english(text, language):
        return in_english(localise(text, language))
    return localise(text, language)


def _shown_in_english(text: Text, language: str) -> bool:
    """True when a page is being drawn and ``text`` has no wording in ``language``, so English shows."""
    return has_request_context() and english_fallback(text, language)


def N_(message: str) -> str:  # noqa: N802 (the name pybabel looks for)
    """Mark a message for the catalogues; ``_quoting`` translates it when the page is drawn."""
    return message


def _quoting(message: str, name: str, text: Text, language: str) -> str:
    """A message quoting definition text (an option's name). When that text is shown in English to
    a reader of another language, the quote is marked ``lang="en"`` and the message ends with a
    translated "(in English)", as on the question page; otherwise plain text."""
    words = localise(text, language)
    if not _shown_in_english(text, language):
        return _(message, **{name: words})
    marked = escape(gettext(message)) % {name: in_english(words, marker=False)}
    return marked + Markup(' <span class="app-in-english">{}</span>').format(gettext("(in English)"))


def _required_message(question: Question) -> str:
    number = question.number
    messages = {
        "single_choice": (_("Select an answer to question %(n)s", n=number), _("Select an answer")),
        "yes_no": (_("Select yes or no for question %(n)s", n=number), _("Select yes or no")),
        "rating": (_("Select a rating for question %(n)s", n=number), _("Select a rating")),
        "multiple_choice": (
            _("Select at least one option for question %(n)s", n=number),
            _("Select at least one option"),
        ),
        "email": (_("Enter your email address"), _("Enter your email address")),
        "phone": (_("Enter your phone number"), _("Enter your phone number")),
        "number": (_("Enter a number for question %(n)s", n=number), _("Enter a number")),
        "date": (_("Enter a date for question %(n)s", n=number), _("Enter a date")),
    }
    default = (_("Enter your answer to question %(n)s", n=number), _("Enter your answer"))
    numbered, plain = messages.get(question.type, default)
    return numbered if number else plain


def _check_choice(question: Question, value: Any, today: dt.date) -> str | None:
    if not isinstance(value, str) or question.option(value) is None:
        return _("Select one of the options shown")
    return None


def _check_multiple(question: Question, value: Any, today: dt.date) -> str | None:
    if not isinstance(value, list) or any(question.option(v) is None for v in value):
        return _("Select from the options shown")
    if len(set(value)) != len(value):
        return _("Select each option only once")
    if question.max_choices and len(value) > question.max_choices:
        return _("Select %(n)s options or fewer", n=question.max_choices)
    return None


def _check_text(question: Question, value: Any, today: dt.date) -> str | None:
    if not isinstance(value, str):
        return _("Enter your answer as text")
    if question.max_length and len(value) > question.max_length:
        return _n(
            "Your answer must be %(num)d character or fewer (it is %(length)s)",
            "Your answer must be %(num)d characters or fewer (it is %(length)s)",
            question.max_length,
            length=len(value),
        )
    return None


def _check_email(question: Question, value: Any, today: dt.date) -> str | None:
    too_long = _check_text(question, value, today)
    if too_long:
        return too_long
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return _("Enter an email address in the correct format, like name@example.com")
    return None


def _check_phone(question: Question, value: Any, today: dt.date) -> str | None:
    digits = _PHONE_CHARS.sub("", value) if isinstance(value, str) else ""
    if not (_UK_PHONE.match(digits) or _INTERNATIONAL_PHONE.match(digits)):
        return _("Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192")
    return None


def _check_number(question: Question, value: Any, today: dt.date) -> str | None:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        return _("Enter a whole number, like 9") if question.whole_number else _("Enter a number, like 9")
    if question.whole_number and number != number.to_integral_value():
        return _("Enter a whole number, like 9")
    low, high = question.minimum, question.maximum
    if (low is not None and number < Decimal(str(low))) or (high is not None and number > Decimal(str(high))):
        if low is not None and high is not None:
            return _("Enter a number between %(low)s and %(high)s", low=low, high=high)
        if low is not None:
            return _("Enter a number that is %(low)s or more", low=low)
        return _("Enter a number that is %(high)s or less", high=high)
    return None


def _date_limit(limit: Any, today: dt.date) -> dt.date | None:
    if limit is None:
        return None
    if limit == "today":
        return today
    return limit if isinstance(limit, dt.date) else dt.date.fromisoformat(limit)


def _check_date(question: Question, value: Any, today: dt.date) -> str | None:
    try:
        date = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return _("Enter a real date, like 27 3 2026")
    low, high = _date_limit(question.minimum, today), _date_limit(question.maximum, today)
    if high is not None and date > high:
        if question.maximum == "today":
            return _("Date must be today or in the past")
        return _("Date must be on or before %(date)s", date=uk_date(high))
    if low is not None and date < low:
        if question.minimum == "today":
            return _("Date must be today or in the future")
        return _("Date must be on or after %(date)s", date=uk_date(low))
    return None


def uk_date(date: dt.date) -> str:
    """A date as people in the UK write it: 1 August 2019."""
    return f"{date.day} {date:%B %Y}"


_CHECKS = {
    "single_choice": _check_choice,
    "yes_no": _check_choice,
    "rating": _check_choice,
    "multiple_choice": _check_multiple,
    "email": _check_email,
    "phone": _check_phone,
    "number": _check_number,
    "date": _check_date,
}


def display_value(question: Question, value: Any, other: str | None = None, language: str = "en") -> str:
    """An answer as the person saw it: option labels, several joined with "; ", UK dates."""
    if value in (None, "", []):
        return ""
    if question.type == "multiple_choice":
        return "; ".join(localise(question.option(v).label, language) for v in value if question.option(v))
    if question.options:
        option = question.option(str(value))
        label = localise(option.label, language) if option else str(value)
        return f"{label}: {other}" if other else label
    if question.type == "date":
        return uk_date(dt.date.fromisoformat(value))
    return str(value)


def answers_as_mapping(answers: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of answers safe to store as JSON."""
    return {k: list(v) if isinstance(v, list | tuple) else v for k, v in answers.items()}
