"""The rows both baselines of bench/submit.py keep: a draft, then one response, its answers and a contact."""

from __future__ import annotations

import secrets
import sqlite3
from datetime import UTC, datetime

SCHEMA = """
create table if not exists draft (token text primary key, answers text not null);
create table if not exists response
    (id integer primary key, token text unique, submitted_at text, reference text);
create table if not exists answer
    (id integer primary key, response_id integer, question_key text, value text);
create table if not exists contact (id integer primary key, response_id integer, value text);
"""


def create(path: str) -> None:
    """The tables, in WAL mode."""
    with sqlite3.connect(path, timeout=10) as db:
        db.execute("pragma journal_mode=wal")
        db.executescript(SCHEMA)


def store_response(db: sqlite3.Connection, token: str, answers: dict) -> str:
    """One response from a draft's answers (the email apart, as a contact row); returns its reference."""
    answers = dict(answers)
    email = answers.pop("email", None)
    reference = secrets.token_hex(4)
    cursor = db.execute(
        "insert into response (token, submitted_at, reference) values (?, ?, ?)",
        (token, datetime.now(UTC).isoformat(), reference),
    )
    for key, value in answers.items():
        if value:
            db.execute(
                "insert into answer (response_id, question_key, value) values (?, ?, ?)",
                (cursor.lastrowid, key, value),
            )
    if email:
        db.execute("insert into contact (response_id, value) values (?, ?)", (cursor.lastrowid, email))
    return reference
