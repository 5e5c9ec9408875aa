"""Families' "this information is wrong" reports reach the analytics store and are counted for staff."""

import datetime as dt

import sqlalchemy as sa

from portal.analytics.service_flags.facts import fill_missing
from portal.analytics.service_flags.models import ServiceFlagFact
from portal.analytics.service_flags.summary import crosstab, month_range
from portal.extensions import db
from portal.localoffer.editing import open_flags, resolve_flag
from tests.staff.factories import sign_in_as

PAGE = "/staff/analytics/local-offer/flags"


def flag(client, slug="sendiass", problem="contact", details="The number is 01905 000000 now"):
    """Tell us a service's information is wrong, through the public pages, as a family would."""
    url = f"/local-offer/services/{slug}/report-a-problem"
    client.get(url)
    response = client.post(url, data={"problem": problem, "details": details})
    assert response.status_code == 302


def facts(app) -> list[tuple[str, str, str]]:
    with app.app_context():
        rows = db.session.scalars(sa.select(ServiceFlagFact).order_by(ServiceFlagFact.id))
        return [(f.service_slug, f.problem, f.month) for f in rows]


def test_a_flag_lands_in_the_analytics_store_without_what_the_family_typed(app, client):
    flag(client)
    month = dt.datetime.now(dt.UTC).strftime("%Y-%m")
    assert facts(app) == [("sendiass", "contact", month)]
    with app.app_context():
        columns = set(ServiceFlagFact.__table__.columns.keys())
    assert "details" not in columns


def test_an_analyst_sees_a_flag_counted_with_small_numbers_hidden(app, client):
    flag(client)
    sign_in_as(app, client, "analyst")
    assert PAGE in client.get("/staff/analytics/").get_data(as_text=True)
    page = client.get(PAGE).get_data(as_text=True)
    assert '<strong id="total-flags">fewer than 5</strong>' in page
    assert "SENDIASS" in page and "Phone, email or website" in page
    assert "You are seeing exact counts" not in page
    assert "01905 000000" not in page  # aggregates only: what families typed never shows


def test_an_analyst_sees_counts_of_five_or_more_by_service_and_reason(app, client):
    for _ in range(5):
        flag(client, problem="place", details="")
    flag(client, slug="family-front-door", problem="closed", details="")
    sign_in_as(app, client, "analyst")
    page = client.get(PAGE).get_data(as_text=True)
    by_service = page[page.index('id="flags-by-service"') :]
    sendiass = by_service[by_service.index("SENDIASS") :].split("</tr>")[0]
    assert ">5<" in sendiass  # the "place" column
    front_door = by_service[by_service.index("Family Front Door") :].split("</tr>")[0]
    assert "fewer than 5" in front_door
    # One month row: its total (6) is shown, the single "closed" report is not, and neither is
    # the "place" count next to it, which with the total would give the hidden one away.
    by_month = page[page.index('id="flags-by-month"') : page.index('id="flags-by-service"')]
    assert "fewer than 5" in by_month and "not shown" in by_month
    assert '<strong id="total-flags">6</strong>' in page


def test_an_officer_sees_exact_counts_with_a_warning(app, client):
    flag(client)
    sign_in_as(app, client, "officer")
    page = client.get(PAGE).get_data(as_text=True)
    assert "You are seeing exact counts" in page
    assert '<strong id="total-flags">1</strong>' in page


def test_counts_outlast_the_editors_queue(app, client):
    flag(client)
    with app.app_context():
        resolve_flag(open_flags()[0], "editor@example.org")
        assert open_flags() == []
    sign_in_as(app, client, "officer")
    assert '<strong id="total-flags">1</strong>' in client.get(PAGE).get_data(as_text=True)


def test_the_dates_filter_the_counts_and_a_wrong_date_is_explained(app, client):
    flag(client)
    sign_in_as(app, client, "analyst")
    page = client.get(PAGE, query_string={"date_to": "2020-01-31"}).get_data(as_text=True)
    assert "No reports yet." in page and 'value="2020-01-31"' in page
    page = client.get(PAGE, query_string={"date_from": "31/01/2020"}).get_data(as_text=True)
    assert "There is a problem" in page and "Enter a date like 2026-04-01" in page
    assert 'value="31/01/2020"' in page
    page = client.get(PAGE, query_string={"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert "The second date must be the same as or after the first" in page.get_data(as_text=True)


def test_only_officers_and_analysts_may_read_the_counts(app, client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/staff/sign-in" in response.location
    sign_in_as(app, client, "editor")
    assert client.get(PAGE).status_code == 403


def test_set_up_fills_in_facts_for_flags_made_before_the_store_kept_them(app, client):
    flag(client)
    flag(client, slug="family-front-door", problem="other", details="")
    with app.app_context():
        db.session.execute(sa.delete(ServiceFlagFact))
        db.session.commit()
        assert fill_missing() == "2 flag facts"
        assert fill_missing() == "unchanged"
    assert sorted(f[:2] for f in facts(app)) == [("family-front-door", "other"), ("sendiass", "contact")]


def test_a_lone_small_count_is_hidden_with_the_next_smallest_in_its_line():
    table = crosstab(
        [("2026-04", "contact", 7), ("2026-04", "place", 2), ("2026-05", "contact", 9)],
        ["2026-04", "2026-05"],
        ["contact", "place"],
        exact=False,
    )
    april, may = table.rows
    assert [c.text() for c in april[1]] == ["not shown", "fewer than 5"]
    # The "contact" column's total is shown, so hiding April's 7 means hiding May's 9 too.
    assert [c.text() for c in may[1]] == ["not shown", "0"]
    # May's total would then equal its hidden 9 (the rest is 0), so it is hidden; and with the
    # grand total shown, April's total goes too.
    assert may[2].text() == "not shown" and april[2].text() == "not shown"
    assert [c.text() for c in table.column_totals] == ["not shown", "fewer than 5"]
    assert table.total.text() == "18"
    exact = crosstab([("2026-04", "place", 2)], ["2026-04"], ["contact", "place"], exact=True)
    assert [c.text() for c in exact.rows[0][1]] == ["0", "2"]


def test_months_run_without_gaps_across_the_new_year():
    assert month_range(["2026-11", "2027-02", "2026-11"]) == ["2026-11", "2026-12", "2027-01", "2027-02"]
    assert month_range([]) == []
