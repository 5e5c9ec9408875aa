"""Definitions: the shipped ones load, and every kind of mistake is named clearly."""

import copy
import datetime as dt
from pathlib import Path

import pytest
import yaml

from portal.forms_engine.definition import DefinitionError, checksum, localise, parse_definition
from tests.forms_engine.factories import BASE, create_definition, create_definition_data

CONTENT = Path(__file__).parents[2] / "portal" / "content"


def problems_of(data) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        parse_definition(data, "bad.yaml")
    return caught.value.problems


@pytest.mark.parametrize("path", sorted(CONTENT.glob("*/*.yaml")), ids=lambda p: p.name)
def test_every_shipped_definition_is_valid(path):
    data = yaml.safe_load(path.read_text())
    if data.get("kind") in ("consultation", "feedback", "careleaver"):
        assert parse_definition(data, path.name).slug == path.stem


def test_the_2019_questionnaire_has_nine_numbered_questions_and_an_unnumbered_email():
    data = yaml.safe_load((CONTENT / "consultations" / "overnight-short-breaks-2019.yaml").read_text())
    definition = parse_definition(data)
    numbered = [q for q in definition.questions if q.number]
    assert [q.number for q in numbered] == [str(n) for n in range(1, 10)]
    email = definition.question("email")
    assert email.number is None and email.personal and not email.required
    assert not any(q.required for q in definition.questions)
    assert [o.label for o in definition.question("provision").options][-2:] == [
        "Acorns Children's Hospice, Worcester",
        "Not sure",
    ]
    assert definition.opens == dt.date(2019, 6, 14) and definition.closes == dt.date(2019, 8, 1)


def test_a_missing_required_key_is_named():
    data = create_definition_data()
    del data["title"]
    assert "title: is required" in problems_of(data)


def test_the_error_message_names_the_file():
    data = create_definition_data(kind="survey")
    with pytest.raises(DefinitionError, match=r"^bad.yaml: kind: must be one of consultation"):
        parse_definition(data, "bad.yaml")


def test_unknown_question_type_and_audience_are_refused():
    data = create_definition_data(audience=["teenagers"])
    data["pages"][0]["questions"][0]["type"] = "dropdown"
    found = problems_of(data)
    assert any(p.startswith("audience: unknown audience 'teenagers'") for p in found)
    assert any(p.startswith("pages[0].questions[0].type: must be one of") for p in found)


def test_duplicate_keys_and_option_values_are_refused():
    data = create_definition_data()
    data["pages"][1]["key"] = "role"
    data["pages"][1]["questions"][0]["key"] = "role"
    data["pages"][0]["questions"][0]["options"][1]["value"] = "parent_carer"
    found = problems_of(data)
    assert "pages[1].key: 'role' is used by another page" in found
    assert "pages[1].questions[0].key: 'role' is used by another question" in found
    assert "pages[0].questions[0].options[1].value: 'parent_carer' is used by another option" in found


def test_a_condition_must_refer_to_an_earlier_question_and_its_real_options():
    data = create_definition_data()
    data["pages"][0]["questions"][0]["show_if"] = {"question": "child_age", "answered": True}
    data["pages"][1]["questions"][0]["show_if"] = {"question": "role", "in": ["parent", "professional"]}
    found = problems_of(data)
    assert "pages[0].questions[0].show_if: question 'child_age' is not an earlier question" in found
    assert "pages[1].questions[0].show_if.in: 'parent' is not an option of 'role'" in found


def test_conditions_use_the_operator_that_fits_the_question():
    data = create_definition_data()
    data["pages"][1]["questions"][0]["show_if"] = {"question": "role", "any_of": ["other"]}
    assert "pages[1].questions[0].show_if.any_of: only for multiple choice questions; use in" in problems_of(
        data
    )


def test_privacy_needs_a_retention_period_in_days():
    data = create_definition_data(
        privacy={"purpose": "x", "lawful_basis": "y", "who_sees": "z", "retention_days": 0}
    )
    assert "privacy.retention_days: must be a whole number of days, 1 or more" in problems_of(data)


def test_dates_must_be_in_order():
    assert "closes: must not be before opens" in problems_of(
        create_definition_data(opens=dt.date(2020, 1, 2), closes=dt.date(2020, 1, 1))
    )


def test_labels_cannot_hold_the_separator_for_several_choices():
    data = create_definition_data()
    data["pages"][0]["questions"][0]["options"][0]["label"] = "Parent; carer"
    assert any("must not contain '; '" in p for p in problems_of(data))


def test_text_in_several_languages_needs_english():
    data = create_definition_data(title={"pl": "Formularz"})
    assert "title: a text in several languages must include 'en'" in problems_of(data)


def test_text_in_several_languages_falls_back_to_english():
    definition = create_definition(title={"en": "Short breaks", "pl": "Krótkie przerwy"})
    assert localise(definition.title, "pl") == "Krótkie przerwy"
    assert localise(definition.title, "ur") == "Short breaks"


def test_options_belong_only_to_choice_questions():
    data = create_definition_data()
    data["pages"][1]["questions"][0]["options"] = [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]
    assert "pages[1].questions[0].options: only choice questions have options" in problems_of(data)


def test_a_rating_needs_a_labelled_scale():
    data = create_definition_data()
    data["pages"][1]["questions"][0] = {
        "key": "how",
        "text": "How was it?",
        "type": "rating",
        "scale": [{"value": 1}],
    }
    assert "pages[1].questions[0].scale: a rating needs a scale of at least 2 labelled points" in problems_of(
        data
    )


def test_personal_fields_are_only_text():
    data = create_definition_data()
    data["pages"][1]["questions"][0]["personal"] = True
    assert (
        "pages[1].questions[0].personal: only text, email and phone questions can be personal"
        in problems_of(data)
    )


def test_the_checksum_changes_only_when_the_definition_does():
    same = copy.deepcopy(BASE)
    assert checksum(same) == checksum(copy.deepcopy(BASE))
    same["title"] = "Another title"
    assert checksum(same) != checksum(BASE)


def test_status_follows_the_dates():
    definition = create_definition(opens=dt.date(2026, 10, 1), closes=dt.date(2027, 1, 31))
    assert definition.status(dt.date(2026, 9, 30)) == "upcoming"
    assert definition.status(dt.date(2027, 1, 31)) == "open"
    assert definition.status(dt.date(2027, 2, 1)) == "closed"
