"""Turning domain responses into text with the current contact numbers filled in."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DOMAIN_FILE = Path(__file__).resolve().parents[1] / "domain.yml"
WEB_ANSWERS_FILE = Path(__file__).resolve().parents[1] / "content" / "web_answers.yml"


class _KeepMissing(dict):
    """Leave an unknown {placeholder} as it is rather than fail."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@lru_cache(maxsize=1)
def _domain_file_responses() -> dict[str, Any]:
    return yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8")).get("responses", {})


def response_text(domain: dict[str, Any] | None, name: str) -> str | None:
    """The first text variation of a response, from the domain Rasa sent or the domain file."""
    for responses in ((domain or {}).get("responses") or {}, _domain_file_responses()):
        variations = responses.get(name)
        if variations:
            return variations[0].get("text")
    return None


def fill(template: str, values: dict[str, Any]) -> str:
    """Fill {placeholders} from values, keeping unknown ones untouched."""
    return template.format_map(_KeepMissing({key: str(value) for key, value in values.items()}))


@lru_cache(maxsize=1)
def _web_answers() -> dict[str, str]:
    return yaml.safe_load(WEB_ANSWERS_FILE.read_text(encoding="utf-8")) or {}


def web_answer(key: str) -> str | None:
    """The longer web-chat version of an FAQ answer, if one is written."""
    return _web_answers().get(key)
