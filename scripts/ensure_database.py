"""Create the PostgreSQL database named in a URL when it does not exist yet (idempotent).

    python scripts/ensure_database.py postgresql://127.0.0.1:5432/family_voice

Connects to the server's ``postgres`` database as the URL's user (libpq's default if none);
a SQLite URL is left alone.
"""

import sys

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url


def ensure_database(url: str) -> bool:
    """Create the database if missing; True when it was created."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("postgres"):
        return False
    params = {
        "host": parsed.host or "127.0.0.1",
        "port": parsed.port or 5432,
        "dbname": "postgres",
        "autocommit": True,
    }
    if parsed.username:  # otherwise libpq's default, as the portal itself connects
        params["user"] = parsed.username
    if parsed.password:
        params["password"] = parsed.password
    with psycopg.connect(**params) as connection:
        query = "SELECT 1 FROM pg_database WHERE datname = %s"
        exists = connection.execute(query, (parsed.database,)).fetchone()
        if exists:
            return False
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(parsed.database)))
        return True


if __name__ == "__main__":
    target = sys.argv[1]
    created = ensure_database(target)
    print(f"database {make_url(target).database}: {'created' if created else 'already there'}")
