"""Every question type and every validation message, through HTTP on the sample open consultation."""

import re

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.forms_engine.models import ContactDetail, EqualityResponse, Response
from tests.consultations.factories import answer, create_open_consultation, error_summary, start

SLUG = "every-type"


@pytest.fixture
def every_type(app):
    """The 2026 sample consultation (every question type, equality monitoring), open today."""
    create_open_consultation(app, base="short-breaks-local-offer-2026", slug=SLUG)


def test_every_question_type_is_asked_and_stored(client, app, every_type):
    url = start(client, SLUG)
    url = answer(client, url, {"role": "young_person"})
    assert url.endswith("/questions/child")
    url = answer(client, url, {"child_age": "17", "breaks_used": ["clubs", "overnight_unit"]})
    url = answer(client, url, {"used_local_offer": "yes"})
    assert url.endswith("/questions/last-break")
    url = answer(client, url, {"last_break_date": ["27", "3", "2026"]})
    url = answer(client, url, {"what_would_help": "More clubs at weekends", "other_comments": "Thank you"})
    assert url.endswith("/questions/keep-in-touch")
    url = answer(client, url, {"keep_informed": "yes", "email": "me@example.com", "phone": "07700 900982"})
    assert url.endswith("/questions/equality")
    url = answer(client, url, {"age_band": "age_18_24", "disability": "prefer_not_to_say"})
    assert url.endswith("/check-your-answers")
    page = client.get(url).get_data(as_text=True)
    for shown in ("Young person", "Overnight stays at a short breaks unit; Clubs, groups and activities",
                  "27 March 2026", "me@example.com", "07700 900982", "18 to 24"):  # fmt: skip
        assert shown in page
    token = re.search(r'name="submission_token" value="([^"]+)"', page).group(1)
    assert client.post(url, data={"submission_token": token}).status_code == 303
    with app.app_context():
        response = db.session.scalar(select(Response))
        stored = {}
        for a in response.answers:
            stored.setdefault(a.question_key, []).append(a.value)
        assert stored == {
            "role": ["young_person"],
            "child_age": ["17"],
            "breaks_used": ["overnight_unit", "clubs"],
            "used_local_offer": ["yes"],
            "last_break_date": ["2026-03-27"],
            "what_would_help": ["More clubs at weekends"],
            "other_comments": ["Thank you"],
            "keep_informed": ["yes"],
        }
        assert sorted(c.question_key for c in db.session.scalars(select(ContactDetail))) == ["email", "phone"]
        equality = db.session.scalar(select(EqualityResponse))
        assert equality.answers == {"age_band": "age_18_24", "disability": "prefer_not_to_say"}
        assert not hasattr(equality, "response_id")


def test_the_rating_is_asked_only_after_yes(client, every_type):
    url = start(client, SLUG)
    url = answer(client, url, {"role": "professional"})
    assert url.endswith("/questions/local-offer")
    page = client.get(url).get_data(as_text=True)
    assert "How easy was it to find what you needed?" in page  # shown on the page, answered only if yes
    url = answer(client, url, {"used_local_offer": "yes", "local_offer_rating": "4"})
    assert url.endswith("/questions/what-would-help")


