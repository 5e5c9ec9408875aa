"""The language a family answers in is kept with their response, and definition text that has no
translation is shown in English, marked as English."""

import re

from sqlalchemy import select

from portal.extensions import db
from portal.forms_engine.definition import english_fallback, shown_language
from portal.forms_engine.models import Response
from tests.consultations.factories import answer, shipped, start
from tests.consultations.test_consultation_journey import create_open_consultation, walk_parent_carer

IN_ENGLISH_PL = "(po angielsku)"


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
    assert '<span lang="en" dir="ltr">' in heading
    assert "(انگریزی میں)" in heading
    assert "اس حصے کا ابھی ترجمہ نہیں ہوا، اس لیے یہ انگریزی میں ہے۔" in html


def test_english_readers_see_no_marks(client):
    html = client.get("/consultations/overnight-short-breaks-2019").get_data(as_text=True)
    assert "app-in-english" not in html


def test_english_fallback_is_only_for_untranslated_text_read_in_another_language():
    assert english_fallback({"en": "Hello", "pl": "Cześć"}, "ro")
    assert not english_fallback({"en": "Hello", "pl": "Cześć"}, "pl")
    assert not english_fallback("Hello", "en")
    assert not english_fallback("", "pl") and not english_fallback(None, "pl")


def _partly_polish_consultation(app) -> None:
    """The 2026 consultation with question 1 and one of its answers in Polish, the rest in English."""
    data = shipped("short-breaks-local-offer-2026")
    role = data["pages"][0]["questions"][0]
    role["text"] = {"en": role["text"], "pl": "Czy jesteś rodzicem, młodą osobą czy specjalistą?"}
    role["options"][0]["label"] = {"en": "Parent carer", "pl": "Rodzic lub opiekun"}
    create_open_consultation(
        app, base="short-breaks-local-offer-2026", slug="partly-polish", pages=data["pages"]
    )


def _question_heading(html: str) -> str:
    return re.search(r"<(?:legend|label)[^>]*>\s*<h1[^>]*>(.*?)</h1>", html, re.S).group(1)


def test_a_polish_reader_sees_untranslated_questions_and_answers_marked_as_english(client, app):
    _partly_polish_consultation(app)
    client.get("/language/pl?next=/")
    url = start(client, "partly-polish")

    # Question 1 is translated, so it carries no mark; its one English answer does.
    html = client.get(url).get_data(as_text=True)
    heading = _question_heading(html)
    assert "Czy jesteś rodzicem" in heading and "lang=" not in heading and IN_ENGLISH_PL not in heading
    assert re.search(r'<label[^>]*for="role"[^>]*>\s*Rodzic lub opiekun\s*</label>', html)
    young = re.search(r'<label[^>]*for="role-2"[^>]*>(.*?)</label>', html, re.S).group(1)
    assert '<span lang="en" dir="ltr">Young person</span>' in young and IN_ENGLISH_PL in young

    # The next page is all English: the heading says so once, the options and hints carry lang="en".
    url = answer(client, url, {"role": "parent_carer"})
    html = client.get(url).get_data(as_text=True)
    legend = re.search(r"<legend[^>]*>(.*?)</legend>", html, re.S).group(1)
    assert '<span lang="en" dir="ltr">Which short breaks do you or your child use now?</span>' in legend
    assert IN_ENGLISH_PL in legend
    assert '<span lang="en" dir="ltr">Overnight stays with a family</span>' in html
    assert '<span lang="en" dir="ltr">Select all that apply</span>' in html
    assert html.count(IN_ENGLISH_PL) == 3  # the page heading and the two questions, not every option
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    assert '<span lang="en" dir="ltr">About your child</span>' in h1

    url = answer(client, url, {"child_age": "9", "breaks_used": ["clubs"]})
    for data in (
        {"used_local_offer": "no"},
        {},
        {"what_would_help": "Więcej klubów"},
        {"keep_informed": "no"},
    ):
        url = answer(client, url, data)
    assert url.endswith("/questions/equality")
    html = client.get(url).get_data(as_text=True)
    # The portal's own questions (and yes/no) are translated, so nothing on them is marked.
    form = html.split("<form", 1)[1]
    assert "Ile masz lat?" in form and "Wolę nie podawać" in form and "app-in-english" not in form
    assert "O Tobie (nieobowiązkowe)</h1>" in html
    url = answer(client, url, {})

    html = client.get(url).get_data(as_text=True)
    assert url.endswith("/check-your-answers")
    rows = dict(
        re.findall(
            r'<dt class="govuk-summary-list__key">(.*?)</dt>\s*'
            r'<dd class="govuk-summary-list__value">(.*?)</dd>',
            html,
            re.S,
        )
    )
    keys = {re.sub(r"<[^>]+>|\s+", " ", key).strip(): (key, value) for key, value in rows.items()}
    key, value = keys["Pytanie 1: Czy jesteś rodzicem, młodą osobą czy specjalistą?"]
    assert "lang=" not in key + value and "Rodzic lub opiekun" in value
    key, value = next(v for k, v in keys.items() if k.startswith("Pytanie 3:"))
    assert '<span lang="en" dir="ltr">Which short breaks' in key and IN_ENGLISH_PL in key
    assert (
        '<span lang="en" dir="ltr">Clubs, groups and activities</span>' in value
        and IN_ENGLISH_PL not in value
    )
    key, value = next(v for k, v in keys.items() if k.startswith("Pytanie 7:"))
    assert value.strip() == "Więcej klubów"  # what the person typed is never marked
    key, value = next(v for k, v in keys.items() if k.startswith("Pytanie 4:"))
    assert value.strip() == "Nie"
    change = re.search(r'<a class="govuk-link" href="[^"]*breaks[^"]*"[^>]*>(.*?)</a>', html, re.S)
    assert change is None or "lang=" in change.group(1)


