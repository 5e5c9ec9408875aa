"""Routing: which questions and pages a person is asked, given their earlier answers (pure)."""

from __future__ import annotations

from typing import Any

from portal.forms_engine.definition import FormDefinition, Page, Question

Answers = dict[str, Any]


def condition_holds(cond: dict, answers: Answers, asked: set[str]) -> bool:
    """True when `cond` holds; a condition on a question that was not asked is false."""
    if "all" in cond:
        return all(condition_holds(c, answers, asked) for c in cond["all"])
    if "any" in cond:
        return any(condition_holds(c, answers, asked) for c in cond["any"])
    if "not" in cond:
        return not condition_holds(cond["not"], answers, asked)
    key = cond["question"]
    if key not in asked:
        return False
    answer = answers.get(key)
    if "answered" in cond:
        return is_answered(answer) == cond["answered"]
    if not is_answered(answer):
        return False
    if "equals" in cond:
        return answer == str(cond["equals"])
    if "in" in cond:
        return answer in {str(v) for v in cond["in"]}
    chosen = set(answer) if isinstance(answer, list) else {answer}
    return bool(chosen & {str(v) for v in cond["any_of"]})


def is_answered(answer: Any) -> bool:
    """True for a non-blank answer (a non-empty list for multiple choice)."""
    if isinstance(answer, list):
        return bool(answer)
    return answer is not None and str(answer).strip() != ""


def asked_questions(definition: FormDefinition, answers: Answers) -> list[Question]:
    """The questions this person is asked, in order, judged on their answers so far."""
    asked: set[str] = set()
    result = []
    for question in definition.questions:
        if question.show_if is None or condition_holds(question.show_if, answers, asked):
            asked.add(question.key)
            result.append(question)
    return result


def asked_keys(definition: FormDefinition, answers: Answers) -> set[str]:
    """The keys of the questions asked."""
    return {q.key for q in asked_questions(definition, answers)}


def prune(definition: FormDefinition, answers: Answers) -> Answers:
    """The answers without those to questions routing no longer asks (and their write-ins)."""
    keep = asked_keys(definition, answers)
    return {k: v for k, v in answers.items() if k.split("__", 1)[0] in keep}


def hidden_answers(definition: FormDefinition, answers: Answers) -> list[str]:
    """Keys of questions that were answered although routing does not ask them."""
    keep = asked_keys(definition, answers)
    return [q.key for q in definition.questions if q.key not in keep and is_answered(answers.get(q.key))]


def shown_pages(definition: FormDefinition, answers: Answers) -> list[Page]:
    """The pages shown: those with at least one asked question."""
    keep = asked_keys(definition, answers)
    return [p for p in definition.pages if any(q.key in keep for q in p.questions)]


def page_questions(definition: FormDefinition, page: Page, answers: Answers) -> list[Question]:
    """The questions asked on one page."""
    keep = asked_keys(definition, answers)
    return [q for q in page.questions if q.key in keep]


def next_page(definition: FormDefinition, answers: Answers, current: str | None) -> Page | None:
    """The page after `current` (the first page when None); None when the questions are done."""
    pages = shown_pages(definition, answers)
    if current is None:
        return pages[0] if pages else None
    order = [p.key for p in definition.pages]
    position = order.index(current)
    return next((p for p in pages if order.index(p.key) > position), None)


def previous_page(definition: FormDefinition, answers: Answers, current: str) -> Page | None:
    """The shown page before `current`; None on the first page."""
    order = [p.key for p in definition.pages]
    position = order.index(current)
    earlier = [p for p in shown_pages(definition, answers) if order.index(p.key) < position]
    return earlier[-1] if earlier else None
