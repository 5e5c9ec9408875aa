"""Agreement between two codings of the same comments: Cohen's kappa and F1, per theme and overall.

A coding maps each comment (any key) to the set of theme names given to it. Pure functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

Coding = Mapping[object, Iterable[str]]


def cohen_kappa(first: list[bool], second: list[bool]) -> float | None:
    """Cohen's kappa of two yes/no codings of the same items; None when it is undefined.

    Kappa is undefined when there are no items, or when both coders gave every item the same
    single label (chance agreement is then 1); agreement is total but says nothing.
    """
    if len(first) != len(second):
        raise ValueError("both codings must cover the same items")
    n = len(first)
    if n == 0:
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    p1 = sum(first) / n
    p2 = sum(second) / n
    expected = p1 * p2 + (1 - p1) * (1 - p2)
    if expected >= 1:
        return None
    return (observed - expected) / (1 - expected)


def _binary(coding: Coding, items: list, theme: str) -> list[bool]:
    return [theme in set(coding.get(item, ())) for item in items]


@dataclass(frozen=True)
class ThemeAgreement:
    """How two codings agree on one theme (or overall)."""

    theme: str
    items: int
    first_count: int
    second_count: int
    kappa: float | None
    precision: float | None
    recall: float | None
    f1: float | None


def _prf(tp: int, fp: int, fn: int) -> tuple[float | None, float | None, float | None]:
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    if tp + fp + fn == 0:
        return precision, recall, None
    return precision, recall, 2 * tp / (2 * tp + fp + fn)


def compare(reference: Coding, other: Coding, themes: Iterable[str]) -> dict:
    """Per-theme and overall agreement of ``other`` with ``reference`` on the comments both coded.

    Overall kappa pools every (comment, theme) decision; F1 is given micro-averaged (pooled counts)
    and macro-averaged (mean of the themes that appear in either coding).
    """
    items = sorted((set(reference) & set(other)), key=str)
    themes = list(themes)
    rows = []
    pooled_first: list[bool] = []
    pooled_second: list[bool] = []
    tp_all = fp_all = fn_all = 0
    for theme in themes:
        a = _binary(reference, items, theme)
        b = _binary(other, items, theme)
        tp = sum(x and y for x, y in zip(a, b, strict=True))
        fp = sum(y and not x for x, y in zip(a, b, strict=True))
        fn = sum(x and not y for x, y in zip(a, b, strict=True))
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        precision, recall, f1 = _prf(tp, fp, fn)
        rows.append(
            ThemeAgreement(theme, len(items), sum(a), sum(b), cohen_kappa(a, b), precision, recall, f1)
        )
        pooled_first.extend(a)
        pooled_second.extend(b)
    precision, recall, micro = _prf(tp_all, fp_all, fn_all)
    f1s = [row.f1 for row in rows if row.f1 is not None]
    return {
        "items": len(items),
        "themes": rows,
        "kappa": cohen_kappa(pooled_first, pooled_second),
        "precision": precision,
        "recall": recall,
        "micro_f1": micro,
        "macro_f1": sum(f1s) / len(f1s) if f1s else None,
    }


def describe_kappa(kappa: float | None) -> str:
    """Landis and Koch's words for a kappa value, for people reading the figure."""
    if kappa is None:
        return "not enough to tell"
    for limit, words in (
        (0, "poor"),
        (0.2, "slight"),
        (0.4, "fair"),
        (0.6, "moderate"),
        (0.8, "substantial"),
    ):
        if kappa <= limit:
            return words
    return "almost perfect"
