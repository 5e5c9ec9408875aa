"""The language a family answers in is kept with their response, and definition text that has no
translation is shown in English, marked as English."""

import re

from sqlalchemy import select

from portal.extensions import db
from portal.forms_engine.definition import shown_language
from portal.forms_engine.models import Response
from tests.consultations.test_consultation_journey import create_open_consultation, walk_parent_carer


def test_shown_language_falls_back_to_english():
    assert shown_language({"en": "Hello", "pl": "Cześć"}, "pl") == "pl"
    assert shown_language({"en": "Hello", "pl": ""}, "pl") == "en"
    assert shown_language("Hello", "ur") == "en"


def test_a_response_given_in_polish_is_recorded_as_polish(client, app):
    create_open_consultation(app)
    client.get("/language/pl?next=/")
    check_url = walk_parent_carer(client)
    page = client.get(check_url).get_data(as_text=True)
    assert '<html lang="pl"' in page
    token = re.search(r'name="submission_token" value="([^"]+)"', page).group(1)
    assert client.post(check_url, data={"submission_token": token}).status_code == 303
    with app.app_context():
        assert db.session.scalar(select(Response.language)) == "pl"


def test_untranslated_consultation_text_is_marked_as_english(client):
    client.get("/language/ur?next=/")
    html = client.get("/consultations/overnight-short-breaks-2019").get_data(as_text=True)
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    assert '<span lang="en">' in heading
    assert "(انگریزی میں)" in heading
    assert "اس حصے کا ابھی ترجمہ نہیں ہوا، اس لیے یہ انگریزی میں ہے۔" in html


def test_english_readers_see_no_marks(client):
    html = client.get("/consultations/overnight-short-breaks-2019").get_data(as_text=True)
    assert "app-in-english" not in html
