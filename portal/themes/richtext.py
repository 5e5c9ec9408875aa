"""Rich text written by staff ("we did" answers), cleaned with bleach to a small allow-list."""

from __future__ import annotations

import re

import bleach

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "a"})
ALLOWED_ATTRIBUTES = {"a": ["href"]}
BLOCK_TAG = re.compile(r"<(p|ul|ol|li|br)[\s>/]", re.IGNORECASE)
ALLOWED_PROTOCOLS = frozenset({"https", "http", "mailto", "tel"})


def clean(html: str) -> str:
    """Keep paragraphs, emphasis, lists and links; drop every other tag, attribute and script.

    Links get the GOV.UK link class so they look like the rest of the page. Plain text with blank
    lines becomes paragraphs, so officers can type without writing HTML.
    """
    text = (html or "").strip()
    if text and not BLOCK_TAG.search(text):
        text = "".join(f"<p>{part.strip()}</p>" for part in text.split("\n\n") if part.strip())
    cleaned = bleach.clean(
        text, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, protocols=ALLOWED_PROTOCOLS, strip=True
    )
    return cleaned.replace("<a ", '<a class="govuk-link" ').replace("<p>", '<p class="govuk-body">')
