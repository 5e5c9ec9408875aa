"""Finding phone numbers in a page's visible text that a right-to-left paragraph could reorder.

In a right-to-left paragraph the bidi algorithm gives the space between two digit runs the
paragraph's direction, so "01905 765765" shows as "765765 01905". A number is safe when it sits
inside an element with ``dir="ltr"`` (a bidi isolate) below the page's own direction, or between
the Unicode isolates LRI (U+2066) and PDI (U+2069) in text that cannot carry markup.
"""

import re
from html.parser import HTMLParser

from portal.i18n import PHONE_NUMBER

LRI, PDI = "\u2066", "\u2069"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
HIDDEN = {"script", "style", "template", "title", "head"}


class _TextRuns(HTMLParser):
    """Visible text, each piece with whether its nearest ``dir`` (below <html>) is ``ltr``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.pieces: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        self.stack.append((tag, dict(attrs).get("dir")))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if any(tag in HIDDEN for tag, _ in self.stack):
            return
        direction = next((d for tag, d in reversed(self.stack) if d and tag != "html"), None)
        self.pieces.append((data, direction == "ltr"))


def _outside_isolates(text: str) -> str:
    """The text with every LRI … PDI stretch blanked out."""
    return re.sub(f"{LRI}[^{PDI}]*{PDI}", lambda m: " " * len(m.group(0)), text)


def unprotected_numbers(html: str) -> list[str]:
    """Phone numbers in the visible text that are neither in a ``dir="ltr"`` element nor isolated."""
    parser = _TextRuns()
    parser.feed(html)
    parser.close()
    found = []
    for text, ltr in parser.pieces:
        if ltr:
            continue
        found += [m.group(0) for m in PHONE_NUMBER.finditer(_outside_isolates(text))]
    return found


def numbers_in(html: str) -> list[str]:
    """Every phone number in the visible text, protected or not."""
    parser = _TextRuns()
    parser.feed(html)
    parser.close()
    return [m.group(0) for text, _ in parser.pieces for m in PHONE_NUMBER.finditer(text)]
