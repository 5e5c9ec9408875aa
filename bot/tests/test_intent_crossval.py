"""The quick intent cross-validation keeps exactly the components that decide the intent."""

from pathlib import Path

import yaml

from scripts.intent_crossval import intent_only

BOT = Path(__file__).resolve().parents[1]


def test_the_intent_pipeline_is_the_real_one_without_entities_answers_or_fallbacks():
    config = yaml.safe_load((BOT / "config.yml").read_text())
    names = [component["name"] for component in intent_only(config)["pipeline"]]
    assert names == [
        "addons.text_speak.TextSpeakTokenizer",
        "RegexFeaturizer",
        "LexicalSyntacticFeaturizer",
        "addons.vocabulary_featurizer.VocabularyFeaturizer",
        "CountVectorsFeaturizer",
        "CountVectorsFeaturizer",
        "LogisticRegressionClassifier",
        "addons.safeguarding.SafeguardingClassifier",
    ]
    assert intent_only(config)["policies"] == []
    # the intent components keep their settings
    pipeline = intent_only(config)["pipeline"]
    classifier = next(c for c in pipeline if c["name"] == "LogisticRegressionClassifier")
    assert classifier["solver"] == "liblinear"
