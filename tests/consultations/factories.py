"""Helpers for consultation tests: open copies of shipped consultations, and walking the journey."""

import copy
import datetime as dt
import json
import re
from pathlib import Path

import yaml

from portal.extensions import db
from portal.forms_engine.content import load_definition
from portal.forms_engine.definition import canonical_json

CONTENT = Path(__file__).parents[2] / "portal" / "content" / "consultations"
DATA = Path(__file__).parent / "data"


def shipped(slug: str) -> dict:
    """A shipped definition as data."""
    return yaml.safe_load((CONTENT / f"{slug}.yaml").read_text())


def create_open_consultation(
    app, base: str = "overnight-short-breaks-2019", slug: str = "open-copy", **changes
) -> int:
    """A copy of a shipped consultation, open today, stored as a new form; returns the version id."""
    data = copy.deepcopy(shipped(base))
    today = dt.date.today()
    data.update(slug=slug, opens=today - dt.timedelta(days=30), closes=today + dt.timedelta(days=60))
    data.update(changes)
    with app.app_context():
        version, _created = load_definition(json.loads(canonical_json(data)))
        db.session.commit()
        return version.id


def start(client, slug: str, prefix: str = "/consultations"):
    """Open the start page and press Start now; returns the first question page's address."""
    assert client.get(f"{prefix}/{slug}").status_code == 200
    response = client.post(f"/consultations/{slug}/start", data={})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return response.headers["Location"]


def answer(client, url: str, data: dict, expect: int = 303):
    """Post one page; returns the next address (or the response when it is re-shown)."""
    response = client.post(url, data=data)
    assert response.status_code == expect, response.get_data(as_text=True)[:2000]
    return response.headers["Location"] if expect == 303 else response


def submit(client, check_url: str):
    """Press "Send" on the check-your-answers page, with its submission token; returns the response."""
    page = client.get(check_url).get_data(as_text=True)
    token = re.search(r'name="submission_token" value="([^"]+)"', page).group(1)
    return client.post(check_url, data={"submission_token": token})


def error_summary(html: str) -> list[tuple[str, str]]:
    """(href, message) pairs from the error summary."""
    block = re.search(r'govuk-error-summary__list">(.*?)</ul>', html, re.S)
    if not block:
        return []
    return [(h, m.strip()) for h, m in re.findall(r'<a href="([^"]+)">(.*?)</a>', block.group(1), re.S)]
