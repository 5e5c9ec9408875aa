"""The public journey through HTTP: list, start, pages, routing, check your answers, confirmation."""

import re

from sqlalchemy import func, select

from portal.extensions import db
from portal.forms_engine.models import Answer, ContactDetail, FormDraft, Response
from tests.consultations.factories import answer, create_open_consultation, error_summary, start

SLUG = "open-copy"


def walk_parent_carer(client):
    url = start(client, SLUG)
    assert url.endswith("/questions/role")
    url = answer(client, url, {"role": "parent_carer"})
    assert url.endswith("/questions/child-age")
    url = answer(client, url, {"child_age": "age_0_16"})
    url = answer(client, url, {"district": "wyre_forest"})
    assert url.endswith("/questions/access")
    url = answer(client, url, {"access": "yes"})
    assert url.endswith("/questions/provision")
    url = answer(client, url, {"provision": "ludlow_road"})
    url = answer(client, url, {"support": "no"})
    url = answer(client, url, {"comments_osborne_court": "Too far for us to travel."})
    url = answer(client, url, {"comments_ludlow_road": ""})
    url = answer(client, url, {"comments_other": '=HYPERLINK("x")'})
    url = answer(client, url, {"email": "parent@example.com"})
    assert url.endswith("/check-your-answers")
    return url


def test_the_list_shows_open_closed_and_published_consultations(client, app):
    create_open_consultation(app)
    html = client.get("/consultations/").get_data(as_text=True)
    open_part, results_part = html.split("Results published")[0], html.split("Results published")[1]
    assert "/consultations/open-copy" in open_part
    assert "/consultations/overnight-short-breaks-2019" in results_part
    assert "closed on 1 August 2019" in results_part


def test_a_parent_carer_completes_the_short_breaks_questionnaire(client, app):
    version_id = create_open_consultation(app)
    check_url = walk_parent_carer(client)
    page = client.get(check_url).get_data(as_text=True)
    assert "Ludlow Road, Kidderminster" in page and "Not answered" in page
    token = re.search(r'name="submission_token" value="([^"]+)"', page).group(1)
    done = client.post(check_url, data={"submission_token": token})
    assert done.status_code == 303 and done.headers["Location"].endswith("/confirmation")
    confirmation = client.get(done.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        response = db.session.scalar(select(Response))
        assert response.reference in confirmation and "Answers sent" in confirmation
        assert (response.channel, response.form_version_id, response.language) == ("online", version_id, "en")
        stored = {a.question_key: (a.value, a.label) for a in response.answers}
        assert stored["provision"] == ("ludlow_road", "Ludlow Road, Kidderminster")
        assert "email" not in stored and "comments_ludlow_road" not in stored
        contact = db.session.scalar(select(ContactDetail))
        assert contact.question_key == "email" and "parent@example.com" not in contact.value_encrypted


def test_professionals_skip_the_child_age_question(client, app):
    create_open_consultation(app)
    url = answer(client, start(client, SLUG), {"role": "professional"})
    assert url.endswith("/questions/district")
    assert answer(client, url, {"district": "countywide"}).endswith("/questions/support")
    assert client.get(f"/consultations/{SLUG}/questions/access").status_code == 303


def test_back_links_follow_routing(client, app):
    create_open_consultation(app)
    url = answer(client, start(client, SLUG), {"role": "professional"})
    html = client.get(url).get_data(as_text=True)
    assert f'href="/consultations/{SLUG}/questions/role"' in html and "govuk-back-link" in html


def test_the_write_in_for_other_is_required_and_linked_from_the_summary(client, app):
    create_open_consultation(app)
    url = start(client, SLUG)
    shown = answer(client, url, {"role": "other"}, expect=200).get_data(as_text=True)
    assert error_summary(shown) == [("#role__other", "Enter your answer for ‘Other’")]
    assert "Error: " in shown.split("<title>")[1].split("</title>")[0]
    assert answer(client, url, {"role": "other", "role__other": "Grandparent"}).endswith("/child-age")


def test_changing_an_answer_returns_to_check_your_answers_and_drops_answers_that_no_longer_apply(client, app):
    create_open_consultation(app)
    check_url = walk_parent_carer(client)
    change = f"/consultations/{SLUG}/questions/role?change=1"
    assert client.get(change).status_code == 200
    assert answer(client, change, {"role": "professional"}).endswith("/check-your-answers")
    page = client.get(check_url).get_data(as_text=True)
    assert "Ludlow Road, Kidderminster" not in page and "How old is your child" not in page


def test_sending_twice_stores_one_response(client, app):
    create_open_consultation(app)
    check_url = walk_parent_carer(client)
    token = re.search(
        r'name="submission_token" value="([^"]+)"', client.get(check_url).get_data(as_text=True)
    )
    first = client.post(check_url, data={"submission_token": token.group(1)})
    again = client.post(check_url, data={"submission_token": token.group(1)})
    assert first.headers["Location"] == again.headers["Location"]
    with app.app_context():
        assert db.session.scalar(select(func.count(Response.id))) == 1
        assert db.session.scalar(select(func.count(Answer.id))) == 8


def test_a_closed_consultation_refuses_answers_politely_and_shows_its_outcome(client, app):
    html = client.get("/consultations/overnight-short-breaks-2019").get_data(as_text=True)
    assert "This consultation closed on 1 August 2019" in html
    assert "9 people answered the survey" in html and "Start now" not in html
    create_open_consultation(app)
    client.get("/consultations/open-copy")  # a page with a form, for a valid CSRF token
    refused = client.post("/consultations/overnight-short-breaks-2019/start", data={})
    assert refused.status_code == 303 and refused.headers["Location"].endswith("/overnight-short-breaks-2019")
    page = client.get("/consultations/overnight-short-breaks-2019/questions/role")
    assert page.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(func.count(FormDraft.id))) == 0


def test_an_unknown_consultation_is_not_found(client, app):
    assert client.get("/consultations/no-such-thing").status_code == 404
    create_open_consultation(app)
    start(client, SLUG)
    assert client.get(f"/consultations/{SLUG}/questions/no-such-page").status_code == 404


def test_sensitive_forms_show_exit_this_page(client, app):
    create_open_consultation(app, sensitive=True)
    assert "govuk-exit-this-page" in client.get(f"/consultations/{SLUG}").get_data(as_text=True)
    assert "govuk-exit-this-page" not in client.get("/consultations/overnight-short-breaks-2019").get_data(
        as_text=True
    )


def test_an_oversized_post_is_refused_without_losing_earlier_answers(client, app):
    create_open_consultation(app)
    url = answer(client, start(client, SLUG), {"role": "parent_carer"})
    too_big = client.post(url, data={"child_age": "x" * (app.config["MAX_CONTENT_LENGTH"] + 10)})
    assert too_big.status_code == 413
    back = client.get(f"/consultations/{SLUG}/questions/role").get_data(as_text=True)
    assert re.search(r'value="parent_carer"\s+checked', back)


def test_a_journey_without_answers_in_progress_goes_back_to_the_start(client, app):
    create_open_consultation(app)
    response = client.get(f"/consultations/{SLUG}/questions/role")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/consultations/{SLUG}")
