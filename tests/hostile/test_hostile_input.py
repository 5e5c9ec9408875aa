"""Hostile input: fuzzed forms, stored script, formula injection, huge bodies, forged posts, floods.

Every public form is posted random and malicious values (hypothesis): the portal answers with a
page, never a 500. Script typed into every free-text field of every shipped journey is shown
escaped in the staff area and neutralised in the CSV and XLSX exports.
"""

import csv
import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tests.hostile.walker import fields, walk
from tests.staff.factories import sign_in_as

SCRIPT = '<script>alert("fv")</script><img src=x onerror=alert(2)>'
FORMULA = "=cmd|' /C calc'!A0"
PAYLOAD = FORMULA + " " + SCRIPT
MALICIOUS = [
    SCRIPT,
    FORMULA,
    "'; DROP TABLE form_response; --",
    "1' OR '1'='1",
    '" onmouseover="alert(1)',
    "{{ 7*7 }}{% raw %}",
    "%s%s%s%n",
    "\x00\x01\x1b[31m\u202e\ufeff",
    "\U0001f600" * 50,
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+44 (0) 1905 <b>",
    "A" * 20000,
]
VALUES = st.one_of(
    st.sampled_from(MALICIOUS),
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp", "So"]), max_size=50),
    st.integers().map(str),
)
JOURNEYS = [
    ("consultations", "short-breaks-local-offer-2026"),
    ("feedback", "cp-conference-parent-feedback"),
    ("feedback", "ehcp-annual-review-feedback"),
    ("feedback", "ehcp-new-plan-feedback"),
    ("feedback", "end-of-involvement-feedback"),
    ("feedback", "young-persons-feedback"),
    ("care-leavers", "ask-for-a-call-back"),
    ("care-leavers", "something-is-wrong"),
    ("care-leavers", "update-my-contact-details"),
]
FUZZ = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], database=None
)
sqlite_only = pytest.mark.parametrize("database_uri", ["sqlite"], indirect=True)


def first_question(client, prefix: str, slug: str) -> str:
    assert client.get(f"/{prefix}/{slug}").status_code == 200
    response = client.post(f"/{prefix}/{slug}/start", data={})
    assert response.status_code == 303
    return response.headers["Location"]


@sqlite_only
@pytest.mark.parametrize(("prefix", "slug"), JOURNEYS)
def test_fuzzed_answers_never_cause_a_server_error(client, prefix, slug):
    url = first_question(client, prefix, slug)
    names = [f["name"] for f in fields(client.get(url).get_data(as_text=True))] + ["action", "unexpected"]

    @FUZZ
    @given(st.dictionaries(st.sampled_from(names), VALUES, max_size=len(names)))
    def post(data):
        page = client.get(url)
        assert page.status_code == 200
        response = client.post(url, data=data)
        assert response.status_code in (200, 303), response.status_code
        if response.status_code == 200:
            assert SCRIPT not in response.get_data(as_text=True)

    post()


@sqlite_only
def test_fuzzed_chat_resume_and_problem_reports_never_cause_a_server_error(client):
    targets = [
        ("/chat", "/chat", ["message"]),
        (
            "/consultations/short-breaks-local-offer-2026/resume",
            "/consultations/short-breaks-local-offer-2026/resume",
            ["email", "code", "reference"],
        ),
    ]

    @FUZZ
    @given(st.sampled_from(targets), st.data())
    def post(target, data):
        page_url, post_url, names = target
        assert client.get(page_url).status_code == 200
        body = data.draw(st.dictionaries(st.sampled_from(names), VALUES, min_size=1))
        response = client.post(post_url, data=body)
        assert response.status_code < 500 and response.status_code != 400, response.status_code

    post()


