"""Counts in sentences take the plural form each language needs: Polish "1 dzień, 2 dni",
Romanian "19 zile, 20 de zile"."""

import pytest

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
