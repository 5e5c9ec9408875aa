"""Single sign-on through OpenID Connect, against a small fake identity provider on a local port."""

import json
import threading
import time
import urllib.parse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import select
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from portal.extensions import db
from portal.staff.models import StaffUser
from tests.conftest import CheckingClient, make_test_app

CLIENT_ID = "family-voice-test"


class FakeIdentityProvider:
    """Discovery, keys and a token endpoint that returns whatever ID token the test sets up."""

    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.server = make_server("127.0.0.1", 0, self.wsgi)
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self.claims: dict = {}
        self.token_requests: list[dict] = []
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def id_token(self, nonce: str, signing_key=None) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": "abc",
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
        }
        claims.update(self.claims)
        return jwt.encode(claims, signing_key or self.key, algorithm="RS256", headers={"kid": "k1"})

    def wsgi(self, environ, start_response):
        request = Request(environ)
        if request.path == "/.well-known/openid-configuration":
            body = {
                "issuer": self.issuer,
                "authorization_endpoint": self.issuer + "/authorize",
                "token_endpoint": self.issuer + "/token",
                "jwks_uri": self.issuer + "/keys",
            }
        elif request.path == "/keys":
            jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
            body = {"keys": [{**jwk, "kid": "k1", "use": "sig", "alg": "RS256"}]}
        elif request.path == "/token":
            self.token_requests.append(dict(request.form))
            body = {
                "id_token": self.id_token(self.claims.pop("_nonce"), self.claims.pop("_signing_key", None))
            }
        else:
            return Response("not found", 404)(environ, start_response)
        return Response(json.dumps(body), mimetype="application/json")(environ, start_response)


@pytest.fixture
def provider():
    fake = FakeIdentityProvider()
    fake.thread.start()
    yield fake
    fake.server.shutdown()


@pytest.fixture
def sso_app(database_uri, tmp_path, provider):
    app = make_test_app(database_uri, tmp_path, OIDC_ISSUER=provider.issuer, OIDC_CLIENT_ID=CLIENT_ID)
    app.test_client_class = CheckingClient
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _round_trip(client, provider, **claims):
    """Start single sign-on, let the fake provider 'sign the person in', and return to the portal."""
    start = client.get("/staff/sign-in/oidc")
    assert start.status_code == 302
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(start.location).query))
    provider.claims = {"_nonce": query["nonce"], **claims}
    return client.get(
        "/staff/sign-in/oidc/callback?" + urllib.parse.urlencode({"code": "c1", "state": query["state"]})
    ), query


def test_the_sign_in_page_offers_single_sign_on_only_when_configured(sso_app, app, client):
    assert "Sign in with your council account" in sso_app.test_client().get("/staff/sign-in").get_data(
        as_text=True
    )
    assert "Sign in with your council account" not in client.get("/staff/sign-in").get_data(as_text=True)
    assert client.get("/staff/sign-in/oidc").status_code == 404


def test_a_council_account_with_a_role_signs_in_and_gets_a_staff_account(sso_app, provider):
    client = sso_app.test_client()
    response, query = _round_trip(
        client, provider, email="Jo.Officer@Worcs.example", roles=["FamilyVoice.Officer"], name="Jo"
    )
    assert response.status_code == 302 and response.location == "/staff/"
    assert client.get("/staff/").status_code == 200
    assert query["code_challenge_method"] == "S256"
    assert provider.token_requests[0]["code_verifier"]
    with sso_app.app_context():
        user = db.session.scalar(select(StaffUser).where(StaffUser.email == "jo.officer@worcs.example"))
        assert user.role == "officer"


def test_a_council_account_without_a_role_here_is_refused(sso_app, provider):
    client = sso_app.test_client()
    response, _ = _round_trip(client, provider, email="someone@worcs.example", roles=["Other.App"])
    assert response.status_code == 403
    assert client.get("/staff/").status_code == 302


def test_an_id_token_signed_by_another_key_is_refused(sso_app, provider):
    client = sso_app.test_client()
    forged = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    response, _ = _round_trip(
        client, provider, email="admin@worcs.example", roles=["FamilyVoice.Admin"], _signing_key=forged
    )
    assert response.status_code == 403
    assert client.get("/staff/").status_code == 302


def test_a_returning_visit_with_the_wrong_state_is_refused(sso_app, provider):
    client = sso_app.test_client()
    client.get("/staff/sign-in/oidc")
    response = client.get("/staff/sign-in/oidc/callback?code=c1&state=guessed")
    assert response.status_code == 403


def test_a_deactivated_account_cannot_come_back_through_single_sign_on(sso_app, provider):
    with sso_app.app_context():
        db.session.add(
            StaffUser(
                email="gone@worcs.example", name="Gone", role="officer", password_hash="!", active=False
            )
        )
        db.session.commit()
    client = sso_app.test_client()
    response, _ = _round_trip(client, provider, email="gone@worcs.example", roles=["FamilyVoice.Officer"])
    assert response.status_code == 403
