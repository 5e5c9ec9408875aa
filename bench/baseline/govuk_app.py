"""A like-for-like baseline for bench/submit.py: what every public page needs, and nothing of the portal.

The same routes and rows as `bare_app.py`, with the machinery the portal's standards ask of every
page: a signed session cookie, Flask-WTF's CSRF check on every post, Flask-Limiter's shared limit
(in the same storage as the portal), the portal's security headers with a nonce, and each page a
whole GOV.UK Frontend page rendered afresh with govuk-frontend-jinja's macros (header, footer,
back link, the question, buttons; a summary list on check your answers). What it leaves out is
the portal's own work: questionnaire definitions, routing, validation, encryption, translations
and the ORM. The draft is one SQLite row (WAL, synchronous=FULL as in the portal).

Kept in bench/baseline/ so that `make bench` does not run it as a benchmark.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3

import rows
from flask import Flask, g, redirect, render_template, request, session
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect
from jinja2 import ChoiceLoader, DictLoader, PackageLoader, PrefixLoader

from portal.security import FIXED_HEADERS, content_security_policy

app = Flask(__name__)
app.config.update(
    SECRET_KEY=os.environ.get("SECRET_KEY", secrets.token_hex(32)),
    RATELIMIT_DEFAULT=os.environ.get("RATELIMIT_DEFAULT", "1000000 per minute"),
    RATELIMIT_STORAGE_URI=os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
    RATELIMIT_HEADERS_ENABLED=False,
)
CSRFProtect(app)
Limiter(get_remote_address, app=app)
DATABASE = os.environ.get("GOVUK_DATABASE", "/tmp/govuk-baseline.db")


def connect() -> sqlite3.Connection:
    connection = sqlite3.connect(DATABASE, timeout=10)
    connection.execute("pragma synchronous=full")
    return connection


rows.create(DATABASE)


PAGE = """{% extends "govuk_frontend_jinja/template.html" %}
{% from "govuk_frontend_jinja/components/header/macro.html" import govukHeader %}
{% from "govuk_frontend_jinja/components/footer/macro.html" import govukFooter %}
{% from "govuk_frontend_jinja/components/back-link/macro.html" import govukBackLink %}
{% from "govuk_frontend_jinja/components/radios/macro.html" import govukRadios %}
{% from "govuk_frontend_jinja/components/button/macro.html" import govukButton %}
{% from "govuk_frontend_jinja/components/summary-list/macro.html" import govukSummaryList %}
{% from "govuk_frontend_jinja/components/panel/macro.html" import govukPanel %}
{% block pageTitle %}{{ title }} - Have your say{% endblock %}
{% block header %}{{ govukHeader({"serviceName": "Have your say", "serviceUrl": "/"}) }}{% endblock %}
{% block beforeContent %}{{ govukBackLink({"href": "/start", "text": "Back"}) }}{% endblock %}
{% block content %}
{% if rows %}
  <h1 class="govuk-heading-l">Check your answers</h1>
  {{ govukSummaryList({"rows": rows}) }}
{% elif done %}
  {{ govukPanel({"titleText": "Answers sent", "text": "Your reference is " ~ done}) }}
{% endif %}
{% if not done %}
<form method="post" novalidate>
  <input type="hidden" name="csrf_token" value="{{ csrf_token() }}">
  {% if not rows %}
  {{ govukRadios({"name": "answer", "fieldset": {"legend": {"text": title, "isPageHeading": true,
      "classes": "govuk-fieldset__legend--l"}}, "items": options, "value": value}) }}
  {% endif %}
  {{ govukButton({"text": "Continue"}) }}
</form>
{% endif %}
{% endblock %}
{% block footer %}{{ govukFooter({}) }}{% endblock %}
"""
GOVUK = PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})
app.jinja_loader = ChoiceLoader([DictLoader({"page.html": PAGE}), GOVUK])
OPTIONS = [{"value": f"option_{n}", "text": f"Option {n}"} for n in range(1, 6)]


def nonce() -> str:
    """This request's nonce for the template's one inline script."""
    return g.setdefault("csp_nonce", secrets.token_urlsafe(16))


@app.after_request
def _add_headers(response):
    response.headers["Content-Security-Policy"] = content_security_policy(nonce())
    for name, value in FIXED_HEADERS:
        response.headers[name] = value
    response.headers["Cache-Control"] = "no-store"
    return response


def page(title: str, **context) -> str:
    return render_template("page.html", title=title, options=OPTIONS, cspNonce=nonce(), **context)


def saved_answers(db: sqlite3.Connection) -> dict:
    row = db.execute("select answers from draft where token = ?", (session["draft"],)).fetchone()
    return json.loads(row[0])


@app.route("/start", methods=["GET", "POST"])
def start():
    if request.method == "GET":
        return page("Have your say")
    session["draft"] = secrets.token_urlsafe(32)
    with connect() as db:
        db.execute("insert into draft values (?, '{}')", (session["draft"],))
    return redirect("/q/role", 303)


@app.route("/q/<key>", methods=["GET", "POST"])
def question(key: str):
    with connect() as db:
        answers = saved_answers(db)
        if request.method == "GET":
            return page(key, value=answers.get(key))
        answers.update(request.form.to_dict())
        answers.pop("csrf_token", None)
        db.execute("update draft set answers = ? where token = ?", (json.dumps(answers), session["draft"]))
    return redirect("/q/next", 303)


@app.route("/check", methods=["GET", "POST"])
def check():
    with connect() as db:
        answers = saved_answers(db)
        if request.method == "GET":
            summary = [{"key": {"text": k}, "value": {"text": v}} for k, v in answers.items()]
            return page("Check your answers", rows=summary)
        reference = rows.store_response(db, session["draft"], answers)
    session["reference"] = reference
    return redirect("/done", 303)


@app.get("/done")
def done():
    return page("Answers sent", done=session.get("reference", ""))
