"""Pure functions of theme coding: kappa, F1, threshold logic, clustering, rich-text cleaning."""

import numpy as np
import pytest

from portal.themes import agreement, richtext, suggest


def test_kappa_known_value():
    # 2x2 table a=20 b=5 c=10 d=15 (n=50): po=0.7, pe=0.5, kappa=0.4 (the textbook example).
    first = [True] * 25 + [False] * 25
    second = [True] * 20 + [False] * 5 + [True] * 10 + [False] * 15
    assert agreement.cohen_kappa(first, second) == pytest.approx(0.4)


def test_kappa_perfect_disagreement_and_undefined():
    assert agreement.cohen_kappa([True, False], [True, False]) == pytest.approx(1.0)
    assert agreement.cohen_kappa([True, False], [False, True]) == pytest.approx(-1.0)
    assert agreement.cohen_kappa([], []) is None
    assert agreement.cohen_kappa([True, True], [True, True]) is None
    with pytest.raises(ValueError):
        agreement.cohen_kappa([True], [True, False])


def test_compare_per_theme_and_overall():
    human = {1: {"travel"}, 2: {"travel", "cuts"}, 3: set(), 4: {"cuts"}}
    model = {1: {"travel"}, 2: {"travel"}, 3: {"cuts"}, 4: {"cuts"}, 5: {"travel"}}  # 5 not coded by human
    result = agreement.compare(human, model, ["travel", "cuts"])
    assert result["items"] == 4
    travel, cuts = result["themes"]
    assert travel.f1 == pytest.approx(1.0) and travel.kappa == pytest.approx(1.0)
    # cuts: tp=1 (4), fn=1 (2), fp=1 (3)
    assert cuts.precision == pytest.approx(0.5) and cuts.recall == pytest.approx(0.5)
    assert cuts.f1 == pytest.approx(0.5)
    # micro: tp=3, fp=1, fn=1 -> 6/8
    assert result["micro_f1"] == pytest.approx(0.75)
    assert result["macro_f1"] == pytest.approx(0.75)
    assert result["kappa"] is not None and 0 < result["kappa"] < 1


def test_describe_kappa():
    assert agreement.describe_kappa(None) == "not enough to tell"
    assert agreement.describe_kappa(0.85) == "almost perfect"
    assert agreement.describe_kappa(0.5) == "moderate"
    assert agreement.describe_kappa(-0.1) == "poor"


def test_choose_threshold_and_floor():
    row = np.array([0.2, 0.7, 0.6, 0.1])
    assert suggest.choose(row, threshold=0.55, floor=0.3) == [1, 2]  # best first
    assert suggest.choose(np.array([0.2, 0.4]), threshold=0.55, floor=0.3) == [1]  # floor keeps the best
    assert suggest.choose(np.array([0.2, 0.25]), threshold=0.55, floor=0.3) == []


def test_scores_use_examples_and_descriptions():
    x, y = np.array([1.0, 0.0, 0.0]), np.array([0.0, 1.0, 0.0])
    profiles = [
        suggest.ThemeProfile("a", description=x, examples=np.zeros((0, 3))),
        suggest.ThemeProfile("b", description=np.array([0.0, 0.0, 1.0]), examples=np.array([y, y])),
    ]
    table = suggest.scores(np.array([x, y]), profiles)
    assert table[0, 0] == pytest.approx(1.0) and table[0, 1] == pytest.approx(0.0)
    # Comment y matches b's tagged examples (centroid 1, nearest 1) but not its description (0).
    assert table[1, 1] == pytest.approx(2 / 3)
    assert table[1, 0] == pytest.approx(0.0)


def test_tune_finds_a_separating_threshold():
    rows = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.65]])
    truth = [{0}, {1}, {0, 1}]
    threshold, _floor, f1 = suggest.tune(rows, truth)
    assert f1 == pytest.approx(1.0)
    assert threshold <= 0.6


def test_clusters_group_similar_vectors():
    vectors = np.array([[1, 0], [0.99, 0.05], [0, 1], [0.02, 1], [0.7, 0.7]])
    groups = suggest.clusters(vectors, similarity=0.9)
    assert sorted(map(sorted, groups)) == [[0, 1], [2, 3]]


def test_richtext_keeps_allowed_and_drops_the_rest():
    html = richtext.clean(
        '<p onclick="x()">We <strong>will</strong> <script>alert(1)</script>review '
        '<a href="javascript:x">it</a>'
        ' <a href="https://www.worcestershire.gov.uk/" title="t">here</a></p><iframe src="x"></iframe>'
    )
    assert "<script" not in html and "onclick" not in html and "<iframe" not in html and "title=" not in html
    assert "javascript:" not in html
    assert "<strong>will</strong>" in html
    assert '<a class="govuk-link" href="https://www.worcestershire.gov.uk/">here</a>' in html
    assert html.startswith('<p class="govuk-body">')


def test_richtext_plain_paragraphs_and_idempotence():
    html = richtext.clean("First line & more\n\nSecond <not a tag")
    assert html.count('<p class="govuk-body">') == 2 and "&amp;" in html
    assert richtext.clean(html) == html
