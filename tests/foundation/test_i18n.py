"""The page language: the family's choice, then their browser's, then English."""


def test_the_browser_language_is_used_when_nothing_was_chosen(client):
    html = client.get("/", headers={"Accept-Language": "pl-PL,pl;q=0.9"}).get_data(as_text=True)
    assert '<html lang="pl"' in html


def test_english_is_the_default(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="en"' in html


def test_the_switcher_keeps_the_choice_for_the_session_and_returns_to_the_page(client):
    response = client.get("/language/ro?next=/privacy")
    assert response.status_code == 302
    assert response.headers["Location"] == "/privacy"
    html = client.get("/privacy", headers={"Accept-Language": "pl"}).get_data(as_text=True)
    assert '<html lang="ro"' in html


def test_urdu_pages_are_right_to_left(client):
    client.get("/language/ur?next=/")
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="ur"' in html
    assert 'dir="rtl"' in html


def test_the_switcher_never_redirects_to_another_site(client):
    for target in ("https://evil.example/", "//evil.example/", "evil"):
        response = client.get("/language/pl", query_string={"next": target})
        assert response.headers["Location"] == "/"


def test_an_unknown_language_is_not_found(client):
    assert client.get("/language/xx").status_code == 404
