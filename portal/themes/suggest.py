"""Suggesting themes for comments from sentence embeddings: pure functions on vectors.

Each theme is described by its name and description and by the comments officers have already
tagged with it. A comment's score for a theme is the mean of three cosine similarities: to the
theme's description, to the centroid of its tagged examples, and to its ``k`` nearest tagged
examples (averaged); with no tagged examples yet, the description alone.

A theme is suggested when its score reaches ``threshold``; the best theme is also suggested when
it reaches ``floor`` (most comments raise at least one theme). Both values, and ``k``, were tuned
on a separate tuning set (bench/themes_quality.py), never on the labelled test set.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

THRESHOLD = 0.46
FLOOR = 0.22
NEAREST = 1


@dataclass(frozen=True)
class ThemeProfile:
    """What is known of one theme, as unit vectors: its description and its tagged examples."""

    name: str
    description: np.ndarray  # shape (d,)
    examples: np.ndarray  # shape (n, d), n may be 0


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (a zero row stays zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


def scores(comments: np.ndarray, profiles: list[ThemeProfile], nearest: int = NEAREST) -> np.ndarray:
    """Scores of shape (comments, themes): mean of description, centroid and k-nearest similarity."""
    comments = normalise(comments)
    out = np.zeros((len(comments), len(profiles)), dtype=np.float32)
    for j, profile in enumerate(profiles):
        described = comments @ normalise(profile.description)
        if len(profile.examples):
            examples = normalise(profile.examples)
            centroid = normalise(examples.mean(axis=0))
            sims = comments @ examples.T
            k = min(nearest, sims.shape[1])
            top = np.partition(sims, sims.shape[1] - k, axis=1)[:, -k:]
            out[:, j] = (described + comments @ centroid + top.mean(axis=1)) / 3
        else:
            out[:, j] = described
    return out


def choose(row: np.ndarray, threshold: float = THRESHOLD, floor: float = FLOOR) -> list[int]:
    """Which themes (column indexes) to suggest for one comment's scores."""
    chosen = [int(i) for i in np.flatnonzero(row >= threshold)]
    if not chosen and len(row):
        best = int(np.argmax(row))
        if row[best] >= floor:
            chosen = [best]
    return sorted(chosen, key=lambda i: -row[i])


def tune(score_rows, truth: list[set[int]], thresholds=None, floors=None) -> tuple[float, float, float]:
    """The (threshold, floor) with the best micro F1 on a tuning set, and that F1."""
    thresholds = thresholds if thresholds is not None else np.arange(0.30, 0.80, 0.01)
    floors = floors if floors is not None else np.arange(0.0, 0.60, 0.02)
    best = (THRESHOLD, FLOOR, -1.0)
    for threshold in thresholds:
        for floor in floors:
            if floor > threshold:
                continue
            tp = fp = fn = 0
            for row, gold in zip(score_rows, truth, strict=True):
                got = set(choose(row, float(threshold), float(floor)))
                tp += len(got & gold)
                fp += len(got - gold)
                fn += len(gold - got)
            f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
            if f1 > best[2]:
                best = (round(float(threshold), 2), round(float(floor), 2), f1)
    return best


def clusters(vectors: np.ndarray, similarity: float = 0.6, min_size: int = 2) -> list[list[int]]:
    """Group comments into candidate new themes: greedy leader clustering by cosine similarity.

    Each comment joins the first group whose leader it resembles at least ``similarity``, else
    leads a new group. Groups smaller than ``min_size`` are dropped; the biggest come first.
    """
    vectors = normalise(vectors)
    leaders: list[int] = []
    groups: list[list[int]] = []
    for i, vector in enumerate(vectors):
        if leaders:
            sims = vectors[leaders] @ vector
            j = int(np.argmax(sims))
            if sims[j] >= similarity:
                groups[j].append(i)
                continue
        leaders.append(i)
        groups.append([i])
    return sorted((g for g in groups if len(g) >= min_size), key=len, reverse=True)
