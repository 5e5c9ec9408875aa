"""The staff area in Chromium: each role signs in, is refused where it must be, and every page passes axe."""

import itertools
import re

import pyotp
import pytest
from playwright.sync_api import expect

from portal.staff.auth import access_rule_for
from portal.staff.models import ROLES
from tests.browser.conftest import check_accessibility, screenshot
from tests.staff.factories import PASSWORD, create_staff_user

_numbers = itertools.count()


def new_account(live_server, role):
    """A fresh account on the live server (a new email each time, so one-time codes are never reused)."""
    email = f"{role}-{next(_numbers)}@example.org"
    user_id, secret = create_staff_user(live_server.app, email=email, role=role)
    return email, user_id, secret


def sign_in(page, live_server, email, secret=None):
    page.goto(live_server.url + "/staff/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if secret:
        page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).now())
        page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Staff area")


# Pages only admins may open; everyone else must get the "You cannot see this page" page.
ADMIN_ONLY = ["/staff/users", "/staff/audit", "/staff/retention", "/staff/subject-requests"]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_signs_in_and_is_refused_the_admin_pages(page, live_server, role):
    email, _user_id, secret = new_account(live_server, role)
    sign_in(page, live_server, email, secret)
    check_accessibility(page)
    screenshot(page, f"staff-dashboard-{role}")
    for path in ADMIN_ONLY:
        response = page.goto(live_server.url + path)
        if role == "admin":
            assert response.status == 200, path
        else:
            assert response.status == 403, path
            expect(page.locator("h1")).to_have_text("You cannot see this page")
    if role != "admin":
        check_accessibility(page)


def test_a_signed_out_visitor_is_sent_to_sign_in(page, live_server):
    page.goto(live_server.url + "/staff/users")
    expect(page).to_have_url(re.compile("^" + re.escape(live_server.url + "/staff/sign-in?next=")))
    check_accessibility(page)


def test_a_wrong_password_shows_the_error_summary_and_passes_axe(page, live_server):
    page.goto(live_server.url + "/staff/sign-in")
    page.get_by_label("Email address").fill("nobody@example.org")
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page)


def _staff_pages(app, user_id):
    paths = {
        r.rule
        for r in app.url_map.iter_rules()
        if r.rule.startswith("/staff")
        and "GET" in r.methods
        and not r.arguments
        and not r.rule.endswith(".csv")
        and (rule := access_rule_for(app, r.endpoint)) is not None
        and rule.kind == "roles"
    }
    paths |= {
        f"/staff/users/{user_id}",
        "/staff/users/new",
        "/staff/personal-data/feedback/FV-1?next=/staff/",
    }
    return sorted(paths)


def test_every_staff_page_passes_axe_for_an_admin(page, live_server):
    email, user_id, secret = new_account(live_server, "admin")
    sign_in(page, live_server, email, secret)
    failures = []
    for path in _staff_pages(live_server.app, user_id):
        response = page.goto(live_server.url + path)
        if response.status != 200:
            failures.append(f"{path}: {response.status}")
            continue
        assert page.locator("h1").count() == 1, path
        check_accessibility(page)
        screenshot(page, "staff-" + (re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-")))
    assert not failures, failures


def test_setting_up_codes_at_first_admin_sign_in_passes_axe(page, live_server):
    email, user_id, _secret = new_account(live_server, "officer")
    with live_server.app.app_context():
        from portal.extensions import db
        from portal.staff.models import StaffUser

        user = db.session.get(StaffUser, user_id)
        user.role = "admin"
        db.session.commit()
    page.goto(live_server.url + "/staff/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("Set up two-step sign-in")
    check_accessibility(page)
    key = page.locator("#totp-key").inner_text().replace(" ", "")
    page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(key).now())
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Staff area")


def test_the_staff_area_works_without_javascript(page_without_javascript, live_server):
    page = page_without_javascript
    email, _user_id, _secret = new_account(live_server, "officer")
    sign_in(page, live_server, email)
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("h1")).to_have_text("Sign in to the staff area")
    assert page.goto(live_server.url + "/staff/").url.startswith(live_server.url + "/staff/sign-in")
