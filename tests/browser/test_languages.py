"""Every public page in Urdu (right to left) and Polish passes axe, and the layout is mirrored for Urdu."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, check_accessibility, screenshot
from tests.browser.test_public_pages import PAGES


def _choose(page, live_server, language):
    page.goto(f"{live_server.url}/language/{language}?next=/")


@pytest.mark.parametrize("path", PAGES)
def test_every_public_page_in_urdu_passes_axe_at_desktop_and_phone_width(page, live_server, path):
    _choose(page, live_server, "ur")
    response = page.goto(live_server.url + path)
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    expect(page.locator("[dir=rtl]")).to_have_count(1)
    check_accessibility(page)
    page.set_viewport_size(PHONE)
    check_accessibility(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px in Urdu"
    name = re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-") or "start"
    screenshot(page, f"ur-{name}-phone")


def test_the_urdu_page_is_translated(page, live_server):
    _choose(page, live_server, "ur")
    page.goto(live_server.url + "/")
    expect(page.get_by_role("link", name="اصل مواد پر جائیں")).to_have_count(1)  # Skip to main content
    expect(page.locator("body")).not_to_contain_text("Skip to main content")


def test_checkboxes_and_radios_sit_on_the_right_in_urdu(page, live_server):
    _choose(page, live_server, "ur")
    page.goto(live_server.url + "/local-offer")
    for kind in ("checkboxes", "radios"):
        item = page.locator(f".govuk-{kind}__item").first
        box = item.locator(f".govuk-{kind}__input").bounding_box()
        label = item.locator(f".govuk-{kind}__label").bounding_box()
        assert box["x"] > label["x"], f"{kind}: the box should be right of its words"
        drawn_left = item.locator(f".govuk-{kind}__label").evaluate(
            "label => getComputedStyle(label, '::before').left"
        )
        drawn_right = item.locator(f".govuk-{kind}__label").evaluate(
            "label => getComputedStyle(label, '::before').right"
        )
        assert drawn_right in {"0px", "2px"} and drawn_left not in {"0px", "2px"}
    screenshot(page, "ur-local-offer-desktop")


def test_the_back_link_arrow_points_right_and_columns_start_on_the_right_in_urdu(page, live_server):
    _choose(page, live_server, "ur")
    page.goto(live_server.url + "/care-leavers/ask-for-a-call-back")
    columns = page.locator("[class*=govuk-grid-column-]")
    if columns.count():
        assert columns.first.evaluate("el => getComputedStyle(el).float") == "right"
    back = page.locator(".govuk-back-link")
    if back.count():
        transform = back.first.evaluate("el => getComputedStyle(el, '::before').transform")
        # rotate(45deg): the chevron points right, back towards where Urdu readers came from.
        assert transform.startswith("matrix(0.707")
        assert transform.split(",")[1].strip().startswith("0.707")
    switcher = page.locator(".app-language-switcher")
    assert switcher.evaluate("el => getComputedStyle(el).textAlign") in {"end", "left"}


def test_polish_pages_are_translated_and_pass_axe(page, live_server):
    _choose(page, live_server, "pl")
    for path in ("/", "/consultations", "/local-offer", "/chat", "/accessibility"):
        page.goto(live_server.url + path)
        expect(page.locator("html")).to_have_attribute("lang", "pl")
        check_accessibility(page)
    expect(page.get_by_text("Przejdź do głównej treści")).to_have_count(1)
