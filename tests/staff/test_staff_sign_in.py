"""Signing in and out of the staff area, through HTTP, on a real database."""

from sqlalchemy import select

from portal.extensions import db
from portal.staff.models import AuditEvent, StaffUser
from tests.conftest import CheckingClient, make_test_app
from tests.staff.factories import PASSWORD, create_staff_user, sign_in


def _events(app, action):
    with app.app_context():
        return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()


def test_every_staff_page_sends_a_signed_out_person_to_sign_in(client):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response.location.startswith("/staff/sign-in?next=")


def test_an_officer_signs_in_reaches_the_dashboard_and_is_audited(app, client):
    user_id, _ = create_staff_user(app)
    response = sign_in(client)
    assert response.status_code == 302 and response.location == "/staff/"
    page = client.get("/staff/")
    assert page.status_code == 200
    assert "Signed in as" in page.get_data(as_text=True)
    events = _events(app, "sign_in")
    assert [e.user_id for e in events] == [user_id]
    assert events[0].ip_address == "127.0.0.1"


def test_a_wrong_password_and_an_unknown_email_get_the_same_message(app, client):
    create_staff_user(app)
    wrong = sign_in(client, password="not the password at all")
    unknown = sign_in(client, email="nobody@example.org")
    assert wrong.status_code == unknown.status_code == 400
    message = "Enter a correct email address and password"
    assert message in wrong.get_data(as_text=True) and message in unknown.get_data(as_text=True)
    failures = _events(app, "sign_in_failed")
    assert len(failures) == 2
    assert all("nobody@example.org" not in str(e.detail) for e in failures)


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(app, client):
    user_id, _ = create_staff_user(app)
    for _attempt in range(5):
        assert sign_in(client, password="wrong password here").status_code == 400
    locked = sign_in(client)
    assert locked.status_code == 400
    assert "Enter a correct email address and password" in locked.get_data(as_text=True)
    with app.app_context():
        user = db.session.get(StaffUser, user_id)
        assert user.is_locked()
    assert len(_events(app, "account_locked")) == 1


def test_sign_in_is_rate_limited_per_address(database_uri, tmp_path):
    app = make_test_app(database_uri, tmp_path, RATELIMIT_ENABLED=True, STAFF_SIGN_IN_LIMIT="3 per minute")
    app.test_client_class = CheckingClient
    client = app.test_client()
    client.get("/staff/sign-in")
    statuses = [
        client.post("/staff/sign-in", data={"email": "a@example.org", "password": "x"}).status_code
        for _ in range(4)
    ]
    assert statuses[-1] == 429
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_signing_in_gives_a_new_session_so_a_planted_cookie_is_useless(app, client):
    create_staff_user(app)
    client.get("/staff/sign-in")
    planted = client.get_cookie("family_voice_session").value
    assert sign_in(client).status_code == 302
    attacker = app.test_client()
    attacker.set_cookie("family_voice_session", planted)
    assert attacker.get("/staff/").status_code == 302
    assert client.get("/staff/").status_code == 200


def test_signing_out_ends_the_session_even_for_a_copied_cookie(app, client):
    create_staff_user(app)
    sign_in(client)
    copied = client.get_cookie("family_voice_session").value
    client.get("/staff/")
    assert client.post("/staff/sign-out", data={}).status_code == 302
    thief = app.test_client()
    thief.set_cookie("family_voice_session", copied)
    assert thief.get("/staff/").status_code == 302
    assert len(_events(app, "sign_out")) == 1


def test_sign_in_without_the_csrf_token_is_refused(app):
    create_staff_user(app)
    client = app.test_client()
    response = client.post("/staff/sign-in", data={"email": "officer@example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert "timed out" in response.get_data(as_text=True)
    assert client.get("/staff/").status_code == 302


def test_a_deactivated_account_cannot_sign_in(app, client):
    create_staff_user(app, active=False)
    assert sign_in(client).status_code == 400


def test_an_offsite_next_address_is_ignored(app, client):
    create_staff_user(app)
    client.get("/staff/sign-in?next=https://evil.example/")
    response = client.post(
        "/staff/sign-in?next=https://evil.example/",
        data={"email": "officer@example.org", "password": PASSWORD},
    )
    assert response.location == "/staff/"


def test_create_user_reads_the_password_from_standard_input(app, client, runner):
    result = runner.invoke(
        args=["create-user", "Pat@Example.org", "--role", "pa", "--name", "Pat"], input=PASSWORD + "\n"
    )
    assert result.exit_code == 0, result.output
    assert "Created pa account for pat@example.org." in result.output
    assert sign_in(client, "pat@example.org").location == "/staff/"


def test_create_user_refuses_a_weak_password_and_a_duplicate_email(app, runner):
    weak = runner.invoke(args=["create-user", "a@example.org", "--role", "officer"], input="password1234\n")
    assert weak.exit_code == 1
    assert "Password is too common" in weak.output and "No account was created" in weak.output
    short = runner.invoke(args=["create-user", "a@example.org", "--role", "officer"], input="short\n")
    assert "12 characters or more" in short.output
    create_staff_user(app, email="b@example.org")
    duplicate = runner.invoke(
        args=["create-user", "b@example.org", "--role", "officer"], input=PASSWORD + "\n"
    )
    assert duplicate.exit_code == 1 and "already an account" in duplicate.output
    with app.app_context():
        assert db.session.scalar(select(StaffUser).where(StaffUser.email == "a@example.org")) is None
