"""Showing the assistant's words safely: escaped, with web addresses made into links.

Addresses on the portal itself become links relative to this site (so they work on whatever
address the family is using); other ``https`` addresses open as ordinary links. Phone numbers
outside the links are isolated left to right (``<span dir="ltr">``), so they keep their order on
Urdu pages.
"""

import re
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from portal.templating import isolate_escaped_numbers

# Run on escaped text: stops at whitespace, quotes and the escaped forms of < > " '.
_URL_CHAR = r"(?:[^\s<>\"'&]|&amp;)"
URL_PATTERN = re.compile(
    rf"(?:https?://{_URL_CHAR}+|(?<![\w/])/(?:local-offer|feedback|consultations|care-leavers|chat){_URL_CHAR}*)"
)
TRAILING = ".,;:!?)"


def _split_trailing(url: str) -> tuple[str, str]:
    end = len(url)
    while end and url[end - 1] in TRAILING:
        end -= 1
    # Keep an escaped entity whole (e.g. "&amp;").
    return url[:end], url[end:]


def portal_path(url: str, public_url: str) -> str | None:
    """The path of a link to this portal (by its public address or a bare path), else None."""
    if url.startswith("/"):
        return url
    public = urlsplit(public_url)
    target = urlsplit(url)
    if (target.scheme, target.netloc) == (public.scheme, public.netloc):
        return (target.path or "/") + (f"?{target.query}" if target.query else "")
    return None


def linkify(text: str, public_url: str) -> Markup:
    """The text escaped, with its web addresses as GOV.UK links and line breaks kept."""
    escaped = str(escape(text))

    def link(match: re.Match) -> str:
        url, trailing = _split_trailing(match.group(0))
        if not url:
            return match.group(0)
        href = portal_path(url.replace("&amp;", "&"), public_url)
        if href is None:
            if not url.startswith("https://") and not url.startswith("http://"):
                return match.group(0)
            href = url.replace("&amp;", "&")
            shown = url
        else:
            shown = url
        return f'<a class="govuk-link" href="{escape(href)}">{shown}</a>{trailing}'

    pieces, end = [], 0
    for match in URL_PATTERN.finditer(escaped):
        pieces += [isolate_escaped_numbers(escaped[end : match.start()]), link(match)]
        end = match.end()
    linked = "".join(pieces) + isolate_escaped_numbers(escaped[end:])
    # Safe: the text was escaped above and only our own <a> tags were added.
    return Markup(linked.replace("\n", "<br>"))  # noqa: S704
