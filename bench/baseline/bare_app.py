"""The bare Flask baseline for bench/submit.py: the same journey's requests and rows, nothing else.

Kept in bench/baseline/ so that `make bench` (which runs bench/*.py) does not run it as a benchmark.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3

import rows
from flask import Flask, make_response, redirect, request

app = Flask(__name__)
DATABASE = os.environ.get("BARE_DATABASE", "/tmp/bare.db")


def connect() -> sqlite3.Connection:
    return sqlite3.connect(DATABASE, timeout=10)


rows.create(DATABASE)


PAGE = "<!doctype html><title>q</title><form method=post><input name=x><button>Continue</button></form>"


@app.route("/start", methods=["GET", "POST"])
def start():
    if request.method == "GET":
        return PAGE
    token = secrets.token_urlsafe(32)
    with connect() as db:
        db.execute("insert into draft values (?, '{}')", (token,))
    response = make_response(redirect("/q/role", 303))
    response.set_cookie("draft", token)
    return response


@app.route("/q/<page>", methods=["GET", "POST"])
def question(page: str):
    if request.method == "GET":
        return PAGE
    token = request.cookies["draft"]
    with connect() as db:
        answers = json.loads(db.execute("select answers from draft where token = ?", (token,)).fetchone()[0])
        answers.update(request.form.to_dict())
        db.execute("update draft set answers = ? where token = ?", (json.dumps(answers), token))
    return redirect("/q/next", 303)


@app.route("/check", methods=["GET", "POST"])
def check():
    if request.method == "GET":
        return PAGE
    token = request.cookies["draft"]
    with connect() as db:
        answers = json.loads(db.execute("select answers from draft where token = ?", (token,)).fetchone()[0])
        rows.store_response(db, token, answers)
    return redirect("/done", 303)


@app.get("/done")
def done():
    return PAGE