@sqlite_only  # escaping does not depend on the database; the journeys run on PostgreSQL elsewhere
@pytest.mark.parametrize(("prefix", "slug"), JOURNEYS)
def test_script_in_every_free_text_field_is_stored_as_typed_and_shown_escaped(app, client, prefix, slug):
    html, statuses = walk(client, f"/{prefix}/{slug}", f"/{prefix}/{slug}/start", PAYLOAD)
    assert all(s < 500 for s in statuses)
    reference = REFERENCE_IN(html)
    sign_in_as(app, client, "officer")
    if prefix == "care-leavers":
        queue = client.get("/staff/care-leavers/")
        assert queue.status_code == 200 and SCRIPT not in queue.get_data(as_text=True)
        detail = client.get(f"/staff/care-leavers/{reference}")
        assert detail.status_code == 200, detail.status_code
        assert SCRIPT not in detail.get_data(as_text=True)
        return
    dashboard = client.get(f"/staff/analytics/{slug}")
    assert dashboard.status_code == 200
    assert SCRIPT not in dashboard.get_data(as_text=True)

    exported = client.get(f"/staff/analytics/{slug}/responses.csv").get_data(as_text=True)
    cells = [cell for row in csv.reader(io.StringIO(exported)) for cell in row]
    typed = [cell for cell in cells if "cmd|" in cell]
    assert typed, "the free text did not reach the export"
    assert all(cell.startswith("'=") for cell in typed), typed

    workbook = load_workbook(io.BytesIO(client.get(f"/staff/analytics/{slug}/responses.xlsx").data))
    cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    values = [c for c in cells if "cmd|" in str(c.value)]
    assert values and all(c.data_type == "s" and not str(c.value).startswith("=") for c in values)


def REFERENCE_IN(html: str) -> str:  # noqa: N802
    match = re.search(r"<strong>([^<]+)</strong>", html)
    assert match, html[:1000]
    return match.group(1).strip()


@sqlite_only
def test_an_oversized_body_is_refused_and_earlier_answers_are_kept(client):
    url = first_question(client, "consultations", "short-breaks-local-offer-2026")
    client.get(url)
    assert client.post(url, data={"role": "professional"}).status_code == 303
    huge = client.post(url, data={"role": "parent_carer", "role_other": "x" * (2 * 1024 * 1024)})
    assert huge.status_code == 413
    assert "What you sent is too large" in huge.get_data(as_text=True)
    again = client.get(url).get_data(as_text=True)
    assert re.search(r'value="professional"[^>]*checked|checked[^>]*value="professional"', again)


@sqlite_only
def test_a_post_without_the_form_token_is_refused(client):
    url = first_question(client, "consultations", "short-breaks-local-offer-2026")
    response = client.post(url, data={"role": "professional", "csrf_token": "forged"})
    assert response.status_code == 400 and "Your page timed out" in response.get_data(as_text=True)
    assert client.post("/chat", data={"message": "hi", "csrf_token": ""}).status_code == 400


@sqlite_only
def test_too_many_attempts_get_a_429_page(client):
    url = "/consultations/short-breaks-local-offer-2026/resume"
    statuses = []
    for _ in range(14):
        client.get(url)
        statuses.append(client.post(url, data={"email": "a@example.com", "code": "1234"}).status_code)
    assert 429 in statuses
    page = client.post(url, data={"email": "a@example.com"})
    assert page.status_code == 429 and "Too many attempts" in page.get_data(as_text=True)
    assert "govuk-template" in page.get_data(as_text=True) or "govuk-" in page.get_data(as_text=True)


@sqlite_only
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/consultations/short-breaks-local-offer-2026",
        "/chat",
        "/local-offer",
        "/staff/sign-in",
        "/no-such-page",
        "/api/v1/openapi.json",
        "/healthz",
        "/api/v1/no-such",
    ],
)
def test_security_headers_on_every_kind_of_page(client, path):
    response = client.get(path)
    headers = response.headers
    assert "script-src 'self' 'nonce-" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cache-Control"] == "no-store"
    cookie = headers.get("Set-Cookie", "")
    if cookie:
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
