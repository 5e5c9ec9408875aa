"""Counts in sentences take the plural form each language needs: Polish "1 dzień, 2 dni",
Romanian "19 zile, 20 de zile"."""

import pytest

from portal.forms_engine.answers import check_answer
from portal.forms_engine.definition import Question
from tests.consultations.factories import create_open_consultation, shipped


@pytest.mark.parametrize(
    ("language", "days", "expected"),
    [
        ("en", 1, "We keep answers for 1 day and then delete them."),
        ("en", 730, "We keep answers for 730 days and then delete them."),
        ("pl", 1, "Przechowujemy odpowiedzi przez 1 dzień,"),
        ("pl", 730, "Przechowujemy odpowiedzi przez 730 dni,"),
        ("ro", 1, "Păstrăm răspunsurile 1 zi,"),
        ("ro", 19, "Păstrăm răspunsurile 19 zile,"),
        ("ro", 730, "Păstrăm răspunsurile 730 de zile,"),
        ("ur", 730, "ہم جوابات 730 دن رکھتے ہیں"),
    ],
)
def test_the_retention_period_on_a_start_page_is_in_the_right_plural_form(
    client, app, language, days, expected
):
    privacy = {**shipped("overnight-short-breaks-2019")["privacy"], "retention_days": days}
    create_open_consultation(app, privacy=privacy)
    client.get(f"/language/{language}?next=/")
    assert expected in client.get("/consultations/open-copy").get_data(as_text=True)


@pytest.mark.parametrize(
    ("language", "limit", "expected"),
    [
        ("en", 200, "Your answer must be 200 characters or fewer (it is 201)"),
        ("pl", 200, "Twoja odpowiedź może mieć najwyżej 200 znaków (ma 201)"),
        ("pl", 2, "Twoja odpowiedź może mieć najwyżej 2 znaki (ma 3)"),
        ("ro", 200, "Răspunsul trebuie să aibă cel mult 200 de caractere (are 201)"),
        ("ro", 2, "Răspunsul trebuie să aibă cel mult 2 caractere (are 3)"),
    ],
)
def test_a_length_limit_message_is_in_the_right_plural_form(app, language, limit, expected):
    question = Question(key="q", type="text", text="Q", max_length=limit)
    with app.test_request_context(headers={"Accept-Language": language}):
        [problem] = check_answer(question, "x" * (limit + 1), None, None, language=language)
    assert problem.message == expected


def test_a_length_limit_message_without_a_request_is_english():
    question = Question(key="q", type="text", text="Q", max_length=1)
    [problem] = check_answer(question, "xy", None, None, language="ro")
    assert problem.message == "Your answer must be 1 character or fewer (it is 2)"
