"""The portal runs as a PostgreSQL role that reads and writes rows and may only add to the audit log."""

import uuid

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError

from portal.extensions import db
from portal.forms_engine.models import Response
from portal.staff.models import AuditEvent
from tests.conftest import POSTGRES_URL, CheckingClient, make_test_app
from tests.consultations.factories import create_open_consultation, submit
from tests.consultations.test_consultation_journey import walk_parent_carer
from tests.staff.factories import sign_in_as

needs_postgres = pytest.mark.skipif(
    not POSTGRES_URL, reason="needs the machine's PostgreSQL (TEST_DATABASE_URL)"
)


@pytest.fixture
def runtime_role(database_uri):
    """A login role that owns nothing; dropped, with its grants, after the test."""
    role = f"fv_app_{uuid.uuid4().hex[:10]}"
    admin = create_engine(database_uri, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE ROLE {role} LOGIN"))
    yield role
    with admin.connect() as connection:
        connection.execute(text(f"DROP OWNED BY {role}"))  # its grants, in this database
        connection.execute(text(f"DROP ROLE {role}"))
    admin.dispose()


def setup_with_role(app, role):
    app.config["DATABASE_APP_ROLE"] = role
    return app.test_cli_runner().invoke(args=["setup"])


@needs_postgres
@pytest.mark.parametrize("database_uri", ["postgresql"], indirect=True)
def test_a_family_and_staff_are_served_by_a_role_that_cannot_rewrite_the_audit_log(
    app, database_uri, runtime_role, tmp_path
):
    create_open_consultation(app)
    result = setup_with_role(app, runtime_role)
    assert result.exit_code == 0, result.output
    assert f"Runtime role: {runtime_role} reads and writes rows in" in result.output
    assert "only adds to audit_event; only reads alembic_version" in result.output

    runtime_uri = make_url(database_uri).set(username=runtime_role).render_as_string(hide_password=False)
    runtime = make_test_app(runtime_uri, tmp_path / "runtime")
    runtime.test_client_class = CheckingClient
    try:
        family = runtime.test_client()
        sent = submit(family, walk_parent_carer(family))
        assert sent.status_code == 303 and sent.headers["Location"].endswith("/confirmation")

        officer = runtime.test_client()
        sign_in_as(runtime, officer, "admin")
        assert officer.get("/staff/audit").status_code == 200
        assert runtime.test_cli_runner().invoke(args=["retention", "run"]).exit_code == 0

        with runtime.app_context():
            assert db.session.scalars(select(Response.channel)).all() == ["online"]
            signed_in = db.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "sign_in"))
            assert signed_in is not None
            for statement, refusal in [
                ("UPDATE audit_event SET action = 'nothing'", "permission denied"),
                ("DELETE FROM audit_event", "permission denied"),
                ("TRUNCATE audit_event", "permission denied"),
                ("DROP TRIGGER audit_event_no_change ON audit_event", "must be owner"),
                ("ALTER TABLE form_response ADD COLUMN extra text", "must be owner"),
                ("UPDATE alembic_version SET version_num = version_num", "permission denied"),
            ]:
                with pytest.raises(DatabaseError, match=refusal):
                    db.session.execute(text(statement))
                db.session.rollback()
            assert db.session.get(AuditEvent, signed_in).action == "sign_in"
    finally:
        with runtime.app_context():
            db.session.remove()
            db.engine.dispose()


@needs_postgres
@pytest.mark.parametrize("database_uri", ["postgresql"], indirect=True)
def test_setup_says_plainly_when_the_role_is_missing_badly_named_or_all_powerful(
    app, database_uri, runtime_role
):
    missing = setup_with_role(app, "fv_nobody_here")
    assert missing.exit_code == 1
    assert "there is no PostgreSQL role 'fv_nobody_here': create it first" in missing.output
    odd = setup_with_role(app, "app; DROP TABLE response")
    assert odd.exit_code == 1 and "is not a plain role name" in odd.output
    with app.app_context():
        owner = db.session.scalar(text("SELECT current_user"))
    itself = setup_with_role(app, owner)
    assert itself.exit_code == 1 and "owns the tables; name another role" in itself.output
    engine = create_engine(database_uri, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"ALTER ROLE {runtime_role} SUPERUSER"))
    engine.dispose()
    mighty = setup_with_role(app, runtime_role)
    assert mighty.exit_code == 1 and "is a superuser, which no grant can limit" in mighty.output


@pytest.mark.parametrize("database_uri", ["sqlite"], indirect=True)
def test_setup_refuses_a_runtime_role_on_sqlite(app):
    result = setup_with_role(app, "fv_app")
    assert result.exit_code == 1
    assert "Could not set up the runtime role: DATABASE_APP_ROLE is for PostgreSQL" in result.output
