"""Understanding the details people text: places in Worcestershire and ages."""

from __future__ import annotations

import re

DISTRICTS = ("Bromsgrove", "Redditch", "Malvern Hills", "Worcester City", "Wychavon", "Wyre Forest")
ANYWHERE = "any"

# Towns, villages, districts and common misspellings, lower case, to the district they are in.
PLACE_TO_DISTRICT = {
    "Bromsgrove": [
        "bromsgrove",
        "bromsgove",
        "bromsgrov",
        "brommy",
        "alvechurch",
        "hagley",
        "rubery",
        "wythall",
        "catshill",
        "barnt green",
        "providence road",
    ],
    "Redditch": [
        "redditch",
        "reditch",
        "reddich",
        "redich",
        "headless cross",
        "matchborough",
        "winyates",
        "batchley",
        "astwood bank",
        "church hill",
    ],
    "Malvern Hills": [
        "malvern hills",
        "malvern",
        "great malvern",
        "malvern link",
        "malvren",
        "tenbury wells",
        "tenbury",
        "upton-upon-severn",
        "upton upon severn",
        "upton",
        "martley",
        "osborne court",
    ],
    "Worcester City": [
        "worcester city",
        "worcester",
        "worcs city",
        "wooster",
        "worcester town",
        "warndon",
        "st johns",
        "ronkswood",
        "barbourne",
        "claines",
        "perdiswell",
    ],
    "Wychavon": [
        "wychavon",
        "wichavon",
        "evesham",
        "pershore",
        "droitwich",
        "droitwich spa",
        "droitwitch",
        "broadway",
        "ombersley",
        "inkberrow",
    ],
    "Wyre Forest": [
        "wyre forest",
        "wyre",
        "kidderminster",
        "kiddy",
        "kiddi",
        "kidder",
        "kiddermister",
        "kidderminister",
        "kiddyminster",
        "stourport",
        "stourport-on-severn",
        "stourport on severn",
        "bewdley",
        "ludlow road",
        "moule close",
    ],
}

_ANYWHERE_WORDS = (
    "any",
    "anywhere",
    "all",
    "dont know",
    "don't know",
    "not sure",
    "countywide",
    "whole county",
    "idk",
    "dunno",
    "everywhere",
    "doesnt matter",
    "doesn't matter",
)

_LOOKUP = sorted(
    ((place, district) for district, places in PLACE_TO_DISTRICT.items() for place in places),
    key=lambda pair: -len(pair[0]),
)

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
}


def district_for(text: str | None) -> str | None:
    """The Worcestershire district named (or implied by a town) in text, "any", or None."""
    cleaned = re.sub(r"[^a-z' -]", " ", (text or "").lower()).strip()
    if not cleaned:
        return None
    for place, district in _LOOKUP:
        if re.search(rf"\b{re.escape(place)}\b", cleaned):
            return district
    if any(re.search(rf"\b{re.escape(word)}\b", cleaned) for word in _ANYWHERE_WORDS):
        return ANYWHERE
    return None


def district_id(district: str) -> str:
    """The portal's id for a district label: "Malvern Hills" -> "malvern-hills"."""
    return "-".join(district.lower().split())


def age_from(text: str | None) -> int | None:
    """An age from 0 to 25 in text ("12", "hes 7", "nine"), or None."""
    lowered = (text or "").lower()
    match = re.search(r"\b(\d{1,2})\b", lowered)
    if match:
        age = int(match.group(1))
        return age if age <= 25 else None
    for word, value in _NUMBER_WORDS.items():
        if re.search(rf"\b{word}\b", lowered):
            return value
    if re.search(r"\b(baby|newborn|months? old)\b", lowered):
        return 0
    return None
