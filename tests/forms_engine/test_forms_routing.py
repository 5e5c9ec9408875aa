"""Routing: the 2019 questionnaire asks each kind of respondent exactly what the published tables show."""

from pathlib import Path

import pytest
import yaml

from portal.forms_engine.definition import parse_definition
from portal.forms_engine.routing import (
    asked_keys,
    condition_holds,
    hidden_answers,
    next_page,
    previous_page,
    prune,
    shown_pages,
)

PATH = Path(__file__).parents[2] / "portal/content/consultations/overnight-short-breaks-2019.yaml"
SHORT_BREAKS = parse_definition(yaml.safe_load(PATH.read_text()))
ALWAYS = {
    "role",
    "district",
    "support",
    "comments_osborne_court",
    "comments_ludlow_road",
    "comments_other",
    "email",
}


def test_professionals_skip_the_child_age_and_access_questions():
    assert asked_keys(SHORT_BREAKS, {"role": "professional"}) == ALWAYS


def test_parent_carers_who_use_short_breaks_are_asked_which_provision():
    answers = {"role": "parent_carer", "access": "yes"}
    assert asked_keys(SHORT_BREAKS, answers) == ALWAYS | {"child_age", "access", "provision"}


@pytest.mark.parametrize("access", ["no", "about_to_start", "not_sure"])
def test_provision_is_asked_only_after_yes(access):
    assert "provision" not in asked_keys(SHORT_BREAKS, {"role": "young_person", "access": access})


def test_other_respondents_give_the_child_age_but_not_access():
    assert asked_keys(SHORT_BREAKS, {"role": "other"}) == ALWAYS | {"child_age"}


def test_someone_who_skips_the_role_question_is_asked_the_child_age_only():
    assert asked_keys(SHORT_BREAKS, {}) == ALWAYS | {"child_age"}


def test_changing_an_earlier_answer_drops_answers_that_no_longer_apply():
    answers = {"role": "parent_carer", "child_age": "age_0_16", "access": "yes", "provision": "ludlow_road"}
    assert prune(SHORT_BREAKS, {**answers, "role": "professional"}) == {"role": "professional"}
    assert "provision" not in prune(SHORT_BREAKS, {**answers, "access": "no"})


def test_hidden_answers_are_reported():
    answers = {"role": "professional", "child_age": "age_0_16", "provision": "ludlow_road"}
    assert hidden_answers(SHORT_BREAKS, answers) == ["child_age", "provision"]


def test_pages_follow_routing_both_ways():
    answers = {"role": "professional"}
    assert [p.key for p in shown_pages(SHORT_BREAKS, answers)][:3] == ["role", "district", "support"]
    assert next_page(SHORT_BREAKS, answers, "role").key == "district"
    assert previous_page(SHORT_BREAKS, answers, "district").key == "role"
    assert previous_page(SHORT_BREAKS, answers, "role") is None
    assert next_page(SHORT_BREAKS, answers, "keep-up-to-date") is None
    assert next_page(SHORT_BREAKS, {}, None).key == "role"


def test_conditions_combine():
    asked = {"a", "b"}
    answers = {"a": "x", "b": ["p", "q"]}
    assert condition_holds(
        {"all": [{"question": "a", "equals": "x"}, {"question": "b", "any_of": ["q"]}]}, answers, asked
    )
    assert condition_holds(
        {"any": [{"question": "a", "equals": "y"}, {"question": "b", "any_of": ["p"]}]}, answers, asked
    )
    assert not condition_holds(
        {"any": [{"question": "a", "in": ["y", "z"]}, {"question": "b", "any_of": ["r"]}]}, answers, asked
    )
    assert condition_holds({"question": "a", "answered": True}, answers, asked)
    assert condition_holds({"question": "c", "answered": False}, {}, {"c"})


def test_a_condition_on_a_question_not_asked_is_false():
    assert not condition_holds({"question": "a", "answered": False}, {}, set())
    assert condition_holds({"not": {"question": "a", "equals": "x"}}, {"a": "x"}, set())