def test_an_english_reader_of_the_same_journey_sees_no_marks(client, app):
    _partly_polish_consultation(app)
    url = start(client, "partly-polish")
    url = answer(client, url, {"role": "parent_carer"})
    html = client.get(url).get_data(as_text=True)
    assert "app-in-english" not in html and 'lang="en" dir="ltr"' not in html


def test_local_offer_records_read_in_polish_are_marked_as_english(client):
    client.get("/language/pl?next=/")
    html = client.get("/local-offer/services/ludlow-road-short-breaks-unit").get_data(as_text=True)
    assert "Szczegóły usług nie zostały jeszcze przetłumaczone, więc są po angielsku." in html
    assert (
        '<h1 class="govuk-heading-xl"><span lang="en" dir="ltr">Ludlow Road Short Breaks Unit</span></h1>'
        in html
    )
    assert '<span lang="en" dir="ltr">Overnight short breaks in Kidderminster' in html
    assert 'app-localoffer-description" lang="en" dir="ltr"' in html
    # The vocabulary is the portal's own and is translated: not marked.
    assert "Autyzm" in html and "Bezpłatne" in html

    html = client.get("/local-offer/", query_string={"q": "short breaks"}).get_data(as_text=True)
    assert "Szczegóły usług nie zostały jeszcze przetłumaczone, więc są po angielsku." in html
    assert re.search(r'href="/local-offer/services/[^"]+"><span lang="en" dir="ltr">', html)
    assert "Krótkie przerwy z noclegiem" in html  # a filter, translated


def test_local_offer_pages_in_english_carry_no_marks(client):
    for path in ("/local-offer/services/ludlow-road-short-breaks-unit", "/local-offer/?q=short+breaks"):
        html = client.get(path).get_data(as_text=True)
        assert "app-in-english" not in html and 'lang="en" dir="ltr"' not in html


def test_every_local_offer_category_and_need_has_polish_romanian_and_urdu_words():
    from portal.localoffer.taxonomy import taxonomy

    vocab = taxonomy()
    for term in [*vocab.categories.values(), *vocab.needs.values()]:
        assert set(term.translations) == {"pl", "ro", "ur"}, term.id
