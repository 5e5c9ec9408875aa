"""Answers: every question type is read and checked, with plain-English messages."""

import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from portal.forms_engine.answers import check_answer, display_value, parse_date_parts, read_page
from tests.forms_engine.factories import create_definition

TODAY = dt.date(2026, 11, 23)


def question(**q):
    return create_definition([{"key": "q", "number": "3", "text": "Question?", **q}]).question("q")


def problems(the_question, **fields):
    _, found = read_page([the_question], MultiDict(fields), TODAY)
    return [(p.field, p.message) for p in found]


CHOICE = {
    "type": "single_choice",
    "options": [{"value": "a", "label": "A"}, {"value": "other", "label": "Other", "write_in": True}],
}


def test_nothing_is_required_unless_the_definition_says_so():
    assert problems(question(type="short_text")) == []


@pytest.mark.parametrize(
    ("q", "message"),
    [
        (CHOICE, "Select an answer to question 3"),
        ({"type": "yes_no"}, "Select yes or no for question 3"),
        (
            {"type": "rating", "scale": [{"value": 1, "label": "Bad"}, {"value": 2, "label": "Good"}]},
            "Select a rating for question 3",
        ),
        (
            {
                "type": "multiple_choice",
                "options": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}],
            },
            "Select at least one option for question 3",
        ),
        ({"type": "short_text"}, "Enter your answer to question 3"),
        ({"type": "long_text"}, "Enter your answer to question 3"),
        ({"type": "email"}, "Enter your email address"),
        ({"type": "phone"}, "Enter your phone number"),
        ({"type": "number"}, "Enter a number for question 3"),
    ],
)
def test_a_required_question_left_blank_says_what_to_do(q, message):
    assert problems(question(required=True, **q)) == [("q", message)]


def test_a_required_date_left_blank_links_to_the_day():
    assert problems(question(type="date", required=True)) == [("q-day", "Enter a date for question 3")]


def test_a_custom_message_replaces_the_default():
    q = question(type="yes_no", required=True, errors={"required": "Select yes if you use short breaks"})
    assert problems(q) == [("q", "Select yes if you use short breaks")]


def test_other_needs_its_write_in():
    q = question(**CHOICE)
    assert problems(q, q="other") == [("q__other", "Enter your answer for ‘Other’")]
    answers, found = read_page([q], MultiDict({"q": "other", "q__other": " Grandparent "}), TODAY)
    assert found == [] and answers == {"q": "other", "q__other": "Grandparent"}


def test_the_write_in_is_ignored_for_other_options():
    answers, _ = read_page([question(**CHOICE)], MultiDict({"q": "a", "q__other": "stale"}), TODAY)
    assert answers == {"q": "a"}


def test_a_tampered_option_is_refused():
    assert problems(question(**CHOICE), q="zzz") == [("q", "Select one of the options shown")]


def test_multiple_choice_keeps_option_order_and_limits_choices():
    q = question(
        type="multiple_choice",
        max_choices=1,
        options=[{"value": "a", "label": "A"}, {"value": "b", "label": "B"}],
    )
    answers, found = read_page([q], MultiDict([("q", "b"), ("q", "a")]), TODAY)
    assert answers == {"q": ["a", "b"]}
    assert [p.message for p in found] == ["Select 1 options or fewer"]
    assert problems(q, q="c") == [("q", "Select from the options shown")]


def test_text_longer_than_the_limit_says_by_how_much():
    assert problems(question(type="short_text", max_length=5), q="abcdefg") == [
        ("q", "Your answer must be 5 characters or fewer (it is 7)")
    ]


def test_windows_line_endings_count_as_one_character():
    answers, found = read_page([question(type="long_text", max_length=3)], MultiDict({"q": "a\r\nb"}), TODAY)
    assert found == [] and answers == {"q": "a\nb"}


def test_email_format():
    q = question(type="email")
    assert problems(q, q="name@example") == [
        ("q", "Enter an email address in the correct format, like name@example.com")
    ]
    assert problems(q, q="name@example.com") == []


@pytest.mark.parametrize(
    "number", ["01905 843657", "07700 900982", "+44 7700 900982", "(01905) 843-657", "+33 1 23 45 67 89"]
)
def test_phone_numbers_people_write(number):
    assert problems(question(type="phone"), q=number) == []


def test_phone_format():
    assert problems(question(type="phone"), q="call me") == [
        ("q", "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192")
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("nine", "Enter a whole number, like 9"),
        ("9.5", "Enter a whole number, like 9"),
        ("26", "Enter a number between 0 and 25"),
        ("-1", "Enter a number between 0 and 25"),
    ],
)
def test_number_problems(value, message):
    assert problems(question(type="number", min=0, max=25), q=value) == [("q", message)]


def test_number_limits_on_one_side():
    assert problems(question(type="number", min=1), q="0") == [("q", "Enter a number that is 1 or more")]
    assert problems(question(type="number", max=5), q="6") == [("q", "Enter a number that is 5 or less")]
    assert problems(question(type="number", whole_number=False), q="2.5") == []


@pytest.mark.parametrize(
    ("parts", "field", "message"),
    [
        (("", "3", "2026"), "q-day", "Date must include a day"),
        (("", "", "2026"), "q-day", "Date must include a day and a month"),
        (("27", "3", ""), "q-year", "Date must include a year"),
        (("31", "2", "2026"), "q-day", "Date must be a real date"),
        (("x", "2", "2026"), "q-day", "Date must be a real date"),
        (("1", "2", "26"), "q-year", "Year must include 4 numbers"),
    ],
)
def test_date_problems(parts, field, message):
    _, problem = parse_date_parts("q", *parts)
    assert (problem.field, problem.message) == (field, message)


def test_dates_are_read_from_three_boxes_and_checked_against_today():
    q = question(type="date", max="today", min="2020-01-01")
    answers, found = read_page([q], MultiDict({"q-day": "27", "q-month": "3", "q-year": "2026"}), TODAY)
    assert found == [] and answers == {"q": "2026-03-27"}
    assert problems(q, **{"q-day": "1", "q-month": "1", "q-year": "2027"}) == [
        ("q-day", "Date must be today or in the past")
    ]
    assert problems(q, **{"q-day": "1", "q-month": "1", "q-year": "2019"}) == [
        ("q-day", "Date must be on or after 1 January 2020")
    ]


def test_check_answer_takes_stored_values():
    assert check_answer(question(type="yes_no"), "yes", None, TODAY) == []


def test_answers_are_shown_as_the_person_saw_them():
    q = question(**CHOICE)
    assert display_value(q, "other", "Grandparent") == "Other: Grandparent"
    assert display_value(question(type="date"), "2019-08-01") == "1 August 2019"
    multi = question(
        type="multiple_choice", options=[{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]
    )
    assert display_value(multi, ["a", "b"]) == "A; B"


def test_dates_are_read_as_govuk_frontend_posts_them():
    q = question(type="date")
    answers, found = read_page([q], MultiDict([("q", "1"), ("q", "8"), ("q", "2019")]), TODAY)
    assert found == [] and answers == {"q": "2019-08-01"}
