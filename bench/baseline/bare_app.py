"""The bare Flask baseline for bench/submit.py: the same journey's requests and rows, nothing else.

Kept in bench/baseline/ so that `make bench` (which runs bench/*.py) does not run it as a benchmark.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
from datetime import UTC, datetime

from flask import Flask, make_response, redirect, request

app = Flask(__name__)
DATABASE = os.environ.get("BARE_DATABASE", "/tmp/bare.db")
SCHEMA = """
create table if not exists draft (token text primary key, answers text not null);
create table if not exists response
    (id integer primary key, token text unique, submitted_at text, reference text);
create table if not exists answer
    (id integer primary key, response_id integer, question_key text, value text);
create table if not exists contact (id integer primary key, response_id integer, value text);
"""


def connect() -> sqlite3.Connection:
    return sqlite3.connect(DATABASE, timeout=10)


with sqlite3.connect(DATABASE, timeout=10) as _setup:
    _setup.execute("pragma journal_mode=wal")
    _setup.executescript(SCHEMA)


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
        email = answers.pop("email", None)
        cursor = db.execute(
            "insert into response (token, submitted_at, reference) values (?, ?, ?)",
            (token, datetime.now(UTC).isoformat(), secrets.token_hex(4)),
        )
        for key, value in answers.items():
            if value:
                db.execute(
                    "insert into answer (response_id, question_key, value) values (?, ?, ?)",
                    (cursor.lastrowid, key, value),
                )
        if email:
            db.execute("insert into contact (response_id, value) values (?, ?)", (cursor.lastrowid, email))
    return redirect("/done", 303)


@app.get("/done")
def done():
    return PAGE
