"""Rich text written by editors: cleaned to a small allow-list with bleach, and plain-text views."""

import html
import re

import bleach

ALLOWED_TAGS = ["p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3"]
ALLOWED_ATTRIBUTES = {"a": ["href"]}
ALLOWED_PROTOCOLS = ["http", "https", "mailto", "tel"]


def clean_html(markup: str) -> str:
    """Markup with everything outside the allow-list removed (scripts, styles, handlers)."""
    cleaned = bleach.clean(
        markup or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    return cleaned.strip()


def text_to_html(text: str) -> str:
    """Plain text with blank-line paragraphs as escaped HTML paragraphs."""
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", (text or "").strip())]
    return "".join(f"<p>{html.escape(part, quote=False)}</p>" for part in paragraphs if part)


def html_to_text(markup: str) -> str:
    """Readable plain text from cleaned HTML, paragraphs separated by blank lines."""
    spaced = re.sub(r"(?i)</(p|h2|h3|li|ul|ol)>|<br\s*/?>", "\n\n", markup or "")
    bare = bleach.clean(spaced, tags=[], strip=True)
    text = html.unescape(bare)
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text)]
    return "\n\n".join(part for part in paragraphs if part)