@pytest.mark.parametrize(
    ("page", "data", "expected"),
    [
        ("child", {"child_age": "nine"}, [("#child_age", "Enter a whole number, like 9")]),
        ("child", {"child_age": "30"}, [("#child_age", "Enter a number between 0 and 25")]),
        ("child", {"breaks_used": ["teleport"]}, [("#breaks_used", "Select from the options shown")]),
        (
            "last-break",
            {"last_break_date": ["", "3", "2026"]},
            [("#last_break_date-day", "Date must include a day")],
        ),
        (
            "last-break",
            {"last_break_date": ["31", "2", "2026"]},
            [("#last_break_date-day", "Date must be a real date")],
        ),
        (
            "last-break",
            {"last_break_date": ["1", "1", "26"]},
            [("#last_break_date-day", "Year must include 4 numbers")],
        ),
        (
            "last-break",
            {"last_break_date": ["1", "1", "2099"]},
            [("#last_break_date-day", "Date must be today or in the past")],
        ),
        (
            "what-would-help",
            {"what_would_help": "x" * 201},
            [("#what_would_help", "Your answer must be 200 characters or fewer (it is 201)")],
        ),
        (
            "keep-in-touch",
            {"keep_informed": "yes", "email": "me@", "phone": "call me"},
            [
                ("#email", "Enter an email address in the correct format, like name@example.com"),
                ("#phone", "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"),
            ],
        ),
        ("role", {"role": "headteacher"}, [("#role", "Select one of the options shown")]),
        ("role", {"role": "other"}, [("#role__other", "Enter your answer for ‘Other’")]),
    ],
)
def test_each_validation_error_is_specific_and_linked_to_its_field(client, every_type, page, data, expected):
    first = start(client, SLUG)
    answer(client, first, {"role": "parent_carer"})
    answer(client, f"/consultations/{SLUG}/questions/child", {"breaks_used": ["clubs"]})
    answer(client, f"/consultations/{SLUG}/questions/keep-in-touch", {"keep_informed": "yes"})
    shown = answer(client, f"/consultations/{SLUG}/questions/{page}", data, expect=200).get_data(as_text=True)
    assert error_summary(shown) == expected
    for href, message in expected:
        assert f'id="{href[1:]}"' in shown
        assert message.replace("‘", "&lsquo;") in shown or message in shown


def test_what_was_typed_is_kept_when_a_page_has_errors(client, every_type):
    start(client, SLUG)
    answer(client, f"/consultations/{SLUG}/questions/role", {"role": "parent_carer"})
    shown = answer(
        client,
        f"/consultations/{SLUG}/questions/child",
        {"child_age": "nine", "breaks_used": ["clubs"]},
        expect=200,
    ).get_data(as_text=True)
    assert 'value="nine"' in shown
    assert re.search(r'value="clubs"\s+checked', shown)


def test_required_questions_say_what_to_do(client, app):
    create_open_consultation(app, base="short-breaks-local-offer-2026", slug="all-required")
    from tests.consultations.factories import shipped

    data = shipped("short-breaks-local-offer-2026")
    for page in data["pages"]:
        for question in page["questions"]:
            question["required"] = True
    create_open_consultation(
        app, base="short-breaks-local-offer-2026", slug="all-required", pages=data["pages"]
    )
    start(client, "all-required")
    expected = {
        "role": [("#role", "Select an answer to question 1")],
        "child": [
            ("#child_age", "Enter a number for question 2"),
            ("#breaks_used", "Select at least one option for question 3"),
        ],
        "local-offer": [("#used_local_offer", "Select yes or no for question 4")],
    }
    for page, errors in expected.items():
        if page == "child":
            answer(client, "/consultations/all-required/questions/role", {"role": "parent_carer"})
        shown = answer(client, f"/consultations/all-required/questions/{page}", {}, expect=200).get_data(
            as_text=True
        )
        assert error_summary(shown) == errors
    answer(
        client, "/consultations/all-required/questions/local-offer", {"used_local_offer": "yes"}, expect=200
    )
    shown = answer(
        client, "/consultations/all-required/questions/local-offer", {"used_local_offer": "yes"}, expect=200
    ).get_data(as_text=True)
    assert error_summary(shown) == [("#local_offer_rating", "Select a rating for question 5")]
    answer(
        client, "/consultations/all-required/questions/child", {"child_age": "4", "breaks_used": ["clubs"]}
    )
    shown = answer(client, "/consultations/all-required/questions/last-break", {}, expect=200).get_data(
        as_text=True
    )
    assert error_summary(shown) == [("#last_break_date-day", "Enter a date for question 6")]
    shown = answer(client, "/consultations/all-required/questions/what-would-help", {}, expect=200).get_data(
        as_text=True
    )
    assert error_summary(shown) == [
        ("#what_would_help", "Enter your answer to question 7"),
        ("#other_comments", "Enter your answer to question 8"),
    ]
    answer(
        client, "/consultations/all-required/questions/keep-in-touch", {"keep_informed": "yes"}, expect=200
    )
    shown = answer(
        client, "/consultations/all-required/questions/keep-in-touch", {"keep_informed": "yes"}, expect=200
    ).get_data(as_text=True)
    assert error_summary(shown) == [
        ("#email", "Enter your email address"),
        ("#phone", "Enter your phone number"),
    ]
