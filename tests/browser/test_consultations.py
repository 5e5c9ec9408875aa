"""The short-breaks questionnaire done in Chromium along every routing branch, axe-clean on every page."""

import copy
import datetime as dt
import json
import re

import pytest
import yaml
from playwright.sync_api import expect

from portal.extensions import db
from portal.forms_engine.content import load_definition
from portal.forms_engine.definition import canonical_json
from tests.browser.conftest import PHONE, check_accessibility, screenshot
from tests.consultations.factories import CONTENT

SLUG = "browser-short-breaks"


@pytest.fixture(scope="module")
def consultation(live_server):
    """An open copy of the 2019 questionnaire on the live server."""
    data = copy.deepcopy(yaml.safe_load((CONTENT / "overnight-short-breaks-2019.yaml").read_text()))
    today = dt.date.today()
    data.update(slug=SLUG, opens=today - dt.timedelta(days=1), closes=today + dt.timedelta(days=30))
    with live_server.app.app_context():
        load_definition(json.loads(canonical_json(data)))
        db.session.commit()
    return live_server.url + f"/consultations/{SLUG}"


def continue_to(page, heading: str, axe: bool = True) -> None:
    """Press Continue, then check the next page and run axe on it (axe needs JavaScript)."""
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_contain_text(heading)
    if axe:
        check_accessibility(page)


def choose(page, label: str) -> None:
    page.get_by_label(label, exact=True).check()


def begin(page, url: str, axe: bool = True) -> None:
    page.goto(url)
    if axe:
        check_accessibility(page)
    page.get_by_role("button", name="Start now").click()
    expect(page.locator("h1")).to_contain_text("Are you a parent carer, young person or professional?")
    if axe:
        check_accessibility(page)


def finish(page) -> str:
    """The three comment pages, the email page, check your answers and sending."""
    continue_to(page, "Do you have any comments on the proposed changes to Osborne Court")
    page.get_by_label(re.compile("Osborne Court Short Breaks Unit")).fill("It is further for us to travel.")
    continue_to(page, "Do you have any comments on the proposed closure of Ludlow Road")
    continue_to(page, "Do you have any other comments on these proposals?")
    continue_to(page, "Please provide your email address")
    continue_to(page, "Check your answers")
    page.get_by_role("button", name="Send answers").click()
    expect(page.locator("h1")).to_contain_text("Answers sent")
    check_accessibility(page)
    return page.locator(".govuk-panel__body strong").inner_text()


def test_a_professional_skips_the_child_age_and_access_questions(page, consultation):
    begin(page, consultation)
    choose(page, "Professional")
    continue_to(page, "Which district do you live in?")
    choose(page, "I am a professional who works countywide")
    continue_to(page, "Overall, do you support these proposals")
    choose(page, "No")
    reference = finish(page)
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", reference)


def test_a_parent_carer_who_uses_overnight_breaks_is_asked_which_provision(page, consultation):
    begin(page, consultation)
    choose(page, "Parent carer")
    continue_to(page, "How old is your child?")
    choose(page, "0-16 years")
    continue_to(page, "Which district do you live in?")
    choose(page, "Wyre Forest (including Kidderminster, Stourport and Bewdley)")
    continue_to(page, "do you/your child currently access overnight short breaks")
    choose(page, "Yes")
    continue_to(page, "what overnight short breaks provision do you access")
    choose(page, "Ludlow Road, Kidderminster")
    continue_to(page, "Overall, do you support these proposals")
    choose(page, "Maybe")
    finish(page)


def test_a_young_person_who_does_not_use_overnight_breaks_skips_the_provision_question(page, consultation):
    begin(page, consultation)
    choose(page, "Young person")
    continue_to(page, "How old is your child?")
    choose(page, "17-25 years")
    continue_to(page, "Which district do you live in?")
    choose(page, "Bromsgrove")
    continue_to(page, "do you/your child currently access overnight short breaks")
    choose(page, "No")
    continue_to(page, "Overall, do you support these proposals")
    finish(page)


def test_someone_else_says_who_they_are_and_errors_are_accessible(page, consultation):
    begin(page, consultation)
    choose(page, "Other")
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter your answer for ‘Other’" in summary.inner_text()
    check_accessibility(page)
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "role__other"
    page.get_by_label(re.compile("please specify")).fill("Grandparent carer")
    continue_to(page, "How old is your child?")
    continue_to(page, "Which district do you live in?")
    continue_to(page, "Overall, do you support these proposals")
    finish(page)


def test_the_journey_works_without_javascript_on_a_320_pixel_phone(browser, consultation):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        begin(page, consultation, axe=False)
        choose(page, "Other")
        page.get_by_label(re.compile("please specify")).fill("Foster carer")
        continue_to(page, "How old is your child?", axe=False)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        page.get_by_role("link", name="Back", exact=True).click()
        assert page.get_by_label(re.compile("please specify")).input_value() == "Foster carer"
        for heading in (
            "How old is your child?",
            "Which district do you live in?",
            "Overall, do you support these proposals",
            "Do you have any comments on the proposed changes to Osborne Court",
            "Do you have any comments on the proposed closure of Ludlow Road",
            "Do you have any other comments on these proposals?",
            "Please provide your email address",
            "Check your answers",
        ):
            continue_to(page, heading, axe=False)
        page.get_by_role("link", name=re.compile("^Change.*Are you a parent carer")).click()
        choose(page, "Professional")
        continue_to(page, "Check your answers", axe=False)
        expect(page.locator("main")).not_to_contain_text("How old is your child")
        screenshot(page, "consultation-check-answers-phone")
        page.get_by_role("button", name="Send answers").click()
        expect(page.locator("h1")).to_contain_text("Answers sent")
    finally:
        context.close()


def test_save_and_return_and_the_closed_consultation_pages_are_accessible(page, consultation, live_server):
    begin(page, consultation)
    page.set_viewport_size(PHONE)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the question page scrolls sideways by {overflow}px at 320px"
    check_accessibility(page)
    choose(page, "Parent carer")
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.locator("h1")).to_contain_text("Your answers have been saved")
    check_accessibility(page)
    code = page.locator(".govuk-panel__body strong").inner_text()
    page.get_by_role("link", name="Carry on with your answers now").click()
    check_accessibility(page)
    page.get_by_label("Enter your code to carry on with your answers").fill(code)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_contain_text("Check your answers")
    page.goto(live_server.url + "/consultations/overnight-short-breaks-2019")
    expect(page.locator("main")).to_contain_text("This consultation closed on 1 August 2019")
    check_accessibility(page)
