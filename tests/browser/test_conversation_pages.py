"""The staff pages about the assistant's conversations, in Chromium with axe, with real ingested events."""

import yaml
from playwright.sync_api import expect

from portal.analytics.conversations.ingest import ingest_sql
from tests.analytics.rasa_events import sample_conversations, write_events_db
from tests.browser.conftest import PHONE, check_accessibility, screenshot
from tests.browser.test_staff_pages import new_account, sign_in


def test_an_analyst_reads_the_conversation_pages_and_downloads_training_examples(page, live_server, tmp_path):
    events_db = tmp_path / "events.db"
    write_events_db(events_db, sample_conversations())
    with live_server.app.app_context():
        assert ingest_sql(f"sqlite:///{events_db}").errors == []
    email, _user_id, secret = new_account(live_server, "analyst")
    sign_in(page, live_server, email, secret)

    page.get_by_role("link", name="Chat analytics").click()
    expect(page.locator("h1")).to_have_text("Chat analytics")
    expect(page.get_by_role("table", name="Top questions").get_by_text("nlu_fallback")).to_have_count(1)
    check_accessibility(page)
    screenshot(page, "staff-conversations-top-questions")

    page.get_by_role("link", name="Unanswered questions").click()
    expect(page.get_by_text("can my son go to a sleepover club at weekends").first).to_be_visible()
    check_accessibility(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these as Rasa training examples (YAML) for review").click()
    exported = yaml.safe_load(download.value.path().read_text(encoding="utf-8"))
    assert exported["nlu"] and all(item["intent"].startswith("review_group_") for item in exported["nlu"])

    page.get_by_role("link", name="Helpfulness ratings").click()
    expect(page.get_by_role("img", name="Percentage of answers rated helpful")).to_have_count(1)
    expect(page.get_by_role("table", name="Ratings by week").get_by_text("50%")).to_have_count(1)
    check_accessibility(page)
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    screenshot(page, "staff-conversations-ratings-phone")

    page.get_by_role("link", name="Safeguarding flags").click()
    check_accessibility(page)
