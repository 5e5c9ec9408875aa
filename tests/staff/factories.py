"""Small factories for staff tests: accounts, and signing in through the real pages."""

from portal.extensions import db
from portal.staff import secretbox, totp
from portal.staff.models import StaffUser
from portal.staff.passwords import hash_password

PASSWORD = "plum orchard lantern 42"


def create_staff_user(
    app, *, email="officer@example.org", role="officer", password=PASSWORD, two_factor=False, **extra
):
    """Add a member of staff; returns (id, totp secret or None)."""
    with app.app_context():
        secret = totp.new_secret() if two_factor or role == "admin" else None
        user = StaffUser(
            email=email,
            name=extra.pop("name", role.title() + " Person"),
            role=role,
            password_hash=hash_password(password),
            totp_secret=secretbox.seal(secret) if secret else None,
            **extra,
        )
        db.session.add(user)
        db.session.commit()
        return user.id, secret


def sign_in(client, email="officer@example.org", password=PASSWORD, secret=None):
    """Sign in through the pages, as a person would; returns the last response."""
    client.get("/staff/sign-in")
    response = client.post("/staff/sign-in", data={"email": email, "password": password})
    if secret and response.status_code == 302 and "/sign-in/code" in response.location:
        client.get(response.location)
        response = client.post(response.location, data={"code": totp.current_code(secret)})
    return response


def sign_in_as(app, client, role, email=None):
    """Create an account with ``role`` and sign in with it; returns the user id."""
    email = email or f"{role}@example.org"
    user_id, secret = create_staff_user(app, email=email, role=role)
    response = sign_in(client, email, secret=secret)
    assert response.status_code == 302 and "/sign-in" not in response.location, response.location
    return user_id
