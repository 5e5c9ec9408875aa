"""Feedback and care-leaver forms in Chromium, axe-clean on every page, and the PA queue end to end."""

import itertools

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, check_accessibility, screenshot
from tests.staff.factories import PASSWORD, create_staff_user

_numbers = itertools.count()

FEEDBACK_FORMS = [
    "cp-conference-parent-feedback",
    "ehcp-new-plan-feedback",
    "ehcp-annual-review-feedback",
    "young-persons-feedback",
    "end-of-involvement-feedback",
]


def press_continue_to_check_your_answers(page, limit: int = 15) -> None:
    """Continue through every page (all questions optional), checking each one with axe."""
    for _ in range(limit):
        if page.locator("h1").inner_text() == "Check your answers":
            return
        check_accessibility(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()
    pytest.fail("never reached check your answers")


def send(page) -> None:
    check_accessibility(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Send answers").click()
    check_accessibility(page)


@pytest.mark.parametrize("slug", FEEDBACK_FORMS)
def test_each_feedback_form_can_be_sent_without_answering_anything(page, live_server, slug):
    page.goto(live_server.url + "/feedback/")
    check_accessibility(page)
    page.goto(live_server.url + f"/feedback/{slug}")
    check_accessibility(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()
    press_continue_to_check_your_answers(page)
    send(page)
    expect(page.locator("h1")).to_have_text("Thank you")
    expect(page.locator("body")).not_to_contain_text("You told us something that worries us")


def test_a_child_uses_the_face_scale_on_a_phone_and_a_disclosure_shows_help(browser, live_server):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/feedback/young-persons-feedback")
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()
    page.get_by_label("Really good").check()  # the words are the label: the face is decoration
    check_accessibility(page)
    screenshot(page, "feedback-face-scale-phone")
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    page.get_by_label("A bit").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    box = page.get_by_label("Is there anything else you want to tell us?")
    box.fill("mums bf hits me and i dont feel safe")
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    send(page)
    content = page.content()
    assert "You told us something that worries us" in content
    assert "0800 1111" in content and "01905 822666" in content
    context.close()


def test_a_parent_asks_to_be_contacted(page, live_server):
    page.goto(live_server.url + "/feedback/ehcp-annual-review-feedback")
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()
    for _ in range(7):
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()
    page.get_by_label("Yes, I agree to be contacted about my feedback").check()
    page.get_by_label("Your name").fill("Alex Parent")
    page.get_by_label("Email address").fill("alex@example.org")
    check_accessibility(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Check your answers")
    expect(page.locator("body")).to_contain_text("alex@example.org")
    send(page)


def test_something_is_wrong_shows_help_first(page, live_server):
    page.goto(live_server.url + "/care-leavers/")
    check_accessibility(page)
    page.goto(live_server.url + "/care-leavers/something-is-wrong")
    check_accessibility(page)
    content = page.content()
    assert content.index("116 123") < content.index("Start now")


def test_a_care_leaver_updates_their_details(page, live_server):
    page.goto(live_server.url + "/care-leavers/update-my-contact-details")
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()
    page.get_by_label("Your name").fill("Jo")
    check_accessibility(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    page.get_by_label("New mobile number").fill("07700 900111")
    check_accessibility(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    send(page)
    expect(page.locator("h1")).to_have_text("We have got your details")


def test_a_callback_request_goes_through_the_pa_queue(browser, live_server):
    care_leaver = browser.new_context()
    page = care_leaver.new_page()
    page.goto(live_server.url + "/care-leavers/ask-for-a-call-back")
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()
    with page.expect_navigation():  # nothing chosen: the error summary
        page.get_by_role("button", name="Continue").click()
    expect(page.locator("body")).to_contain_text("There is a problem")
    check_accessibility(page)
    page.get_by_label("Money").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    page.get_by_label("A text").check()
    page.get_by_label("Morning (9am to 12pm)").check()
    check_accessibility(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    page.get_by_label("Your name").fill("Sam")
    page.get_by_label("Your mobile number").fill("07700 900222")
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    send(page)
    expect(page.locator("h1")).to_have_text("We have got your request")
    reference = page.locator(".govuk-panel__body strong").inner_text()
    care_leaver.close()

    email = f"pa-{next(_numbers)}@example.org"
    create_staff_user(live_server.app, email=email, role="pa", name="Priya Adviser")
    staff = browser.new_context()
    page = staff.new_page()
    page.goto(live_server.url + "/staff/care-leavers/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    page.goto(live_server.url + "/staff/care-leavers/")
    check_accessibility(page)
    with page.expect_navigation():
        page.get_by_role("link", name=reference).click()
    check_accessibility(page)
    expect(page.locator("body")).to_contain_text("07700 900222")
    with page.expect_navigation():
        page.get_by_role("button", name="Pick up").click()
    expect(page.locator("body")).to_contain_text("Priya Adviser")
    page.get_by_label("Case reference").fill("LL-42")
    with page.expect_navigation():
        page.get_by_role("button", name="Save case reference").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Mark as done").click()
    check_accessibility(page)
    expect(page.locator("body")).to_contain_text("moved it from In progress to Done")
    page.goto(live_server.url + "/staff/care-leavers/?status=done")
    expect(page.locator("body")).to_contain_text(reference)
    check_accessibility(page)
    staff.close()
