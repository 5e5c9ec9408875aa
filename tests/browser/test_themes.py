"""Theme coding in Chromium: an officer codes, accepts a suggestion, double-codes and publishes."""

import itertools

from playwright.sync_api import expect
from sqlalchemy import select

from portal.extensions import db
from portal.forms_engine.content import latest_version
from portal.forms_engine.models import Answer
from portal.forms_engine.store import build_response
from portal.outbox.models import OutboxMessage
from portal.themes.models import Theme, ThemeSuggestion
from tests.browser.conftest import check_accessibility, screenshot
from tests.browser.test_staff_pages import sign_in
from tests.staff.factories import create_staff_user

SLUG = "overnight-short-breaks-2019"
_numbers = itertools.count()


def _comments(app) -> list[int]:
    texts = ["Browser sample: the drive to Malvern is far too long.", "Browser sample: nobody explained it."]
    with app.app_context():
        version = latest_version(SLUG)
        build_response(
            version, {"comments_other": texts[0], "email": "browser.parent@example.org"}, channel="paper"
        )
        build_response(version, {"comments_other": texts[1]}, channel="paper")
        db.session.commit()
        ids = db.session.scalars(select(Answer.id).where(Answer.value.in_(texts)).order_by(Answer.id)).all()
        db.session.remove()
        return list(ids)


def test_officer_codes_accepts_double_codes_and_publishes(page, live_server):
    app = live_server.app
    first, second = _comments(app)
    email = f"themes-officer-{next(_numbers)}@example.org"
    create_staff_user(app, email=email, role="officer")
    sign_in(page, live_server, email)

    page.goto(f"{live_server.url}/staff/themes/")
    check_accessibility(page)
    # Other browser tests may load a copy with the same title into this server: pick ours by address.
    page.locator(f'main a[href="/staff/themes/{SLUG}"]').click()
    page.get_by_label("Theme name").fill("Browser: travel")
    page.get_by_label("What the theme covers").fill("Long journeys to another unit.")
    page.get_by_role("button", name="Add theme").click()
    expect(page.locator("body")).to_contain_text("Theme added")
    check_accessibility(page)
    with app.app_context():
        theme = db.session.scalar(select(Theme.id).where(Theme.name == "Browser: travel"))
        db.session.add(
            ThemeSuggestion(
                answer_id=second,
                theme_id=theme,
                score=0.5,
                model_name="sentence-transformers/all-MiniLM-L6-v2",
                model_version="0.1.0",
                status="open",
            )
        )
        db.session.commit()
        db.session.remove()

    # Code the first comment by hand, and keep it as a quote.
    page.goto(f"{live_server.url}/staff/themes/{SLUG}/code?page=1")
    while page.locator(f"#t-{first}-{theme}").count() == 0:
        with page.expect_navigation():
            page.get_by_role("link", name="Next page").click()
    page.locator(f"#t-{first}-{theme}").check()
    page.locator(f"#q-{first}-{theme}").check()
    page.locator(f"#save-{first}").click()
    expect(page.locator("body")).to_contain_text("Coding saved")
    check_accessibility(page)

    # Accept the suggestion for the second comment.
    page.goto(f"{live_server.url}/staff/themes/{SLUG}/suggestions")
    check_accessibility(page)
    page.get_by_role("button", name=f"Accept Browser: travel for comment {second}").click()
    expect(page.locator("body")).to_contain_text("Suggestion accepted")

    # A second officer's check of the first comment, then the agreement page.
    page.goto(f"{live_server.url}/staff/themes/{SLUG}/code?round=second")
    while page.locator(f"#t-{first}-{theme}").count() == 0:
        with page.expect_navigation():
            page.get_by_role("link", name="Next page").click()
    page.locator(f"#t-{first}-{theme}").check()
    page.locator(f"#save-{first}").click()
    expect(page.locator("body")).to_contain_text("Coding saved")
    page.goto(f"{live_server.url}/staff/themes/{SLUG}/agreement")
    expect(page.get_by_role("row", name="Browser: travel").first).to_be_visible()
    check_accessibility(page)

    # You said, we did: a response, an action, publish.
    page.goto(f"{live_server.url}/staff/themes/{SLUG}")
    expect(page.locator("body")).to_contain_text("Browser sample: the drive to Malvern is far too long.")
    page.get_by_role("link", name="Browser: travel").click()
    page.get_by_label("You said").fill("Journeys would be too long.")
    page.get_by_label("We did").fill("We will review transport with each family.")
    # Each click below loads a new page: wait for it before reading or filling the next one.
    with page.expect_navigation():
        page.get_by_role("button", name="Save response").click()
    page.get_by_label("New action").fill("Transport reviewed with families in the north")
    with page.expect_navigation():
        page.get_by_role("button", name="Add action").click()
    check_accessibility(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Themes", exact=True).first.click()
    if page.get_by_role("button", name="Publish you said, we did").count():
        page.get_by_role("button", name="Publish you said, we did").click()
    expect(page.locator("body")).to_contain_text("Published on the consultation")
    screenshot(page, "themes-overview")

    page.goto(f"{live_server.url}/consultations/{SLUG}")
    expect(page.get_by_role("heading", name="You said, we did")).to_be_visible()
    expect(page.locator("body")).to_contain_text("We will review transport with each family.")
    check_accessibility(page)
    with app.app_context():
        bodies = db.session.scalars(
            select(OutboxMessage.purpose).where(OutboxMessage.purpose == "you_said_we_did")
        )
        assert len(list(bodies)) >= 1
        db.session.remove()
