"""Results dashboards in Chromium: officer and analyst views pass axe, filters work without JavaScript."""

import itertools
import re

from playwright.sync_api import expect

from portal.extensions import db
from portal.forms_engine.transfer import import_csv
from tests.browser.conftest import check_accessibility, screenshot
from tests.browser.test_staff_pages import sign_in
from tests.consultations.factories import DATA
from tests.staff.factories import create_staff_user

SLUG = "overnight-short-breaks-2019"
_numbers = itertools.count()
_loaded = []


def with_responses(live_server):
    """The 9 published 2019 responses, entered once per session as paper responses."""
    if not _loaded:
        with live_server.app.app_context():
            text = (DATA / "short_breaks_2019_published_responses.csv").read_text()
            result = import_csv(SLUG, text, "paper")
            assert not result.problems, result.problems
            db.session.remove()
        _loaded.append(True)


def account(live_server, role):
    email = f"dash-{role}-{next(_numbers)}@example.org"
    _user_id, secret = create_staff_user(live_server.app, email=email, role=role)
    return email, secret


def test_an_officer_dashboard_with_a_cross_tab_passes_axe(page, live_server):
    with_responses(live_server)
    sign_in(page, live_server, *account(live_server, "officer"))
    page.goto(f"{live_server.url}/staff/analytics/")
    check_accessibility(page)
    page.get_by_role("link", name="Overnight short break units for children with disabilities").click()
    page.select_option("#crosstab-rows", "role")
    page.select_option("#crosstab-columns", "district")
    page.get_by_role("button", name="Show results").click()
    expect(page.locator("#crosstab")).to_be_visible()
    expect(page.locator(".govuk-warning-text")).to_contain_text("exact counts")
    check_accessibility(page)
    screenshot(page, "analytics-dashboard-officer")


def test_an_analyst_sees_suppressed_counts_and_passes_axe(page, live_server):
    with_responses(live_server)
    sign_in(page, live_server, *account(live_server, "analyst"))
    page.goto(f"{live_server.url}/staff/analytics/{SLUG}")
    expect(page.get_by_text("fewer than 5").first).to_be_visible()
    expect(page.get_by_role("link", name="Every response (CSV)")).to_have_count(0)
    check_accessibility(page)


def test_filters_work_without_javascript(page_without_javascript, live_server):
    with_responses(live_server)
    page = page_without_javascript
    sign_in(page, live_server, *account(live_server, "officer"))
    page.goto(f"{live_server.url}/staff/analytics/{SLUG}")
    page.select_option("#filter-answer", "role=professional")
    page.get_by_role("button", name="Show results").click()
    expect(page.locator("#total-responses")).to_have_text("4")
    expect(page).to_have_url(re.compile(re.escape("answer=role%3Dprofessional")))
