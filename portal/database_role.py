"""The PostgreSQL role the running portal connects as: what it may do to the tables, and no more.

``portal setup`` runs as the role that owns the tables (it creates and migrates them). The web
workers and the outbox worker should connect as another role (``DATABASE_APP_ROLE``), which
``portal setup`` grants only reading and writing rows. That role cannot drop the audit log's
triggers, change a table, or move the migration marker, and it may only add to the audit log:
even a flaw in the portal could not rewrite who looked at a family's details.
"""

from __future__ import annotations

import re

from sqlalchemy import text

from portal.extensions import db

# Tables the running portal may read and add to, never change or empty.
APPEND_ONLY = ("audit_event",)
# Tables only migrations write.
READ_ONLY = ("alembic_version",)

_TAKEN = dict.fromkeys(APPEND_ONLY, "UPDATE, DELETE") | dict.fromkeys(READ_ONLY, "INSERT, UPDATE, DELETE")
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class RoleError(Exception):
    """The runtime role cannot be granted; the message says why, for the operator."""


def grant_runtime_role(role: str) -> str:
    """Give ``role`` row access to every table in the portal's schema; returns a one-line summary.

    Safe to run again: each run first takes back what the role had, then grants afresh, so a table
    that became append-only or read-only loses the rights it had before.
    """
    if db.engine.dialect.name != "postgresql":
        raise RoleError("DATABASE_APP_ROLE is for PostgreSQL; SQLite has no roles")
    if not _ROLE_NAME.match(role):
        raise RoleError(
            f"DATABASE_APP_ROLE {role!r} is not a plain role name (lower-case letters, digits and _)"
        )
    with db.engine.begin() as connection:
        superuser = connection.scalar(
            text("SELECT rolsuper FROM pg_roles WHERE rolname = :role"), {"role": role}
        )
        if superuser is None:
            raise RoleError(
                f"there is no PostgreSQL role {role!r}: create it first (CREATE ROLE {role} LOGIN)"
            )
        owner = connection.scalar(text("SELECT current_user"))
        if owner == role:
            raise RoleError(f"{role!r} is the role running setup, which owns the tables; name another role")
        if superuser:
            raise RoleError(
                f"{role!r} is a superuser, which no grant can limit; use a role without SUPERUSER"
            )
        schema = connection.scalar(text("SELECT current_schema()"))
        database = connection.scalar(text("SELECT current_database()"))
        tables = connection.scalars(
            text("SELECT tablename FROM pg_tables WHERE schemaname = :schema ORDER BY tablename"),
            {"schema": schema},
        ).all()
        quote = db.engine.dialect.identifier_preparer.quote
        role_q, schema_q = quote(role), quote(schema)
        # Only when missing: PUBLIC usually has both, and only the database's and the schema's
        # owners may grant them, which the tables' owner need not be.
        reach = connection.execute(
            text(
                "SELECT has_database_privilege(:role, :db, 'CONNECT'),"
                " has_schema_privilege(:role, :schema, 'USAGE')"
            ),
            {"role": role, "db": database, "schema": schema},
        ).one()
        if not reach[0]:
            connection.execute(text(f"GRANT CONNECT ON DATABASE {quote(database)} TO {role_q}"))
        if not reach[1]:
            connection.execute(text(f"GRANT USAGE ON SCHEMA {schema_q} TO {role_q}"))
        for statement in (
            f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema_q} FROM {role_q}",
            f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema_q} FROM {role_q}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema_q} TO {role_q}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema_q} TO {role_q}",
        ):
            connection.execute(text(statement))
        for table in tables:
            taken = _TAKEN.get(table)
            if taken:
                connection.execute(text(f"REVOKE {taken} ON {schema_q}.{quote(table)} FROM {role_q}"))
    appended = ", ".join(t for t in tables if t in APPEND_ONLY) or "nothing"
    read = ", ".join(t for t in tables if t in READ_ONLY) or "nothing"
    return f"{role} reads and writes rows in {len(tables)} tables; only adds to {appended}; only reads {read}"
