"""The web chat in Chromium, with JavaScript off and on, against a fake Rasa REST channel (and axe)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, check_accessibility, screenshot
from tests.chat.conftest import closed_port_url


def check_accessibility_without_javascript(browser, page, viewport=None) -> None:
    """axe needs JavaScript, so run it on a copy of the no-JavaScript page with every script removed."""
    html = re.sub(r"<script\b.*?</script>", "", page.content(), flags=re.S)
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
    copy = context.new_page()
    copy.route("**/*.js", lambda route: route.abort())
    copy.route(page.url, lambda route: route.fulfill(body=html, content_type="text/html"))
    copy.goto(page.url)
    check_accessibility(copy)
    context.close()


def check(browser, page, javascript: bool, viewport=None) -> None:
    if javascript:
        check_accessibility(page)
    else:
        check_accessibility_without_javascript(browser, page, viewport)


@pytest.fixture
def assistant(chat_server, fake_rasa):
    """The fake assistant, answering; tests may make it slow or down."""
    fake_rasa.mode = "ok"
    chat_server.app.config.update(RASA_URL=fake_rasa.url, CHAT_RASA_TIMEOUT=8)
    yield fake_rasa
    fake_rasa.mode = "ok"
    chat_server.app.config.update(RASA_URL=fake_rasa.url, CHAT_RASA_TIMEOUT=8)


def test_chat_without_javascript_form_posts_and_quick_replies(
    browser, page_without_javascript, chat_server, assistant
):
    page = page_without_javascript
    page.goto(chat_server.url + "/chat")
    check_accessibility_without_javascript(browser, page)
    page.get_by_label("Your message").fill("hello")
    page.get_by_role("button", name="Send").click()
    log = page.get_by_role("log")
    assert "What would you like to know?" in log.inner_text()
    check_accessibility_without_javascript(browser, page)

    page.get_by_role("button", name="Short breaks").click()
    expect(page.get_by_role("log")).to_contain_text("Short breaks give disabled children time away")
    link = page.get_by_role("link", name="http://localhost:5000/local-offer?q=short+breaks")
    assert link.get_attribute("href") == "/local-offer?q=short+breaks"
    link.click()
    expect(page).to_have_url(re.compile("^" + re.escape(chat_server.url + "/local-offer")))
    page.go_back()

    page.get_by_role("button", name="Clear conversation").click()
    expect(page.locator("body")).to_contain_text("Your conversation has been cleared.")
    expect(page.get_by_role("log")).not_to_contain_text("What would you like to know?")


def test_chat_with_javascript_needs_no_reload_announces_replies_and_keeps_focus(page, chat_server, assistant):
    page.goto(chat_server.url + "/chat")
    page.evaluate("window.__stillTheSamePage = true")
    log = page.get_by_role("log")
    assert log.get_attribute("aria-live") == "polite"

    page.get_by_label("Your message").focus()
    page.keyboard.type("hello")
    page.keyboard.press("Enter")
    page.get_by_text("Choose a topic or type a question.").wait_for()
    assert page.evaluate("window.__stillTheSamePage") is True
    assert page.evaluate("document.activeElement.name") == "message"
    assert page.get_by_label("Your message").input_value() == ""
    check_accessibility(page)

    # Keyboard only: Tab from the box past Send to the first quick reply, and press Enter.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Short breaks"
    page.keyboard.press("Enter")
    page.get_by_text("Short breaks give disabled children time away").wait_for()
    assert page.evaluate("window.__stillTheSamePage") is True
    assert page.evaluate("document.activeElement.name") == "message"
    expect(page.get_by_role("button", name="Short breaks")).to_have_count(0)
    # Nothing of the conversation is kept in the browser's storage.
    assert page.evaluate("window.localStorage.length + window.sessionStorage.length") == 0
    check_accessibility(page)
    screenshot(page, "chat-with-javascript")


@pytest.mark.parametrize("javascript", [True, False])
def test_when_the_assistant_is_down_the_page_says_so_and_keeps_the_message(
    browser, chat_server, assistant, javascript
):
    chat_server.app.config["RASA_URL"] = closed_port_url()
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(chat_server.url + "/chat")
    page.get_by_label("Your message").fill("is there a youth club in Redditch")
    page.get_by_role("button", name="Send").click()
    page.get_by_text("Sorry, the assistant is not working right now.").wait_for()
    text = page.get_by_role("log").inner_text()
    assert "is there a youth club in Redditch" in text
    assert "We have saved your message" in text and "01905 844342" in text
    check(browser, page, javascript)
    context.close()


def test_when_the_assistant_is_slow_the_page_does_not_hang(page, chat_server, assistant):
    assistant.mode, assistant.delay = "slow", 3
    chat_server.app.config["CHAT_RASA_TIMEOUT"] = 0.5
    page.goto(chat_server.url + "/chat")
    page.get_by_label("Your message").fill("what about holidays")
    page.get_by_role("button", name="Send").click()
    page.get_by_text("Sorry, the assistant is not working right now.").wait_for(timeout=5000)
    assert page.evaluate("document.activeElement.name") == "message"


@pytest.mark.parametrize("javascript", [True, False])
def test_chat_reflows_at_320_pixels_and_400_percent_zoom(browser, chat_server, assistant, javascript):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(chat_server.url + "/chat")
    page.get_by_label("Your message").fill("hello " + "averyveryverylongwordwithoutspaces" * 3)
    page.get_by_role("button", name="Send").click()
    page.get_by_text("Choose a topic or type a question.").wait_for()
    page.get_by_role("button", name="Short breaks").click()
    page.get_by_text("Short breaks give disabled children time away").wait_for()
    # 320 CSS pixels wide is what a 1280-pixel screen shows at 400% zoom.
    width = page.evaluate("document.documentElement.scrollWidth") if javascript else None
    if javascript:
        assert width <= PHONE["width"]
    check(browser, page, javascript, PHONE)
    screenshot(page, f"chat-320px-{'js' if javascript else 'no-js'}")
    context.close()
