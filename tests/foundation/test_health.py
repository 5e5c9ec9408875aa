"""The health endpoint tells monitoring whether the database answers."""

from tests.conftest import make_test_app


def test_healthz_reports_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_healthz_reports_503_when_the_database_is_unreachable(tmp_path):
    app = make_test_app("sqlite:////nonexistent-folder/portal.db", tmp_path)
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "database": "unreachable"}
