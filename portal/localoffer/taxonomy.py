"""The Local Offer's vocabularies: categories, needs and districts, with families' own words."""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from flask_babel import lazy_gettext as _l

CONTENT = Path(__file__).parent / "content"
COST_TYPES = {
    "free": _l("Free"),
    "some": _l("Free for some, a charge for others"),
    "paid": _l("There is a charge"),
}


@dataclass(frozen=True)
class Term:
    """One term of a vocabulary: its id, the label families see (English, and by language in
    ``translations``), and the words they use for it."""

    id: str
    label: str
    words: tuple[str, ...] = field(default=())
    parent: str | None = None
    translations: dict[str, str] = field(default_factory=dict, compare=False)

    def label_in(self, language: str) -> str:
        """The label in ``language``; the English label (a place name, for districts) otherwise."""
        return self.translations.get(language) or self.label


@dataclass(frozen=True)
class Taxonomy:
    """All three vocabularies, keyed by id."""

    categories: dict[str, Term]
    needs: dict[str, Term]
    districts: dict[str, Term]

    def town_words(self, district_id: str) -> tuple[str, ...]:
        """The district's name and its towns."""
        term = self.districts.get(district_id)
        return (term.label, *term.words) if term else ()


def _terms(items: list[dict], words_key: str = "words") -> dict[str, Term]:
    return {
        item["id"]: Term(
            item["id"],
            item["label"],
            tuple(item.get(words_key, [])),
            item.get("parent"),
            dict(item.get("translations") or {}),
        )
        for item in items
    }


@cache
def taxonomy() -> Taxonomy:
    """The shipped vocabularies (read once)."""
    data = yaml.safe_load((CONTENT / "taxonomy.yaml").read_text(encoding="utf-8"))
    return Taxonomy(
        categories=_terms(data["categories"]),
        needs=_terms(data["needs"]),
        districts=_terms(data["districts"], words_key="towns"),
    )


def categories_matching(category_id: str) -> set[str]:
    """A category and its children: "short-breaks" stands for all three kinds of short break."""
    found = {term.id for term in taxonomy().categories.values() if category_id in (term.id, term.parent)}
    return found or {category_id}
