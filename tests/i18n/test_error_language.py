"""Validation messages that quote definition text (an option's name, a message the definition gives)
mark the part that is not translated as English, as the question page does."""

import re

import pytest

from portal.forms_engine.answers import check_answer
from portal.forms_engine.definition import Option, Question
from tests.consultations.factories import answer, create_open_consultation, error_summary, shipped, start

IN_ENGLISH = {"pl": "(po angielsku)", "ur": "(انگریزی میں)"}
OTHER_MARKED = '<span lang="en" dir="ltr">Other</span>'


def _consultation(app, other_label=None, errors=None) -> str:
    data = shipped("overnight-short-breaks-2019")
    role = data["pages"][0]["questions"][0]
    if other_label:
        role["options"][3]["label"] = other_label
    if errors:
        role.update(errors=errors, required=True)
    create_open_consultation(app, slug="errors-in-language", pages=data["pages"])
    return "errors-in-language"


def _field_error(html: str) -> str:
    return re.search(r'<p id="role__other-error" class="govuk-error-message">(.*?)</p>', html, re.S).group(1)


@pytest.mark.parametrize("language", ["pl", "ur"])
def test_an_english_option_quoted_in_an_error_is_marked_as_english(client, app, language):
    slug = _consultation(app)
    client.get(f"/language/{language}?next=/")
    html = answer(client, start(client, slug), {"role": "other"}, expect=200).get_data(as_text=True)
    [(href, message)] = error_summary(html)
    assert href == "#role__other"
    for shown in (message, _field_error(html)):
        assert OTHER_MARKED in shown and shown.rstrip().endswith(
            f'<span class="app-in-english">{IN_ENGLISH[language]}</span>'
        )
        assert "&lt;" not in shown  # the mark is markup, not text


def test_a_translated_option_in_an_error_is_not_marked(client, app):
    slug = _consultation(app, other_label={"en": "Other", "pl": "Inne"})
    client.get("/language/pl?next=/")
    html = answer(client, start(client, slug), {"role": "other"}, expect=200).get_data(as_text=True)
    [(_href, message)] = error_summary(html)
    assert "Inne" in message and "lang=" not in message and IN_ENGLISH["pl"] not in message


def test_english_readers_and_imports_get_the_plain_message(client, app):
    slug = _consultation(app)
    html = answer(client, start(client, slug), {"role": "other"}, expect=200).get_data(as_text=True)
    assert error_summary(html) == [("#role__other", "Enter your answer for ‘Other’")]
    question = Question(
        key="role", text="Role", type="single_choice", options=(Option("other", "Other", write_in=True),)
    )
    [problem] = check_answer(question, "other", None, None, language="pl")  # no request: an import
    assert problem.message == "Enter your answer for ‘Other’"


def test_an_untranslated_message_from_the_definition_is_marked_as_english(client, app):
    slug = _consultation(
        app, errors={"required": "Tell us who you are", "write_in": {"en": "Say who", "pl": "Napisz kim"}}
    )
    client.get("/language/ur?next=/")
    url = start(client, slug)
    html = answer(client, url, {}, expect=200).get_data(as_text=True)
    [(_href, message)] = error_summary(html)
    assert (
        message.startswith('<span lang="en" dir="ltr">Tell us who you are</span>')
        and IN_ENGLISH["ur"] in message
    )
    client.get("/language/pl?next=/")
    html = answer(client, url, {"role": "other"}, expect=200).get_data(as_text=True)
    [(_href, message)] = error_summary(html)
    assert message == "Napisz kim"
