"""Making replies fit SMS: GSM-7 normalising, segment counting and splitting on sentence boundaries.

One SMS holds 160 GSM-7 characters (characters from the extension table count twice), or 70
UCS-2 code units when any character is outside GSM-7. A longer text is sent as separate parts of
at most 153 / 67, split between sentences, so each part reads on its own and costs one segment.
"""

from __future__ import annotations

import re

GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = frozenset("^{}\\[~]|€\f")

# Characters phones and word processors put in that would silently switch a text to UCS-2.
REPLACEMENTS = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u2026": "...", "\u2022": "-", "\u00b7": "-", "\u2023": "-", "\u25cf": "-",
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\t": " ",
    "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\u00ad": "",
    "\u2122": "TM", "\u00a9": "(c)", "\u00ae": "(R)", "\u00bd": "1/2", "\u00bc": "1/4", "\u00be": "3/4",
    "\u2192": "->", "\u00d7": "x", "\u00e7": "c", "\u00e1": "a", "\u00ed": "i", "\u00f3": "o", "\u00fa": "u",
    "\u00ea": "e", "\u00e2": "a", "\u00ee": "i", "\u00f4": "o", "\u00fb": "u", "\u00eb": "e", "\u00ef": "i",
}  # fmt: skip
_TABLE = str.maketrans(REPLACEMENTS)

SINGLE = {"gsm": 160, "ucs2": 70}
PART = {"gsm": 153, "ucs2": 67}
MAX_PARTS = 3

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_SPACES = re.compile(r"[ ]{2,}")


def normalise(text: str) -> str:
    """Replace look-alike characters with GSM-7 ones; keep letters from other alphabets as they are.

    Accented letters with a GSM-7 form (é, ü …) stay; ones without (á, ç …) become plain letters,
    the way GOV.UK Notify sanitises texts. Letters of other alphabets are kept (the text then goes
    as UCS-2) because dropping them would change the meaning.
    """
    text = text.translate(_TABLE).replace("\r\n", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def encoding(text: str) -> str:
    """'gsm' when every character is in GSM-7 (basic or extension table), else 'ucs2'."""
    return "gsm" if all(c in GSM_BASIC or c in GSM_EXTENDED for c in text) else "ucs2"


def length(text: str, kind: str | None = None) -> int:
    """Length in the units an SMS counts: septets for GSM-7, UTF-16 code units for UCS-2."""
    kind = kind or encoding(text)
    if kind == "gsm":
        return sum(2 if c in GSM_EXTENDED else 1 for c in text)
    return len(text.encode("utf-16-le")) // 2


def segment_count(text: str) -> int:
    """How many segments one message with this text costs."""
    kind = encoding(text)
    size = length(text, kind)
    if size <= SINGLE[kind]:
        return 1
    return -(-size // PART[kind])


def split_message(text: str) -> list[str]:
    """Parts of at most one segment each, split between sentences where possible."""
    text = normalise(text)
    kind = encoding(text)
    if length(text, kind) <= SINGLE[kind]:
        return [text] if text else []
    limit = PART[kind]
    pieces: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        pieces.extend(_cut(sentence.strip(), limit, kind))
    parts: list[str] = []
    for piece in pieces:
        if parts and length(parts[-1] + " " + piece, kind) <= limit:
            parts[-1] = parts[-1] + " " + piece
        elif piece:
            parts.append(piece)
    return parts


def _cut(sentence: str, limit: int, kind: str) -> list[str]:
    """A sentence too long for one part, cut between words (or inside a very long word)."""
    if length(sentence, kind) <= limit:
        return [sentence]
    out: list[str] = []
    current = ""
    for word in sentence.split(" "):
        while length(word, kind) > limit:
            if current:
                out.append(current)
                current = ""
            head = word
            while length(head, kind) > limit:
                head = head[:-1]
            out.append(head)
            word = word[len(head) :]
        candidate = f"{current} {word}" if current else word
        if length(candidate, kind) <= limit:
            current = candidate
        else:
            out.append(current)
            current = word
    if current:
        out.append(current)
    return out


def fit_reply(text: str, link: str | None) -> tuple[list[str], bool]:
    """The parts to send for an answer, and whether the full answer must be linked.

    Answers of up to three parts go as they are. A longer one becomes its first parts, cut to
    leave room, and a last part pointing to ``link`` where the whole answer can be read.
    """
    parts = split_message(text)
    if len(parts) <= MAX_PARTS or not link:
        return parts, False
    pointer = f"That's the start of the answer. Read all of it here: {link}"
    return [*parts[: MAX_PARTS - 1], pointer], True
