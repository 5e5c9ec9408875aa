"""`portal safeguarding reread`: answers stored before a rule was added or fixed are read again."""

import re

from sqlalchemy import select

from portal.extensions import db
from portal.forms_engine.models import Response
from portal.safeguarding.models import SafeguardingFlag
from portal.staff.models import AuditEvent
from tests.consultations.factories import answer, create_open_consultation, start, submit
from tests.staff.factories import sign_in_as


def send(client, comment: str) -> str:
    """Send the open consultation with ``comment`` as the Osborne Court comment; returns the reference."""
    url = start(client, "open-copy")
    for data in (
        {"role": "parent_carer"},
        {"child_age": "age_0_16"},
        {"district": "wyre_forest"},
        {"access": "yes"},
        {"provision": "osborne_court"},
        {"support": "no"},
        {"comments_osborne_court": comment},
    ):
        url = answer(client, url, data)
    while not url.endswith("/check-your-answers"):
        url = answer(client, url, {})
    done = submit(client, url)
    assert done.status_code == 303
    return re.search(
        r"<strong>([A-Z0-9-]+)</strong>", client.get(done.headers["Location"]).get_data(as_text=True)
    ).group(1)


def forget_flags(app) -> None:
    """Make every stored response look as if it had been read by rules that missed it."""
    with app.app_context():
        for response in db.session.scalars(select(Response)):
            response.safeguarding_flag = False
        for flag in db.session.scalars(select(SafeguardingFlag)):
            db.session.delete(flag)
        db.session.commit()


def test_a_disclosure_stored_before_a_rule_fix_is_flagged_once_and_staff_see_it(client, app, runner):
    create_open_consultation(app)
    worrying = send(client, "We have lived with domestic abuse for years and the children see it.")
    send(client, "Too far for us to travel, but the staff are lovely.")
    forget_flags(app)

    result = runner.invoke(args=["safeguarding", "reread"])
    assert result.exit_code == 0, result.output
    assert "Read 2 response(s) again; 1 newly flagged" in result.output
    again = runner.invoke(args=["safeguarding", "reread"])
    assert "Read 1 response(s) again; 0 newly flagged" in again.output

    with app.app_context():
        [flag] = db.session.scalars(select(SafeguardingFlag)).all()
        assert (flag.response_reference, flag.source, flag.status) == (worrying, "reread", "new")
        assert flag.categories == "domestic_violence" and flag.matched == "domestic abuse"
        assert db.session.scalar(select(Response.safeguarding_flag).where(Response.reference == worrying))
        details = db.session.scalars(
            select(AuditEvent.detail)
            .where(AuditEvent.action == "safeguarding_reread")
            .order_by(AuditEvent.id)
        ).all()
        assert [(d["read"], d["flagged"]) for d in details] == [(2, 1), (1, 0)]

    officer = app.test_client()
    sign_in_as(app, officer, "officer")
    assert worrying in officer.get("/staff/safeguarding/").get_data(as_text=True)


def test_reread_can_be_limited_to_one_form(client, app, runner):
    create_open_consultation(app)
    send(client, "my partner threatens me")
    forget_flags(app)
    other = runner.invoke(args=["safeguarding", "reread", "--form", "no-such-form"])
    assert other.exit_code == 1 and "there is no form 'no-such-form'" in other.output
    assert runner.invoke(
        args=["safeguarding", "reread", "--form", "overnight-short-breaks-2019"]
    ).output.endswith("Read 0 response(s) again; 0 newly flagged for staff on /staff/safeguarding/.\n")
    this = runner.invoke(args=["safeguarding", "reread", "--form", "open-copy"])
    assert "Read 1 response(s) again; 1 newly flagged" in this.output


def test_setup_reads_stored_responses_again_only_when_the_rules_changed(client, app, runner):
    from portal.core.models import SetupRecord

    create_open_consultation(app)
    worrying = send(client, "my teenager has been missing since yesterday")
    forget_flags(app)
    unchanged = runner.invoke(args=["setup"])
    assert "safeguarding: rules unchanged" in unchanged.output
    with app.app_context():
        db.session.get(SetupRecord, "safeguarding").fingerprint = "the rules before this deploy"
        db.session.commit()
    changed = runner.invoke(args=["setup"])
    assert changed.exit_code == 0, changed.output
    assert "safeguarding: new rules: 1 response(s) read again, 1 newly flagged" in changed.output
    with app.app_context():
        assert db.session.scalars(select(SafeguardingFlag.response_reference)).all() == [worrying]
    assert "safeguarding: rules unchanged" in runner.invoke(args=["setup"]).output
