"""Messages to the assistant in Polish, Romanian or Urdu get help in that language, found offline."""

import pytest

from portal.language_help import HELP, detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Dzień dobry, potrzebuję pomocy dla mojego dziecka", "pl"),
        ("Jak mogę zapisać dziecko?", "pl"),
        ("Bună ziua, am nevoie de ajutor pentru copilul meu", "ro"),
        ("Cum pot cere o pauză scurtă?", "ro"),
        ("مجھے اپنے بچے کے لیے مدد چاہیے", "ur"),
        ("What are short breaks?", None),
        ("I need help for my son in Kidderminster", None),
        ("Is there a youth club near Bromsgrove?", None),
        ("Ludlow Road", None),
        ("ok", None),
        ("01905 822666", None),
        ("مرحبا كيف حالك", None),  # Arabic, not Urdu: no Urdu answer
    ],
)
def test_the_language_is_spotted_without_any_service(text, language):
    assert detect_language(text) == language


def test_each_help_message_names_a_number_and_the_emergency_number():
    for text in HELP.values():
        assert "01905 765765" in text and "999" in text
