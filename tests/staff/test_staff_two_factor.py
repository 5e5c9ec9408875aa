"""Codes from an authenticator app: required for admins, optional for everyone else, never reusable."""

import re
import time

import pyotp
from sqlalchemy import select

from portal.extensions import db
from portal.staff import totp
from portal.staff.models import AuditEvent, StaffUser
from tests.staff.factories import PASSWORD, create_staff_user, sign_in


def test_a_code_matches_its_own_time_step_and_not_a_used_one():
    secret = totp.new_secret()
    now = time.time()
    code = pyotp.TOTP(secret).at(now)
    step = totp.matching_step(secret, code, at=now)
    assert step == pyotp.TOTP(secret).timecode(now)
    assert totp.matching_step(secret, code, last_step=step, at=now) is None
    assert totp.matching_step(secret, "000000" if code != "000000" else "111111", at=now) is None
    assert totp.matching_step(secret, "12345", at=now) is None


def test_a_code_from_the_step_before_is_still_accepted_for_clock_drift():
    secret = totp.new_secret()
    now = time.time()
    earlier = pyotp.TOTP(secret).at(now - 30)
    assert totp.matching_step(secret, earlier, at=now) is not None
    assert totp.matching_step(secret, pyotp.TOTP(secret).at(now - 120), at=now) is None


def test_the_key_is_shown_in_groups_of_four():
    assert totp.grouped("ABCDEFGHIJKLMNOP") == "ABCD EFGH IJKL MNOP"


def test_an_admin_must_set_up_codes_before_the_first_sign_in_completes(app, client):
    user_id, _ = create_staff_user(app, email="admin@example.org", role="admin")
    with app.app_context():
        user = db.session.get(StaffUser, user_id)
        user.totp_secret = None
        db.session.commit()
    response = sign_in(client, "admin@example.org")
    assert response.location.startswith("/staff/sign-in/set-up-code")
    assert client.get("/staff/").status_code == 302  # not signed in yet
    page = client.get("/staff/sign-in/set-up-code").get_data(as_text=True)
    key = re.search(r'<code id="totp-key">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    wrong = client.post("/staff/sign-in/set-up-code", data={"code": "000000"})
    assert wrong.status_code == 400
    client.get("/staff/sign-in/set-up-code")  # a new page shows a new key
    page = client.get("/staff/sign-in/set-up-code").get_data(as_text=True)
    key = re.search(r'<code id="totp-key">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    done = client.post("/staff/sign-in/set-up-code", data={"code": pyotp.TOTP(key).now()})
    assert done.status_code == 302 and done.location == "/staff/"
    assert client.get("/staff/").status_code == 200
    with app.app_context():
        user = db.session.get(StaffUser, user_id)
        assert user.totp_secret and key not in user.totp_secret  # stored encrypted
        actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.user_id == user_id)).all()
        assert "two_factor_enrolled" in actions and "sign_in" in actions


def test_someone_with_codes_needs_the_right_code_and_cannot_replay_it(app, client):
    _user_id, secret = create_staff_user(app, two_factor=True)
    response = sign_in(client)
    assert response.location.startswith("/staff/sign-in/code")
    client.get(response.location)
    assert client.post("/staff/sign-in/code", data={"code": "12345x"}).status_code == 400
    assert client.get("/staff/").status_code == 302
    code = totp.current_code(secret)
    assert client.post("/staff/sign-in/code", data={"code": code}).status_code == 302
    assert client.get("/staff/").status_code == 200
    again = app.test_client()
    sign_in(again)
    assert again.post("/staff/sign-in/code", data={"code": code}).status_code == 400


def test_wrong_codes_count_towards_the_lock_out(app, client):
    user_id, _secret = create_staff_user(app, two_factor=True)
    for _attempt in range(5):
        sign_in(client)
        client.get("/staff/sign-in/code")
        client.post("/staff/sign-in/code", data={"code": "999999"})
    with app.app_context():
        assert db.session.get(StaffUser, user_id).is_locked()


def test_the_code_page_without_a_password_step_goes_back_to_sign_in(client):
    assert client.get("/staff/sign-in/code").location == "/staff/sign-in"
    assert client.get("/staff/sign-in/set-up-code").location == "/staff/sign-in"


def test_an_officer_can_choose_to_set_up_codes(app, client):
    user_id, _ = create_staff_user(app)
    sign_in(client)
    page = client.get("/staff/two-step-sign-in").get_data(as_text=True)
    key = re.search(r'<code id="totp-key">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    assert client.post("/staff/two-step-sign-in", data={"code": pyotp.TOTP(key).now()}).status_code == 302
    fresh = app.test_client()
    assert sign_in(fresh, password=PASSWORD).location.startswith("/staff/sign-in/code")
    with app.app_context():
        assert db.session.get(StaffUser, user_id).has_two_factor
