"""Read a piece of free text and say whether it suggests a child or young person may be at risk.

``detect_risk`` is pure and offline: no network, no database, no model files. It is fast enough
to run on every free-text answer and every assistant message.
"""

import re
from dataclasses import dataclass, field

from safeguarding_rules.normalise import normalise
from safeguarding_rules.rules import (
    ABUSE,
    CATEGORY_LABELS,
    DOMESTIC_VIOLENCE,
    PARTNER,
    RULES,
    Rule,
)

# Longest text read: a long answer is still read in full, a pasted book is not.
MAX_CHARACTERS = 20_000
AFTER_MATCH = 40

_PARTNER_WORD = re.compile(rf"\b{PARTNER}\b")
_PARTNER_VICTIM = re.compile(r" (?:mum|my mum|her|my (?:wife|girlfriend|partner))$")


@dataclass(frozen=True)
class RiskMatch:
    """One rule that matched: which, in what category, and the normalised words it matched."""

    rule: str
    category: str
    phrase: str


@dataclass(frozen=True)
class RiskAssessment:
    """The result of reading one text: the categories of risk found and the phrases behind them."""

    categories: tuple[str, ...] = ()
    matches: tuple[RiskMatch, ...] = field(default=())

    @property
    def flagged(self) -> bool:
        """True when the text suggests risk and a person should read it now."""
        return bool(self.categories)

    @property
    def category_labels(self) -> tuple[str, ...]:
        """The categories in staff wording, for lists and emails."""
        return tuple(CATEGORY_LABELS[category] for category in self.categories)


def detect_risk(text: str | None) -> RiskAssessment:
    """Return the risks disclosed in ``text`` (misspellings and text-speak included)."""
    canonical = normalise((text or "")[:MAX_CHARACTERS])
    if not canonical:
        return RiskAssessment()
    matches: list[RiskMatch] = []
    for risk_rule in RULES:
        if not all(extra.search(canonical) for extra in risk_rule.also):
            continue
        for found in risk_rule.pattern.finditer(canonical):
            if _excluded(risk_rule, canonical, found):
                continue
            phrase = found.group(0).strip()
            for category in _categories(risk_rule, phrase):
                matches.append(RiskMatch(risk_rule.name, category, phrase))
    categories = tuple(sorted({match.category for match in matches}))
    return RiskAssessment(categories=categories, matches=tuple(matches))


def _excluded(risk_rule: Rule, canonical: str, found: re.Match[str]) -> bool:
    if risk_rule.unless is None:
        return False
    window = canonical[found.start() : found.end() + AFTER_MATCH]
    return risk_rule.unless.search(window.strip()) is not None


def _categories(risk_rule: Rule, phrase: str) -> tuple[str, ...]:
    """Violence between partners, or towards a mother, is also domestic violence."""
    if risk_rule.category == ABUSE and (_PARTNER_WORD.search(phrase) or _PARTNER_VICTIM.search(phrase)):
        return (ABUSE, DOMESTIC_VIOLENCE)
    return (risk_rule.category,)
