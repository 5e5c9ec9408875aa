"""Families can tell us a service's information is wrong; it lands in the editors' queue."""

import sqlalchemy as sa

from portal.extensions import db
from portal.localoffer.editing import open_flags
from portal.localoffer.models import ServiceFlag

URL = "/local-offer/services/sendiass/report-a-problem"


def test_sending_without_choosing_shows_the_error_summary(client):
    client.get(URL)
    response = client.post(URL, data={"details": "Phone number changed"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in html and "Select what is wrong" in html
    assert 'href="#problem' in html


def test_a_flag_lands_in_the_editors_queue(app, client):
    client.get(URL)
    response = client.post(URL, data={"problem": "contact", "details": "The number is 01905 000000 now"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/report-a-problem/sent")
    assert "Thank you for telling us" in client.get(response.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        flags = open_flags()
        assert [(f.service.slug, f.problem) for f in flags] == [("sendiass", "contact")]


def test_a_flag_without_the_security_token_is_refused(app, client):
    response = client.post(URL, data={"problem": "contact", "csrf_token": "forged"})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ServiceFlag)) == 0


def test_overlong_details_are_refused_with_a_message(client):
    client.get(URL)
    html = client.post(URL, data={"problem": "other", "details": "x" * 2001}).get_data(as_text=True)
    assert "Details must be 2,000 characters or fewer" in html
