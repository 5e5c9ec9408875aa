"""The public information pages render in the GOV.UK layout."""

import pytest

PAGES = {
    "/": "Have your say about children's services in Worcestershire",
    "/privacy": "Privacy notice",
    "/cookies": "Cookies",
    "/accessibility": "Accessibility statement for Family voice",
    "/contact": "Contact us",
}


@pytest.mark.parametrize(("path", "heading"), PAGES.items())
def test_each_public_page_has_its_heading_and_the_service_title(client, path, heading):
    response = client.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert heading in html
    assert "– Family voice – Worcestershire Children First</title>" in html


def test_the_layout_has_skip_link_phase_banner_and_footer_links(client):
    html = client.get("/").get_data(as_text=True)
    assert 'href="#main-content"' in html
    assert "govuk-phase-banner" in html
    for path in ("/privacy", "/cookies", "/accessibility", "/contact"):
        assert f'href="{path}"' in html


def test_the_start_page_shows_emergency_contacts(client):
    html = client.get("/").get_data(as_text=True)
    assert "999" in html
    assert "01905 822666" in html
    assert "0800 1111" in html


def test_pages_do_not_use_the_govuk_crown_or_transport_font(client):
    html = client.get("/").get_data(as_text=True)
    assert "govuk-logo" not in html
    assert "Worcestershire Children First" in html


def test_the_cookies_page_lists_only_the_essential_session_cookie(client):
    html = client.get("/cookies").get_data(as_text=True)
    assert "family_voice_session" in html
    assert "analytics" not in html.lower()


def test_the_urgent_help_numbers_are_the_ones_staff_keep_in_the_contacts(app, client):
    from sqlalchemy import select

    from portal.contacts.models import Contact
    from portal.extensions import db

    with app.app_context():
        contact = db.session.scalars(select(Contact).where(Contact.key == "family_front_door")).one()
        contact.phone = "01905 000111"
        db.session.commit()
    html = client.get("/").get_data(as_text=True)
    assert "01905 000111" in html
    assert "01905 822666" not in html
