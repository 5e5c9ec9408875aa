"""``portal setup`` creates or migrates the database and is safe to run again."""

from sqlalchemy import inspect

from portal.extensions import db
from tests.conftest import make_test_app


def test_setup_creates_the_database_and_can_run_twice(tmp_path):
    app = make_test_app(f"sqlite:///{tmp_path}/fresh.db", tmp_path)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["setup"])
    assert first.exit_code == 0, first.output
    assert "Set-up finished." in first.output
    second = runner.invoke(args=["setup"])
    assert second.exit_code == 0, second.output
    with app.app_context():
        tables = inspect(db.engine).get_table_names()
        db.engine.dispose()
    assert "setup_record" in tables
    assert "alembic_version" in tables
