"""Single sign-on with OpenID Connect (the council's Microsoft Entra ID accounts), off unless configured.

Settings: ``OIDC_ISSUER`` (e.g. ``https://login.microsoftonline.com/<tenant>/v2.0``),
``OIDC_CLIENT_ID``, ``OIDC_CLIENT_SECRET``, ``OIDC_ROLE_CLAIM`` (default ``roles``) and
``OIDC_ROLE_MAP`` (claim value -> staff role). The authorisation code flow with PKCE, state and
nonce; the ID token's signature is checked against the issuer's published keys.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
import urllib.parse
import urllib.request

import jwt
from flask import current_app

from portal.staff.models import ROLES

DEFAULT_ROLE_MAP = {
    "FamilyVoice.Admin": "admin",
    "FamilyVoice.Officer": "officer",
    "FamilyVoice.PA": "pa",
    "FamilyVoice.Editor": "editor",
    "FamilyVoice.Analyst": "analyst",
}
DISCOVERY_TTL = 3600
TIMEOUT = 10


class SignOnError(Exception):
    """The identity provider's answer cannot be trusted or gives no role here."""


def enabled() -> bool:
    config = current_app.config
    return bool(config.get("OIDC_ISSUER") and config.get("OIDC_CLIENT_ID"))


def _get_json(url: str, data: dict | None = None) -> dict:
    if not url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise SignOnError("identity provider addresses must use https")
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Accept": "application/json"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
        return json.loads(response.read().decode())


def discovery() -> dict:
    """The issuer's OpenID configuration, cached for an hour."""
    cached = current_app.extensions.get("staff_oidc_discovery")
    if cached and time.time() - cached[0] < DISCOVERY_TTL:
        return cached[1]
    issuer = current_app.config["OIDC_ISSUER"].rstrip("/")
    document = _get_json(issuer + "/.well-known/openid-configuration")
    current_app.extensions["staff_oidc_discovery"] = (time.time(), document)
    return document


def start(redirect_uri: str) -> tuple[str, dict]:
    """The address to send the browser to, and what to remember in the session until it returns."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    pending = {"state": secrets.token_urlsafe(24), "nonce": secrets.token_urlsafe(24), "verifier": verifier}
    query = {
        "client_id": current_app.config["OIDC_CLIENT_ID"],
        "response_type": "code",
        "scope": "openid email profile",
        "redirect_uri": redirect_uri,
        "state": pending["state"],
        "nonce": pending["nonce"],
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    return discovery()["authorization_endpoint"] + "?" + urllib.parse.urlencode(query), pending


def role_from_claims(claims: dict) -> str | None:
    """The most senior staff role the person's claims give (admin first), or None."""
    config = current_app.config
    role_map = config.get("OIDC_ROLE_MAP") or DEFAULT_ROLE_MAP
    values = claims.get(config.get("OIDC_ROLE_CLAIM", "roles")) or []
    if isinstance(values, str):
        values = [values]
    roles = {role_map[v] for v in values if v in role_map}
    return next((role for role in ROLES if role in roles), None)


def finish(*, code: str, state: str, pending: dict | None, redirect_uri: str) -> tuple[str, str, dict]:
    """Exchange the code, check the ID token, and return (email, role, claims)."""
    if not pending or not secrets.compare_digest(state or "", pending["state"]):
        raise SignOnError("state does not match")
    config = current_app.config
    document = discovery()
    tokens = _get_json(
        document["token_endpoint"],
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": config["OIDC_CLIENT_ID"],
            "client_secret": config.get("OIDC_CLIENT_SECRET", ""),
            "code_verifier": pending["verifier"],
        },
    )
    id_token = tokens.get("id_token")
    if not id_token:
        raise SignOnError("no ID token")
    try:
        key = jwt.PyJWKClient(document["jwks_uri"], timeout=TIMEOUT).get_signing_key_from_jwt(id_token)
        claims = jwt.decode(
            id_token,
            key.key,
            algorithms=["RS256"],
            audience=config["OIDC_CLIENT_ID"],
            issuer=document.get("issuer", config["OIDC_ISSUER"]),
            options={"require": ["exp", "iat", "iss", "aud", "sub"]},
        )
    except jwt.PyJWTError as error:
        raise SignOnError(f"ID token refused: {error}") from error
    if not secrets.compare_digest(claims.get("nonce", ""), pending["nonce"]):
        raise SignOnError("nonce does not match")
    email = (claims.get("email") or claims.get("preferred_username") or "").strip().lower()
    if "@" not in email or claims.get("email_verified") is False:
        raise SignOnError("no verified email address")
    role = role_from_claims(claims)
    if role is None:
        raise SignOnError("no role in this service")
    return email, role, claims
