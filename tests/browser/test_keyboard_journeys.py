"""Keyboard-only journeys, each to its end, in English and in Urdu (right to left): a whole
consultation, a feedback form, a care leaver's request, a Local Offer search to a service and a web
chat exchange. No mouse: only Tab, Shift+Tab, Space, Enter, arrow keys and typing. Every page is
axe clean, focus is always visible and never trapped, the skip link works and errors are announced
by moving focus to the error summary. Also touch target sizes, reduced motion and the paper copy."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.keyboard import (
    activate,
    check_page,
    choose,
    follow_first_error,
    press,
    skip_link_goes_to_main_content,
    submit_and_expect_errors,
    switch_language,
    tab_to,
    tick,
    type_into,
    walk_round,
    words,
)

LANGUAGES = ["en", "ur"]
CONTINUE = "main form button[type=submit][value=continue]"
REFERENCE = re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}")


def begin(page, url: str, language: str, name: str) -> None:
    """Open a start page, choose the language with the switcher, use the skip link and press Start now."""
    page.goto(url)
    switch_language(page, language)
    skip_link_goes_to_main_content(page)
    check_page(page, f"keyboard-{name}-start-{language}")
    activate(page, ".govuk-button--start")


def send_answers(page, app, language: str, name: str) -> None:
    """Check your answers: every answer shown, then Send with the keyboard."""
    expect(page.locator("main h1")).to_have_text(words(app, language, "Check your answers"))
    check_page(page, f"keyboard-{name}-check-{language}")
    activate(page, "main form button[type=submit]")
    expect(page.locator(".govuk-panel--confirmation")).to_be_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_whole_consultation_by_keyboard(page, live_server, language):
    app = live_server.app
    begin(page, live_server.url + "/consultations/short-breaks-local-offer-2026", language, "consultation")

    # Question 1: "Other" with nothing written is an error, announced; then Shift+Tab back to the
    # answers and the arrow keys to choose "Parent carer".
    expect(page.locator("main h1")).to_contain_text("Are you a parent carer, young person or professional?")
    check_page(page)
    assert walk_round(page, backwards=True) > 3
    choose(page, "role", "other")
    submit_and_expect_errors(page)
    check_page(page, f"keyboard-consultation-error-{language}")
    follow_first_error(page, "role__other")
    tab_to(page, "main input[name=role]:checked", backwards=True)
    for _ in range(3):
        press(page, "ArrowUp")
    expect(page.locator("#role")).to_be_checked()
    activate(page, CONTINUE)

    # Questions 2 and 3: a number typed wrong, put right; two checkboxes ticked.
    expect(page.locator("main h1")).to_contain_text("About your child")
    type_into(page, "#child_age", "nine")
    tick(page, "breaks_used", "clubs")
    submit_and_expect_errors(page)
    expect(page.locator("main input[name=breaks_used][value=clubs]")).to_be_checked()  # nothing lost
    check_page(page)
    follow_first_error(page, "child_age")
    type_into(page, "#child_age", "9", replace=True)
    tick(page, "breaks_used", "one_to_one")
    activate(page, CONTINUE)

    # Questions 4 and 5: yes/no and a rating, by arrow keys.
    expect(page.locator("main h1")).to_contain_text("The Local Offer")
    check_page(page)
    choose(page, "used_local_offer", "yes")
    choose(page, "local_offer_rating", "4")
    activate(page, CONTINUE)

    # Question 6: a date in three boxes.
    expect(page.locator("main h1")).to_contain_text("When did your child last have a short break?")
    check_page(page)
    last = dt.date.today() - dt.timedelta(days=30)
    type_into(page, "#last_break_date-day", str(last.day))
    type_into(page, "#last_break_date-month", str(last.month))
    type_into(page, "#last_break_date-year", str(last.year))
    activate(page, CONTINUE)

    # Questions 7 and 8: a short answer and a long one.
    expect(page.locator("main input[name=what_would_help]")).to_be_visible()
    check_page(page)
    type_into(page, "#what_would_help", "More holiday clubs")
    type_into(page, "#other_comments", "Thank you for asking us.")
    activate(page, CONTINUE)

    # Question 9, then the optional equality questions, left as they are.
    expect(page.locator("main h1")).to_contain_text("Keeping in touch")
    check_page(page)
    choose(page, "keep_informed", "no")
    activate(page, CONTINUE)
    expect(page.locator("main input[name=age_band]").first).to_be_visible()
    check_page(page, f"keyboard-consultation-equality-{language}")
    activate(page, CONTINUE)

    summary = page.locator(".govuk-summary-list")
    expect(summary).to_contain_text("Parent carer")
    expect(summary).to_contain_text("More holiday clubs")
    expect(summary).to_contain_text("Thank you for asking us.")
    send_answers(page, app, language, "consultation")
    expect(page.locator(".govuk-panel__title")).to_have_text(words(app, language, "Answers sent"))
    expect(page.locator(".govuk-panel__body strong")).to_have_text(REFERENCE)
    check_page(page, f"keyboard-consultation-sent-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_young_persons_feedback_form_by_keyboard(page, live_server, language):
    app = live_server.app
    begin(page, live_server.url + "/feedback/young-persons-feedback", language, "feedback")
    for key, point in (("how_it_felt", "4"), ("listened_to", "3"), ("know_what_next", "2")):
        expect(page.locator(f"main input[name={key}]").first).to_be_attached()
        check_page(page)
        choose(page, key, point)
        activate(page, CONTINUE)
    expect(page.locator("main h1")).to_contain_text("Is there anything else you want to tell us?")
    check_page(page)
    type_into(page, "#tell_us", "My worker was kind.")
    activate(page, CONTINUE)

    # Asking to be contacted, with a phone number that is not one: the error is announced, the
    # name typed is kept, and the number is put right.
    expect(page.locator("main input[name=contact_me]").first).to_be_attached()
    check_page(page)
    choose(page, "contact_me", "yes")
    type_into(page, "#contact_name", "Sam")
    type_into(page, "#contact_phone", "12")
    submit_and_expect_errors(page)
    expect(page.locator("#contact_name")).to_have_value("Sam")
    check_page(page, f"keyboard-feedback-error-{language}")
    follow_first_error(page, "contact_phone")
    type_into(page, "#contact_phone", "07700 900982", replace=True)
    activate(page, CONTINUE)

    expect(page.locator(".govuk-summary-list")).to_contain_text("My worker was kind.")
    send_answers(page, app, language, "feedback")
    expect(page.locator(".govuk-panel__title")).to_have_text(words(app, language, "Thank you"))
    expect(page.locator(".govuk-panel__body strong")).to_have_text(REFERENCE)
    check_page(page, f"keyboard-feedback-sent-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_care_leavers_call_back_request_by_keyboard(page, live_server, language):
    app = live_server.app
    begin(page, live_server.url + "/care-leavers/ask-for-a-call-back", language, "care-leaver")

    # What it is about is required: sending nothing is announced, the link goes to the answers.
    expect(page.locator("main input[name=reason]").first).to_be_attached()
    check_page(page)
    submit_and_expect_errors(page)
    check_page(page, f"keyboard-care-leaver-error-{language}")
    follow_first_error(page, "reason")
    choose(page, "reason", "housing")
    type_into(page, "#more_detail", "My tenancy ends next month.")
    activate(page, CONTINUE)

    expect(page.locator("main input[name=preferred_contact]").first).to_be_attached()
    check_page(page)
    choose(page, "preferred_contact", "text")
    choose(page, "best_time", "afternoon")
    activate(page, CONTINUE)

    expect(page.locator("main h1")).to_contain_text("About you")
    check_page(page)
    type_into(page, "#name", "Jordan")
    type_into(page, "#phone", "07700 900123")
    type_into(page, "#date_of_birth", "4 5 2006")
    activate(page, CONTINUE)

    expect(page.locator(".govuk-summary-list")).to_contain_text("My tenancy ends next month.")
    send_answers(page, app, language, "care-leaver")
    expect(page.locator(".govuk-panel__title")).to_have_text(words(app, language, "We have got your request"))
    expect(page.locator(".govuk-panel__body strong")).to_have_text(re.compile(r"CB-" + REFERENCE.pattern))
    check_page(page, f"keyboard-care-leaver-sent-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_local_offer_search_to_a_service_by_keyboard(page, live_server, language):
    page.goto(live_server.url + "/local-offer")
    switch_language(page, language)
    skip_link_goes_to_main_content(page)
    check_page(page)
    type_into(page, "main input[name=q]", "autism")
    type_into(page, "main input[name=age]", "9")
    choose(page, "cost", "free")
    activate(page, "main form button[type=submit], main form input[type=submit]")
    expect(page).to_have_url(re.compile(r"q=autism"))
    first = page.locator(".app-localoffer-result a").first
    expect(first).to_be_visible()
    check_page(page, f"keyboard-local-offer-results-{language}")
    name = first.inner_text()

    activate(page, ".app-localoffer-result a")
    expect(page.locator("main h1")).to_have_text(name)
    check_page(page, f"keyboard-local-offer-service-{language}")
    # The back link returns to the search by keyboard too.
    activate(page, ".govuk-back-link")
    expect(page.locator("main input[name=q]")).to_be_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_ask_for_another_format_by_keyboard_with_errors_announced(page, live_server, language):
    page.goto(live_server.url + "/consultations/short-breaks-local-offer-2026")
    switch_language(page, language)
    activate(page, "main a[href$='/another-format']")
    expect(page.locator("main input[name=formats]").first).to_be_attached()
    check_page(page)
    submit_and_expect_errors(page)
    check_page(page, f"keyboard-another-format-errors-{language}")
    tick(page, "formats", "large_print")
    type_into(page, "main input[name=name]", "Sam Example")
    type_into(page, "main textarea[name=contact]", "1 Sample Street, Worcester")
    activate(page, "main form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/another-format/sent$"))
    expect(page.locator(".govuk-panel strong")).to_have_text(re.compile(r"^AF-"))
    expect(page.locator(".govuk-panel")).not_to_contain_text("<strong>")
    check_page(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_web_chat_exchange_by_keyboard(page, chat_server, language):
    page.goto(chat_server.url + "/chat")
    switch_language(page, language)
    skip_link_goes_to_main_content(page)
    check_page(page)
    type_into(page, "#chat-form [name=message]", "hello")
    activate(page, "#chat-send")
    log = page.get_by_role("log")
    expect(log).to_contain_text("Choose a topic or type a question.")
    expect(page.locator("#chat-form [name=message]")).to_be_focused()
    check_page(page)

    # A quick reply, reached by Tab and pressed with Enter; focus comes back to the message box.
    activate(page, "#chat-quick-replies button")
    expect(log).to_contain_text("Short breaks give disabled children time away")
    expect(page.locator("#chat-form [name=message]")).to_be_focused()
    expect(page.locator("#chat-form [name=message]")).to_have_value("")
    check_page(page, f"keyboard-chat-{language}")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/consultations/short-breaks-local-offer-2026",
        "/local-offer",
        "/chat",
        "/consultations/short-breaks-local-offer-2026/another-format",
    ],
)
def test_touch_targets_are_at_least_24_pixels(page, live_server, path):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + path)
    expect(page.locator("main h1")).to_have_count(1)
    small = page.evaluate(
        """() => [...document.querySelectorAll('a, button, input, select, textarea, summary')]
        .filter(el => {
          const s = getComputedStyle(el);
          if (s.display === 'inline' || s.visibility === 'hidden' || el.type === 'hidden') return false;
          if (el.matches('.govuk-skip-link')) return false;  // shown full size when it has focus
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && (r.width < 24 || r.height < 24);
        })
        .map(el => el.outerHTML.slice(0, 100))"""
    )
    assert small == []


def test_reduced_motion_is_honoured(browser, live_server):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(live_server.url + "/")
    expect(page.locator("main h1")).to_have_count(1)
    assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
    durations = page.evaluate(
        "[...document.querySelectorAll('a, .govuk-button')]"
        ".map(el => getComputedStyle(el).transitionDuration)"
    )
    assert durations and set(durations) == {"0s"}
    context.close()


def test_the_paper_copy_prints_without_the_site_around_it(page, live_server):
    page.goto(live_server.url + "/consultations/overnight-short-breaks-2019/print")
    expect(page.locator(".app-print__question").first).to_be_visible()
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """['.govuk-header', '.govuk-footer', '.app-language-switcher', '.govuk-back-link']
        .map(s => document.querySelector(s)).filter(Boolean).map(el => getComputedStyle(el).display)"""
    )
    assert hidden and set(hidden) == {"none"}
    assert page.locator(".app-print__question").count() >= 10
    page.pdf(path="test-artifacts/paper-copy-overnight-short-breaks-2019.pdf")
