"""Every staff page and API call declares who may use it, and the rule holds for every role.

The table is the app's own URL map: a new /staff or /api route without a rule fails here.
"""

import re

import pytest

from portal.staff.auth import access_rule_for
from portal.staff.models import ROLES
from tests.staff.factories import create_staff_user, sign_in, sign_in_as

PREFIXES = ("/staff", "/api/")


def _is_static(endpoint: str) -> bool:
    return endpoint == "static" or endpoint.endswith(".static")


def _guarded_rules(app):
    return [
        rule
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith(PREFIXES) and not _is_static(rule.endpoint)
    ]


def test_every_staff_and_api_route_declares_who_may_use_it(app):
    missing = [r.rule for r in _guarded_rules(app) if access_rule_for(app, r.endpoint) is None]
    assert not missing, f"Routes without an access rule (use portal.staff.auth decorators): {missing}"


def test_no_staff_page_is_public_except_the_sign_in_steps(app):
    public = sorted(
        r.rule
        for r in _guarded_rules(app)
        if r.rule.startswith("/staff") and access_rule_for(app, r.endpoint).kind != "roles"
    )
    assert public == [
        "/staff/sign-in",
        "/staff/sign-in/code",
        "/staff/sign-in/oidc",
        "/staff/sign-in/oidc/callback",
        "/staff/sign-in/set-up-code",
    ]


def _parameter_free_get_routes(app, prefix):
    return sorted(
        r.rule
        for r in _guarded_rules(app)
        if r.rule.startswith(prefix)
        and "GET" in r.methods
        and not r.arguments
        and access_rule_for(app, r.endpoint).kind == "roles"
    )


def test_signed_out_people_are_sent_to_sign_in_from_every_staff_page(app, client):
    for path in _parameter_free_get_routes(app, "/staff"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.location.startswith("/staff/sign-in"), path


def test_signed_out_api_calls_get_a_json_401(app, client):
    for path in _parameter_free_get_routes(app, "/api/"):
        response = client.get(path)
        assert response.status_code == 401, path
        assert response.get_json()["error"]["code"] == "unauthorised"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_the_pages_its_rule_allows(app, client, role):
    sign_in_as(app, client, role)
    for prefix in ("/staff", "/api/"):
        for path in _parameter_free_get_routes(app, prefix):
            endpoint = app.url_map.bind("localhost").match(path)[0]
            allowed = role in access_rule_for(app, endpoint).roles
            status = client.get(path).status_code
            if allowed:
                # Only the access rule is judged here; each capability tests its own pages' content.
                assert status not in (302, 401, 403), f"{role} refused at {path}: {status}"
            else:
                assert status == 403, f"{role} reached {path}: {status}"


def test_an_officer_cannot_make_themselves_admin_by_posting_to_the_admin_form(app, client):
    officer_id = sign_in_as(app, client, "officer")
    client.get("/staff/")
    response = client.post(f"/staff/users/{officer_id}/role", data={"role": "admin"})
    assert response.status_code == 403
    response = client.post(
        "/staff/users/new",
        data={"email": "new@example.org", "name": "New", "role": "admin", "password": "long passphrase 9 ok"},
    )
    assert response.status_code == 403
    assert client.get("/api/v1/staff/me").get_json()["role"] == "officer"


def test_an_analyst_cannot_list_staff_or_audit_events_through_the_api(app, client):
    sign_in_as(app, client, "analyst")
    for path in ("/api/v1/staff/users", "/api/v1/staff/audit-events"):
        response = client.get(path)
        assert response.status_code == 403
        assert response.get_json()["error"]["code"] == "forbidden"


def test_an_analyst_cannot_reveal_contact_details(app, client):
    sign_in_as(app, client, "analyst")
    assert client.get("/staff/personal-data/feedback/FV-1?next=/staff/").status_code == 403


def test_an_admin_reaches_the_admin_api(app, client):
    sign_in_as(app, client, "admin")
    emails = [u["email"] for u in client.get("/api/v1/staff/users").get_json()["data"]]
    assert emails == ["admin@example.org"]


def test_a_role_change_takes_effect_on_the_next_request(app, client):
    officer_id, _ = create_staff_user(app, email="officer@example.org", role="officer")
    sign_in(client)
    assert client.get("/staff/").status_code == 200
    _admin_id, secret = create_staff_user(app, email="admin@example.org", role="admin")
    admin = app.test_client()
    sign_in(admin, "admin@example.org", secret=secret)
    admin.get(f"/staff/users/{officer_id}")
    assert admin.post(f"/staff/users/{officer_id}/role", data={"role": "analyst"}).status_code == 302
    # The change signs the person out everywhere, so their old session cannot keep the old role.
    assert client.get("/staff/").status_code == 302


@pytest.mark.parametrize("role", ROLES)
def test_the_dashboard_links_only_to_sections_the_role_may_open(app, client, role):
    sign_in_as(app, client, role)
    page = client.get("/staff/").get_data(as_text=True)
    links = [link for link in re.findall(r'href="(/staff/[^"]*)"', page) if link != "/staff/"]
    assert links, f"{role} sees no sections"
    for link in links:
        assert client.get(link).status_code not in (302, 401, 403), f"{role} offered {link}"
