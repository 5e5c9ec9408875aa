"""Families search the Local Offer through the public pages (SQLite and PostgreSQL)."""

import re

import pytest

from tests.localoffer.factories import create_service


def result_names(html: str) -> list[str]:
    return re.findall(r'<a class="govuk-link" href="/local-offer/services/([^"]+)">', html)


def test_the_search_page_lists_every_published_service_without_javascript(client):
    response = client.get("/local-offer/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "73 services found" in html
    assert 'method="get"' in html and "<script>" not in html


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("short brakes", "short-breaks-information"),
        ("autisim", "sample-neurodevelopmental-assessment"),
        ("respite kidderminster", "ludlow-road-short-breaks-unit"),
        ("sendias", "sendiass"),
        ("osbourne court", "osborne-court-short-breaks"),
        ("carelever", "care-leavers-personal-advisers"),
    ],
)
def test_misspelt_searches_still_find_the_service(client, typed, expected):
    html = client.get("/local-offer/", query_string={"q": typed}).get_data(as_text=True)
    assert expected in result_names(html)[:5]


def test_a_corrected_search_says_what_it_searched_for(client):
    html = client.get("/local-offer/", query_string={"q": "autisim"}).get_data(as_text=True)
    assert "Showing results for" in html and "<strong>autism</strong>" in html


def test_filters_narrow_the_results(client):
    html = client.get(
        "/local-offer/", query_string={"district": "wychavon", "cost": "paid", "age": "3"}
    ).get_data(as_text=True)
    names = result_names(html)
    assert "sample-pershore-sensory-play" in names
    assert "sample-evesham-family-swim" in names
    assert "sample-wychavon-holiday-club" not in names  # from age 5
    assert "sendiass" not in names  # free


def test_the_district_filter_keeps_countywide_services_but_puts_local_ones_first(client):
    html = client.get(
        "/local-offer/",
        query_string={"q": "respite", "district": "wyre-forest", "category": "short-breaks-overnight"},
    ).get_data(as_text=True)
    names = result_names(html)
    assert set(names[:2]) == {"ludlow-road-short-breaks-unit", "moule-close-short-breaks-unit"}
    assert "osborne-court-short-breaks" in names


def test_a_need_filter_includes_services_for_any_send(client):
    html = client.get("/local-offer/", query_string={"need": "adhd", "q": "advice"}).get_data(as_text=True)
    names = result_names(html)
    assert "sample-droitwich-adhd-family-group" in names
    assert "sendiass" in names
    assert "sample-vision-support-team" not in names


def test_a_search_with_no_matches_says_what_to_try(client):
    html = client.get("/local-offer/", query_string={"q": "xqzvw"}).get_data(as_text=True)
    assert "0 services found" in html and "01905 765765" in html


def test_a_bad_age_shows_an_error_summary(client):
    response = client.get("/local-offer/", query_string={"age": "200"})
    html = response.get_data(as_text=True)
    assert "There is a problem" in html and "Enter an age from 0 to 25" in html
    assert "<title>Error:" in html


def test_results_are_paged(client):
    first = client.get("/local-offer/").get_data(as_text=True)
    second = client.get("/local-offer/", query_string={"page": 2}).get_data(as_text=True)
    assert len(result_names(first)) == 10
    assert set(result_names(first)).isdisjoint(result_names(second))
    assert "govuk-pagination" in first


def test_the_service_page_shows_contacts_and_last_reviewed(client):
    html = client.get("/local-offer/services/children-with-disabilities-social-work-team").get_data(
        as_text=True
    )
    assert "01905 844342" in html
    assert "Last reviewed: 26 September 2019" in html
    assert "Tell us if this information is wrong" in html
    assert 'media="print"' in html or "localoffer.css" in html


def test_sample_services_say_they_are_sample_data(client):
    html = client.get("/local-offer/services/sample-evesham-family-swim").get_data(as_text=True)
    assert "Sample data" in html and "not a real service" in html


def test_the_2019_proposals_are_described_as_proposals_not_closures(client):
    html = client.get("/local-offer/services/ludlow-road-short-breaks-unit").get_data(as_text=True)
    assert "proposal" in html
    assert not re.search(r"(has|was|is now) closed", html)


def test_drafts_and_retired_services_are_not_public(app, client):
    with app.app_context():
        create_service(status="draft", id="test-draft-club", name="Draft Club")
        create_service(status="retired", id="test-retired-club", name="Retired Club")
    assert client.get("/local-offer/services/test-draft-club").status_code == 404
    assert client.get("/local-offer/services/test-retired-club").status_code == 404
    html = client.get("/local-offer/", query_string={"q": "club"}).get_data(as_text=True)
    assert "test-draft-club" not in html and "test-retired-club" not in html


def test_a_new_service_is_searchable_at_once(app, client):
    with app.app_context():
        create_service(
            id="test-riverside", name="Riverside Trampoline Club", summary="Bouncing for everyone."
        )
    names = result_names(client.get("/local-offer/", query_string={"q": "trampolene"}).get_data(as_text=True))
    assert names[0] == "test-riverside"
