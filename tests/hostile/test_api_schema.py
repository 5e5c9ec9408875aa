"""Schemathesis against the JSON API's own OpenAPI document, in-process (WSGI): no 500s, and every
answer matches the document (status codes, content types, bodies)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from portal.api.bot_auth import bot_api_token


@pytest.mark.parametrize("database_uri", ["sqlite"], indirect=True)
def test_the_api_answers_as_its_document_says(app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    with app.app_context():
        headers = {"Authorization": f"Bearer {bot_api_token()}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations, "the document lists no operations"
    for operation in operations:

        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def call(case):
            case.call_and_validate(headers=headers)

        call()
