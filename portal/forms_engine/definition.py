"""Form definitions: parse and validate the YAML format described in docs/forms-engine.md.

Everything here is pure: a definition goes in as plain data (a dict from YAML or from the
database's JSON column) and comes out as frozen dataclasses, or a `DefinitionError` listing
every problem with its place in the definition.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

KINDS = ("consultation", "feedback", "careleaver")
AUDIENCES = ("adults", "parents", "children", "young_people", "care_leavers")
CHOICE_TYPES = ("single_choice", "multiple_choice")
TEXT_TYPES = ("short_text", "long_text", "email", "phone")
QUESTION_TYPES = (*CHOICE_TYPES, *TEXT_TYPES, "number", "date", "yes_no", "rating")
DEFAULT_MAX_LENGTH = {"short_text": 200, "long_text": 2000, "email": 254, "phone": 30}
# The forms engine's own words for yes/no questions, so they are never left in English.
YES_NO_OPTIONS = (
    ("yes", {"en": "Yes", "pl": "Tak", "ro": "Da", "ur": "ہاں"}),
    ("no", {"en": "No", "pl": "Nie", "ro": "Nu", "ur": "نہیں"}),
)
SEPARATOR = "; "

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_PAGE_KEY = re.compile(r"^[a-z0-9]+([-_][a-z0-9]+)*$")
_VALUE = re.compile(r"^[a-z0-9_]+$")

Text = str | dict[str, str]


class DefinitionError(ValueError):
    """A definition that cannot be used; `problems` lists each fault with its place."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__("\n".join(f"{source}: {p}" for p in problems))


@dataclass(frozen=True)
class Option:
    value: str
    label: Text
    write_in: bool = False
    write_in_label: Text = "Please specify"
    emoji: str | None = None  # rating points only: a picture shown beside the words, never instead


@dataclass(frozen=True)
class Question:
    key: str
    text: Text
    type: str
    number: str | None = None
    hint: Text | None = None
    required: bool = False
    max_length: int | None = None
    options: tuple[Option, ...] = ()
    show_if: dict | None = None
    personal: bool = False
    safeguarding_check: bool = False
    minimum: Any = None
    maximum: Any = None
    whole_number: bool = True
    max_choices: int | None = None
    errors: dict[str, Text] = field(default_factory=dict)

    @property
    def write_in_option(self) -> Option | None:
        """The "Other, please specify" option, if the question has one."""
        return next((o for o in self.options if o.write_in), None)

    def option(self, value: str) -> Option | None:
        """The option with this value, or None."""
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Page:
    key: str
    questions: tuple[Question, ...]
    title: Text | None = None


@dataclass(frozen=True)
class FormDefinition:
    slug: str
    kind: str
    version: int
    title: Text
    summary: Text
    audience: tuple[str, ...]
    privacy: dict[str, Any]
    pages: tuple[Page, ...]
    sensitive: bool = False
    sample: bool = False
    opens: dt.date | None = None
    closes: dt.date | None = None
    intro: Text | None = None
    how_else_to_respond: Text | None = None
    contacts: tuple[dict, ...] = ()
    outcome: Text | None = None
    results_published: bool = False
    equality_monitoring: bool = False

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question in page order."""
        return tuple(q for p in self.pages for q in p.questions)

    def question(self, key: str) -> Question:
        """The question with this key (KeyError if none)."""
        for q in self.questions:
            if q.key == key:
                return q
        raise KeyError(key)

    def page(self, key: str) -> Page:
        """The page with this key (KeyError if none)."""
        for p in self.pages:
            if p.key == key:
                return p
        raise KeyError(key)

    @property
    def for_children(self) -> bool:
        """True when under-13s may answer, so the privacy wording must suit them."""
        return "children" in self.audience

    def is_open(self, today: dt.date) -> bool:
        """True when online answers are taken on this day."""
        return (self.opens is None or self.opens <= today) and (self.closes is None or today <= self.closes)

    def status(self, today: dt.date) -> str:
        """ "upcoming", "open", "closed" or "results" (closed with results published)."""
        if self.opens is not None and today < self.opens:
            return "upcoming"
        if self.closes is not None and today > self.closes:
            return "results" if self.results_published else "closed"
        return "open"


def localise(text: Text | None, language: str = "en") -> str:
    """The text in `language`, falling back to English."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(language) or text["en"]


