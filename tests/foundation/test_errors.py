"""Errors are explained kindly on pages, and as JSON with a code under /api/."""

import pytest
from werkzeug.exceptions import abort


def test_an_unknown_page_gets_the_page_not_found_page(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_a_wrong_method_gets_405_with_allow_header(client):
    response = client.post("/privacy", data={})
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


def test_errors_under_api_are_json_with_a_code(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json == {"error": {"code": "not_found", "message": response.json["error"]["message"]}}


@pytest.mark.parametrize("status", [400, 403, 404, 405, 413, 429, 500, 503])
def test_every_error_status_has_a_page_in_the_service_style(app, client, status):
    @app.get(f"/raise/{status}")
    def raise_status():
        abort(status)

    response = client.get(f"/raise/{status}")
    assert response.status_code == status
    html = response.get_data(as_text=True)
    assert "govuk-heading-l" in html
    assert "Go to the start page" in html


def test_an_unexpected_exception_gives_a_500_page_not_a_stack_trace(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = client.get("/boom")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Sorry, there is a problem with the service" in html
    assert "secret internals" not in html


def test_an_unexpected_exception_under_api_is_json(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/api/v1/boom")
    def api_boom():
        raise RuntimeError("secret internals")

    response = client.get("/api/v1/boom")
    assert response.status_code == 500
    assert response.json["error"]["code"] == "server_error"
    assert "secret internals" not in response.get_data(as_text=True)


def test_a_rate_limited_visitor_is_told_when_to_come_back_but_pages_carry_no_limit_headers(app, client):
    from portal.extensions import limiter

    @app.get("/limited")
    @limiter.limit("2 per minute")
    def limited():
        return "fine", 200, {"Content-Type": "text/plain"}

    answered = client.get("/limited")
    assert "X-RateLimit-Remaining" not in answered.headers
    client.get("/limited")
    refused = client.get("/limited")
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert "Too many attempts" in refused.get_data(as_text=True)


def test_a_rate_limited_api_call_gets_json_with_retry_after(app, client):
    from portal.extensions import limiter

    @app.get("/api/v1/limited")
    @limiter.limit("1 per minute")
    def api_limited():
        return {"ok": True}

    client.get("/api/v1/limited")
    refused = client.get("/api/v1/limited")
    assert refused.status_code == 429
    assert refused.json["error"]["code"] == "rate_limited"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
