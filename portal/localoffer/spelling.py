"""Spelling correction for search words, against the words the directory actually holds.

A small SymSpell: every known word is stored under itself and each form with one letter
deleted, so a typed word with one wrong, missing, extra or swapped letter finds its
correction with a handful of dictionary look-ups instead of a scan of the vocabulary.
"""

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment) between two words."""
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        previous_previous, previous = previous, current
    return previous[-1]


class Speller:
    """Corrects words to the nearest known word (one typing slip, or two in long words)."""

    def __init__(self, words: Iterable[str]):
        self.words: set[str] = set()
        self._index: dict[str, set[str]] = defaultdict(set)
        self._sorted: list[str] | None = None
        for word in words:
            self.add(word)

    def add(self, word: str) -> None:
        """Learn a word."""
        if word in self.words or len(word) < 3:
            return
        self.words.add(word)
        self._sorted = None
        self._index[word].add(word)
        for variant in _deletes(word):
            self._index[variant].add(word)

    def candidates(self, word: str) -> list[str]:
        """Known words within reach of `word`, nearest first (ties: shorter, then alphabetical)."""
        if word in self.words:
            return [word]
        if len(word) < 5:
            return []
        limit = 1 if len(word) < 6 else 2
        found: set[str] = set()
        for key in {word} | _deletes(word):
            found |= self._index.get(key, set())
        # Short words make poor corrections ("hold" is not "old"), so only offer 4 letters or more.
        scored = [(edit_distance(word, known), len(known), known) for known in found if len(known) >= 4]
        return [known for distance, _, known in sorted(scored) if distance <= limit]

    def correct(self, word: str) -> str | None:
        """The best correction for `word`, the word itself if known, or None."""
        found = self.candidates(word)
        return found[0] if found else None

    def split(self, word: str) -> list[str] | None:
        """Split a run-together word ("careleaver", "carelever") into two known words."""
        if len(word) < 7:
            return None
        for cut in range(3, len(word) - 2):
            left, right = word[:cut], word[cut:]
            if left in self.words:
                right_fixed = right if right in self.words else self.correct(right)
                if right_fixed:
                    return [left, right_fixed]
        return None

    def begins_known_word(self, prefix: str) -> bool:
        """True when some known word starts with `prefix` ("case" begins "casework")."""
        if self._sorted is None:
            self._sorted = sorted(self.words)
        position = bisect_left(self._sorted, prefix)
        return position < len(self._sorted) and self._sorted[position].startswith(prefix)

    def known_prefix(self, word: str, shortest: int = 5) -> str | None:
        """The longest start of `word` that begins a known word ("visually" -> "visual")."""
        for cut in range(len(word) - 1, shortest - 1, -1):
            if self.begins_known_word(word[:cut]):
                return word[:cut]
        return None
