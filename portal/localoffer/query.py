"""Turns what a family typed into search terms: tidy, drop filler words, fix typing slips."""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from portal.localoffer.spelling import Speller
from portal.localoffer.taxonomy import taxonomy

# Words that carry no meaning for finding a service, including text-speak.
_FILLER = (
    "a an the and or of to in on at for with from by is are was be am i im me my we our us you your",
    "u ur r 2 4 b4 who what wot wat where which when how do does did can could would should there",
    "their theyre it its this that these those any some get got have has want wants need needs",
    "please pls plz call ring hi hello thanks thx know find looking look anything something about near nr",
    "kid kids son sons daughter daughters boy girl child childs children cant cannot wont dont",
    "year years yr yrs yo old aged age just also very really still",
)
STOPWORDS = frozenset(word for line in _FILLER for word in line.split())

# Everyday words and abbreviations mapped to the words services use.
SYNONYMS = {
    "rd": ["road"],
    "dla": ["disability", "living", "allowance"],
    "pip": ["personal", "independence", "payment"],
    "hols": ["holidays"],
    "skool": ["school"],
    "info": ["information"],
    "ppl": ["people"],
    "asd": ["autism"],
    "asc": ["autism"],
    "salt": ["speech", "language"],
    "ot": ["occupational", "therapy"],
    "ehcp": ["ehcp", "ehc"],
    "homeschool": ["home", "education"],
    "homeschooling": ["home", "education"],
    "schooling": ["education"],
    "closing": ["close", "closure"],
    "kiddy": ["kidderminster"],
    "cwd": ["children", "disabilities"],
    "yat": ["young", "adults"],
    "camhs": ["mental", "health"],
}
OLDEST_AGE = 25

TOKEN = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    """Lower-case words without accents, split as the full-text index splits them."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return TOKEN.findall(plain)


@dataclass(frozen=True)
class ParsedQuery:
    """The words searched for, and the corrections made (shown as "showing results for")."""

    terms: tuple[str, ...]
    corrections: tuple[tuple[str, str], ...]
    age: int | None = None
    district: str | None = None

    @property
    def corrected_text(self) -> str:
        return " ".join(self.terms)


def _stem(term: str, speller: Speller) -> str:
    """Drop a plural ending when the singular is known, so "breaks" also finds "break"."""
    if len(term) > 4 and term.endswith("ies") and term[:-3] + "y" in speller.words:
        return term[:-3] + "y"
    if len(term) > 4 and term.endswith("es") and term[:-2] in speller.words:
        return term[:-2]
    if len(term) > 4 and term.endswith("s") and term[:-1] in speller.words:
        return term[:-1]
    return term


def _understand(word: str, speller: Speller) -> tuple[list[str], str | None]:
    """The search words one typed word stands for, and its correction if it was corrected."""
    if word in SYNONYMS:
        return SYNONYMS[word], None
    if word in speller.words or word.isdigit():
        return [_stem(word, speller)], None
    if len(word) >= 4 and speller.begins_known_word(word):
        return [word], None  # "case" finds "casework"
    fixed = speller.correct(word)
    if fixed:
        return [_stem(fixed, speller)], fixed
    parts = speller.split(word)
    if parts:
        return parts, " ".join(parts)
    return [speller.known_prefix(word) or word], None


def parse_query(text: str, speller: Speller) -> ParsedQuery:
    """Search terms for `text`: filler dropped, synonyms added, slips corrected against the index.

    A town or district name ("respite kidderminster") is taken as where the family lives
    rather than as a word to find, and a small number as the child's age.
    """
    terms: list[str] = []
    corrections: list[tuple[str, str]] = []
    age = None
    district = None
    towns = town_districts()
    for word in tokens(text):
        if word in STOPWORDS:
            continue
        if word.isdigit() and len(word) <= 2 and int(word) <= OLDEST_AGE:
            age = int(word)
            continue
        understood, fixed = ([word], None) if word in towns else _understand(word, speller)
        if len(understood) == 1 and understood[0] in towns:
            district = towns[understood[0]]
        else:
            terms.extend(understood)
        if fixed:
            corrections.append((word, fixed))
    unique = tuple(dict.fromkeys(terms))
    return ParsedQuery(unique, tuple(corrections), age, district)


@cache
def town_districts() -> dict[str, str]:
    """District id for each one-word town or district name ("kidderminster" -> "wyre-forest")."""
    found = {}
    for term in taxonomy().districts.values():
        if term.id == "countywide":
            continue
        for name in (term.label, *term.words):
            words = tokens(name)
            if len(words) == 1:
                found[words[0]] = term.id
    return found