def shown_language(text: Text | None, language: str = "en") -> str:
    """The language `localise` will show: `language` when the text has it, otherwise English."""
    if isinstance(text, dict) and text.get(language):
        return language
    return "en"


def english_fallback(text: Text | None, language: str) -> bool:
    """True when someone reading `language` is shown this text in English because it has no
    translation (so the page marks it as English)."""
    return bool(localise(text, language)) and language != "en" and shown_language(text, language) == "en"


def canonical_json(data: dict) -> str:
    """The definition as JSON with sorted keys and ISO dates, for storage and checksums."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=_json_default)


def checksum(data: dict) -> str:
    """A SHA-256 of the canonical JSON: equal definitions have equal checksums."""
    return hashlib.sha256(canonical_json(data).encode()).hexdigest()


def _json_default(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a definition")


def parse_definition(data: Any, source: str = "definition") -> FormDefinition:
    """Check a definition and build it; raise DefinitionError naming every problem."""
    from portal.forms_engine.validation import check_definition

    problems = check_definition(data)
    if problems:
        raise DefinitionError(source, problems)
    return _build(data)


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def _build(data: dict) -> FormDefinition:
    pages = tuple(
        Page(
            key=p["key"],
            title=p.get("title"),
            questions=tuple(_build_question(q) for q in p["questions"]),
        )
        for p in data["pages"]
    )
    return FormDefinition(
        slug=data["slug"],
        kind=data["kind"],
        version=int(data["version"]),
        title=data["title"],
        summary=data["summary"],
        audience=tuple(data["audience"]),
        privacy=dict(data["privacy"]),
        pages=pages,
        sensitive=bool(data.get("sensitive", False)),
        sample=bool(data.get("sample", False)),
        opens=_date(data.get("opens")),
        closes=_date(data.get("closes")),
        intro=data.get("intro"),
        how_else_to_respond=data.get("how_else_to_respond"),
        contacts=tuple(data.get("contacts") or ()),
        outcome=data.get("outcome"),
        results_published=bool(data.get("results_published", False)),
        equality_monitoring=bool(data.get("equality_monitoring", False)),
    )


def _build_question(q: dict) -> Question:
    qtype = q["type"]
    if qtype == "yes_no":
        options = tuple(Option(value=v, label=label) for v, label in YES_NO_OPTIONS)
    elif qtype == "rating":
        options = tuple(
            Option(value=str(p["value"]), label=p["label"], emoji=p.get("emoji")) for p in q["scale"]
        )
    else:
        options = tuple(
            Option(
                value=str(o["value"]),
                label=o["label"],
                write_in=bool(o.get("write_in", False)),
                write_in_label=o.get("write_in_label", "Please specify"),
            )
            for o in q.get("options") or ()
        )
    return Question(
        key=q["key"],
        text=q["text"],
        type=qtype,
        number=None if q.get("number") is None else str(q["number"]),
        hint=q.get("hint"),
        required=bool(q.get("required", False)),
        max_length=q.get("max_length", DEFAULT_MAX_LENGTH.get(qtype)),
        options=options,
        show_if=q.get("show_if"),
        personal=bool(q.get("personal", False)),
        safeguarding_check=bool(q.get("safeguarding_check", False)),
        minimum=q.get("min"),
        maximum=q.get("max"),
        whole_number=bool(q.get("whole_number", True)),
        max_choices=q.get("max_choices"),
        errors=dict(q.get("errors") or {}),
    )


def text_blocks(text: str) -> list[tuple[str, Any]]:
    """Definition text as blocks to render: ("p", text) paragraphs and ("ul", [items]) lists."""
    blocks: list[tuple[str, Any]] = []
    for chunk in (text or "").strip().split("\n\n"):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        if lines and all(line.startswith("- ") for line in lines):
            blocks.append(("ul", [line[2:] for line in lines]))
        elif lines:
            blocks.append(("p", " ".join(lines)))
    return blocks
