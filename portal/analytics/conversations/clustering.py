"""Grouping unanswered questions that say the same thing, offline and without any model.

Each question becomes a set of word stems (common words dropped); a question joins the first
group whose first question shares enough of its stems (Jaccard similarity), otherwise it starts
a new group. Crude, but predictable, fast for thousands of questions, and easy to explain.
"""

import re
from dataclasses import dataclass, field

STOP_WORDS = frozenset(
    """a about am an and any are as at be can could do does for from get got have how i i'm if in is it
    me my of on or our please so that the there this to us was we what when where which who why will
    with would you your hi hello thanks thank""".split()  # noqa: SIM905 (easier to read as prose)
)
WORD = re.compile(r"[a-z0-9']+")
SIMILAR_ENOUGH = 0.34


def stems(text: str) -> frozenset[str]:
    """The question's meaningful words, lower-cased with simple English endings removed."""
    found = set()
    for word in WORD.findall(text.lower()):
        word = word.strip("'")
        if not word or word in STOP_WORDS:
            continue
        for ending in ("ing", "ed", "es", "s"):
            if len(word) > len(ending) + 3 and word.endswith(ending):
                word = word[: -len(ending)]
                break
        found.add(word)
    return frozenset(found)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass
class QuestionGroup:
    """Questions that look alike; ``label`` is the first one seen."""

    label: str
    key: frozenset[str]
    questions: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.questions)


def group_questions(questions: list[str], threshold: float = SIMILAR_ENOUGH) -> list[QuestionGroup]:
    """Group questions by similarity, biggest groups first (ties in first-seen order)."""
    groups: list[QuestionGroup] = []
    for question in questions:
        text = " ".join(question.split())
        if not text:
            continue
        key = stems(text)
        best = max(groups, key=lambda g: jaccard(g.key, key), default=None)
        if best is not None and jaccard(best.key, key) >= threshold:
            best.questions.append(text)
        else:
            groups.append(QuestionGroup(label=text, key=key, questions=[text]))
    return sorted(groups, key=lambda g: -g.count)


def nlu_examples_yaml(groups: list[QuestionGroup]) -> str:
    """The groups as Rasa 3 NLU training data, one placeholder intent per group, for people to review."""
    lines = [
        "# Unanswered questions from the assistant, grouped by similarity, for review.",
        "# Rename each intent (or move its examples to an existing one) before adding it to bot/data/nlu/.",
        'version: "3.1"',
        "nlu:",
    ]
    for number, group in enumerate(groups, start=1):
        lines.append(f"- intent: review_group_{number}")
        lines.append("  examples: |")
        for question in dict.fromkeys(group.questions):
            # One line each: the literal block keeps any characters, but never a line break.
            lines.append(f"    - {question}")
    return "\n".join(lines) + "\n"
