"""Every public page renders in Chromium and passes axe's WCAG 2.2 AA rules, at phone and desktop widths."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, check_accessibility, screenshot
from tests.browser.pages import public_pages
from tests.conftest import make_test_app


def _discovered_pages():
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return public_pages(make_test_app(f"sqlite:///{folder}/discover.db", folder))


PAGES = _discovered_pages()


@pytest.mark.parametrize("path", PAGES)
def test_public_page_renders_and_passes_axe(page, live_server, path):
    response = page.goto(live_server.url + path)
    assert response.status == 200
    expect(page.locator("h1")).to_have_count(1)
    assert page.title().endswith("Family voice – Worcestershire Children First")
    check_accessibility(page)
    name = re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-") or "start"
    screenshot(page, f"{name}-desktop")
    page.set_viewport_size(PHONE)
    check_accessibility(page)
    screenshot(page, f"{name}-phone")


def test_public_pages_reflow_at_320_pixels_without_sideways_scrolling(page, live_server):
    page.set_viewport_size(PHONE)
    for path in PAGES:
        page.goto(live_server.url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"


def test_the_skip_link_is_the_first_thing_the_keyboard_reaches(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main-content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"


def test_the_urdu_start_page_is_right_to_left_and_passes_axe(page, live_server):
    page.goto(live_server.url + "/language/ur?next=/")
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    expect(page.locator("[dir=rtl]").first).to_be_visible()
    check_accessibility(page)
    screenshot(page, "start-urdu-desktop")


def test_pages_work_with_javascript_off(page_without_javascript, live_server):
    page = page_without_javascript
    for path in PAGES:
        response = page.goto(live_server.url + path)
        assert response.status == 200
        expect(page.locator("h1")).to_be_visible()


def test_the_page_sends_no_csp_violation_reports(page, live_server):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")
    assert not [m for m in messages if "Content Security Policy" in m], messages
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_not_found_page_passes_axe(page, live_server, viewport):
    page.set_viewport_size(viewport)
    response = page.goto(live_server.url + "/no-such-page")
    assert response.status == 404
    check_accessibility(page)
