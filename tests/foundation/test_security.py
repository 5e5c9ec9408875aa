"""Security from the start: headers, CSP without inline script, cookies, size limits, CSRF."""

import re

from flask import Blueprint
from flask_wtf import FlaskForm
from wtforms import StringField

from tests.conftest import CheckingClient


def test_every_page_sends_security_headers(client):
    response = client.get("/")
    headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cache-Control"] == "no-store"


def test_the_content_security_policy_allows_no_inline_script(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    script_src = next(part for part in policy.split("; ") if part.startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    nonce = re.search(r"'nonce-([^']+)'", script_src).group(1)
    html = response.get_data(as_text=True)
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline_scripts, "the GOV.UK template's js-enabled line should be present"
    assert all(f'nonce="{nonce}"' in attributes for attributes in inline_scripts)


def test_each_response_gets_a_new_nonce(client):
    first = client.get("/").headers["Content-Security-Policy"]
    second = client.get("/").headers["Content-Security-Policy"]
    assert first != second


def test_the_session_cookie_is_http_only_and_same_site(client):
    response = client.get("/language/pl?next=/")
    cookie = response.headers["Set-Cookie"]
    assert "family_voice_session=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_production_mode_marks_the_session_cookie_secure(monkeypatch, tmp_path):
    from portal import create_app

    monkeypatch.setenv("PORTAL_PRODUCTION", "true")
    app = create_app({"TESTING": True, "SECRET_KEY": "x" * 32}, instance_path=str(tmp_path))
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_a_request_larger_than_the_limit_is_refused_with_a_friendly_page(app, client):
    _app_with_a_form(app)
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/probe-form", data={"name": "x" * 5000})
    assert response.status_code == 413
    assert "What you sent is too large" in response.get_data(as_text=True)


def _app_with_a_form(app):
    class NameForm(FlaskForm):
        name = StringField("Name")

    probe = Blueprint("probe", __name__)

    @probe.route("/probe-form", methods=["GET", "POST"])
    def probe_form():
        form = NameForm()
        if form.validate_on_submit():
            return "saved", 200, {"Content-Type": "text/plain"}
        return (
            '<!DOCTYPE html><html lang="en"><head><title>Probe</title></head><body>'
            f'<main id="main-content"><h1>Probe</h1><form method="post" action="/probe-form">'
            f"{form.csrf_token}</form></main></body></html>"
        )

    app.register_blueprint(probe)


def test_a_form_post_without_the_csrf_token_is_refused(app):
    _app_with_a_form(app)
    client = app.test_client()
    response = client.post("/probe-form", data={"name": "Sam"})
    assert response.status_code == 400
    assert "Your page timed out" in response.get_data(as_text=True)


def test_a_form_post_with_the_csrf_token_is_accepted(app):
    _app_with_a_form(app)
    app.test_client_class = CheckingClient
    client = app.test_client()
    client.get("/probe-form")
    response = client.post("/probe-form", data={"name": "Sam"})
    assert response.get_data(as_text=True) == "saved"
