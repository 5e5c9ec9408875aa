"""The Local Offer in Chromium: search, service and flag pages pass axe and work without JavaScript;
a family's flag shows up, counted, on the analysts' page, which passes axe too."""

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, check_accessibility, screenshot
from tests.browser.test_staff_pages import sign_in
from tests.staff.factories import create_staff_user


def test_searching_with_a_typo_and_filters_works_without_javascript(page_without_javascript, live_server):
    page = page_without_javascript
    page.goto(live_server.url + "/local-offer/")
    page.fill("#q", "respite kiddermister")
    page.select_option("#district", "wyre-forest")
    page.click("main form button.govuk-button")
    page.wait_for_url("**q=respite+kiddermister**")
    links = page.locator(".app-localoffer-results h3 a").all_inner_texts()
    units = {"Ludlow Road Short Breaks Unit", "Moule Close Short Breaks Unit (Kidderminster)"}
    assert units <= set(links[:5])
    expect(page.locator("text=Showing results for")).to_have_count(1)


def test_the_search_page_passes_axe_with_results_and_at_phone_width(page, live_server):
    page.goto(live_server.url + "/local-offer/?q=autisim&age=8&category=health")
    check_accessibility(page)
    screenshot(page, "local-offer-search-desktop")
    page.set_viewport_size(PHONE)
    check_accessibility(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    screenshot(page, "local-offer-search-phone")


def test_a_service_page_passes_axe_and_prints_without_the_navigation(page, live_server):
    page.goto(live_server.url + "/local-offer/services/osborne-court-short-breaks")
    expect(page.locator("h1")).to_have_text("Osborne Court short breaks")
    expect(page.locator("#last-reviewed")).to_contain_text("Last reviewed: 26 September 2019")
    check_accessibility(page)
    screenshot(page, "local-offer-service-desktop")
    page.emulate_media(media="print")
    expect(page.locator(".govuk-header")).to_be_hidden()
    expect(page.locator(".app-localoffer-noprint")).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()


def test_the_flag_form_shows_errors_accessibly_and_thanks_the_family(page, live_server):
    page.goto(live_server.url + "/local-offer/services/sample-evesham-family-swim/report-a-problem")
    check_accessibility(page)
    page.click("main form button.govuk-button")
    page.locator(".govuk-error-summary").wait_for()
    assert page.title().startswith("Error:")
    check_accessibility(page)
    page.check("input[value=place]")
    page.fill("#details", "It is on Mondays now")
    page.click("main form button.govuk-button")
    page.locator(".govuk-panel__title").wait_for()
    expect(page.locator(".govuk-panel__title")).to_have_text("Thank you for telling us")
    check_accessibility(page)

    # The flag reaches the analytics store: an analyst sees it counted, and nothing the family typed.
    create_staff_user(live_server.app, email="flags-analyst@example.org", role="analyst")
    sign_in(page, live_server, "flags-analyst@example.org")
    page.goto(live_server.url + "/staff/analytics/")
    page.get_by_role("link", name="Reports of wrong information, by month and by service").click()
    expect(page.locator("h1")).to_have_text("Local Offer: reports of wrong information")
    expect(page.locator("#flags-by-service")).to_contain_text("Evesham Family Swim Sessions")
    expect(page.locator("#flags-by-service")).to_contain_text("fewer than 5")
    expect(page.locator("body")).not_to_contain_text("It is on Mondays now")
    check_accessibility(page)
    screenshot(page, "local-offer-flag-counts-analyst")
    page.set_viewport_size(PHONE)
    check_accessibility(page)
