"""Keyboard-only journeys in English and in Urdu (right to left): no mouse, focus always visible,
errors announced by moving focus to the error summary. Also touch target sizes and reduced motion."""

import pytest

from tests.browser.conftest import PHONE, check_accessibility, screenshot

FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return true;  // past the last stop, back to the page itself
  const style = getComputedStyle(el);
  return style.outlineStyle !== 'none' || style.boxShadow !== 'none';
}"""


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until ``selector`` has focus, checking that every stop shows where focus is."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_VISIBLE), "focus is not visible on " + page.evaluate(
            "document.activeElement.outerHTML.slice(0, 120)"
        )
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"the keyboard never reached {selector} on {page.url}")


def choose(page, language: str, live_server) -> None:
    page.goto(f"{live_server.url}/language/{language}?next=/")


def error_summary_has_focus(page) -> bool:
    page.locator(".govuk-error-summary:focus").wait_for()
    return True


LANGUAGES = ["en", "ur"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_skip_link_then_local_offer_search_by_keyboard(page, live_server, language):
    choose(page, language, live_server)
    page.goto(live_server.url + "/local-offer")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main-content"
    page.keyboard.press("Enter")
    tab_to(page, "input[name=q]")
    page.keyboard.type("autism")
    tab_to(page, "form button[type=submit], form input[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "autism" in page.url
    check_accessibility(page)
    screenshot(page, f"keyboard-local-offer-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_web_chat_by_keyboard(page, live_server, language):
    choose(page, language, live_server)
    page.goto(live_server.url + "/chat")
    tab_to(page, "#chat-form [name=message]")
    page.keyboard.type("What are short breaks?")
    tab_to(page, "#chat-send")
    page.keyboard.press("Enter")
    page.locator("main").get_by_text("What are short breaks?").first.wait_for()
    check_accessibility(page)
    screenshot(page, f"keyboard-chat-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_ask_for_another_format_by_keyboard_with_errors_announced(page, live_server, language):
    choose(page, language, live_server)
    page.goto(live_server.url + "/consultations/short-breaks-local-offer-2026")
    tab_to(page, "a[href$='/another-format']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "main form button[type=submit], main form input[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert error_summary_has_focus(page)
    check_accessibility(page)
    screenshot(page, f"keyboard-another-format-errors-{language}")
    tab_to(page, "input[name=formats][value=large_print]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=name]")
    page.keyboard.type("Sam Example")
    tab_to(page, "textarea[name=contact]")
    page.keyboard.type("1 Sample Street, Worcester")
    tab_to(page, "main form button[type=submit], main form input[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/another-format/sent")
    assert page.locator(".govuk-panel strong").inner_text().startswith("AF-")
    assert "<strong>" not in page.locator(".govuk-panel").inner_text()
    check_accessibility(page)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "start",
    [
        "/consultations/short-breaks-local-offer-2026",
        "/feedback/young-persons-feedback",
        "/care-leavers/ask-for-a-call-back",
    ],
)
def test_start_a_form_and_meet_an_error_by_keyboard(page, live_server, language, start):
    """Consultation, feedback and care-leaver request: start, send the first page empty, hear the
    error, answer by keyboard and move on."""
    choose(page, language, live_server)
    page.goto(live_server.url + start)
    tab_to(page, ".govuk-button--start")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    first = page.url
    assert first != live_server.url + start
    tab_to(page, "main form button[type=submit]:not([formaction]), main form input[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    required = page.locator(".govuk-error-summary").count()
    if required:
        assert error_summary_has_focus(page)
        check_accessibility(page)
        choice = page.locator("main input[type=radio], main input[type=checkbox]")
        if choice.count():
            tab_to(page, "main input[type=radio], main input[type=checkbox]")
            page.keyboard.press("Space")
        else:
            tab_to(page, "main input[type=text], main textarea, main input[type=tel], main input[type=email]")
            page.keyboard.type("07700 900982")
        tab_to(page, "main form button[type=submit]:not([formaction]), main form input[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert page.url != first or page.locator(".govuk-error-summary").count() == 0
    squeezed = page.evaluate(
        """[...document.querySelectorAll('.govuk-radios--inline .govuk-radios__label')]
        .filter(label => label.getBoundingClientRect().height > 48).map(label => label.innerText)"""
    )
    assert squeezed == [], "inline answers wrap letter by letter"
    check_accessibility(page)
    screenshot(page, f"keyboard{start.replace('/', '-')}-{language}")


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
    assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
    durations = page.evaluate(
        "[...document.querySelectorAll('a, .govuk-button')]"
        ".map(el => getComputedStyle(el).transitionDuration)"
    )
    assert durations and set(durations) == {"0s"}
    context.close()


def test_the_paper_copy_prints_without_the_site_around_it(page, live_server):
    page.goto(live_server.url + "/consultations/overnight-short-breaks-2019/print")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """['.govuk-header', '.govuk-footer', '.app-language-switcher', '.govuk-back-link']
        .map(s => document.querySelector(s)).filter(Boolean).map(el => getComputedStyle(el).display)"""
    )
    assert hidden and set(hidden) == {"none"}
    assert page.locator(".app-print__question").count() >= 10
    page.pdf(path="test-artifacts/paper-copy-overnight-short-breaks-2019.pdf")
