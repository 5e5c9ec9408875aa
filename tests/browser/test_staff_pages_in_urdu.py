"""The staff area in Urdu (right to left): every staff page passes axe for each role that may open
it, and the pages that refuse a role pass too. Staff sign in as in test_staff_pages, then choose Urdu.
In Polish and Romanian the administrator opens every staff page."""

import re

import pytest
from playwright.sync_api import expect

from portal.staff.models import ROLES
from tests.browser.conftest import check_accessibility, screenshot
from tests.browser.test_staff_pages import _staff_pages, new_account, sign_in


def choose_urdu(page, live_server, path: str = "/staff/") -> None:
    page.goto(f"{live_server.url}/language/ur?next={path}")
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    expect(page.locator("[dir=rtl]")).to_have_count(1)


@pytest.mark.parametrize("role", ROLES)
def test_every_staff_page_a_role_may_open_passes_axe_in_urdu(page, live_server, role):
    email, user_id, secret = new_account(live_server, role)
    sign_in(page, live_server, email, secret)
    choose_urdu(page, live_server)
    check_accessibility(page)
    opened, refused = [], []
    for path in _staff_pages(live_server.app, user_id):
        response = page.goto(live_server.url + path)
        assert response.status in (200, 403), f"{path}: {response.status}"
        expect(page.locator("html")).to_have_attribute("lang", "ur")
        expect(page.locator("main h1")).to_have_count(1)
        check_accessibility(page)
        (opened if response.status == 200 else refused).append(path)
        if role == "admin":
            screenshot(page, "staff-ur-" + re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-"))
    assert "/staff/" in opened
    if role == "admin":
        assert refused == []
    else:
        assert "/staff/users" in refused


def test_signing_in_in_urdu_shows_errors_accessibly(page, live_server):
    choose_urdu(page, live_server, "/staff/sign-in")
    check_accessibility(page)
    page.locator("input[name=email]").fill("nobody@example.org")
    page.locator("input[name=password]").fill("not the password")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    check_accessibility(page)
    screenshot(page, "staff-ur-sign-in-error")


@pytest.mark.parametrize("language", ["pl", "ro"])
def test_every_staff_page_passes_axe_in_polish_and_romanian(page, live_server, language):
    """Left-to-right languages with longer words: the administrator opens every staff page."""
    email, user_id, secret = new_account(live_server, "admin")
    sign_in(page, live_server, email, secret)
    page.goto(f"{live_server.url}/language/{language}?next=/staff/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    paths = _staff_pages(live_server.app, user_id)
    assert "/staff/" in paths and "/staff/users" in paths
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{path}: {response.status}"
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("main h1")).to_have_count(1)
        check_accessibility(page)
