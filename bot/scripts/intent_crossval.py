"""Quick, repeatable 5-fold cross-validation of the intent model alone.

`rasa test nlu --cross-validation` trains the whole pipeline (the ResponseSelector is most of
the time) and draws new folds every run, so two runs of the same data differ by about 0.01.
This script keeps only the components that decide the intent (tokenizer, featurizers, intent
classifier, SafeguardingClassifier), draws the folds with a fixed seed, and uses Rasa's own
training, parsing and fallback undoing, so two pipelines can be compared on the same folds in a
few minutes:

    cd bot && RASA_MAX_CACHE_SIZE=0 PYTHONPATH=. .venv/bin/python scripts/intent_crossval.py \
        [--config config.yml] [--seed 1] [--out /tmp/intent_cv.json]

It prints each intent's F1, the commonest confusions and, last, the macro-F1 and accuracy.
`RASA_MAX_CACHE_SIZE=0` matters: Rasa's training cache does not notice a change to a custom
component's code.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import tempfile
from collections import Counter
from pathlib import Path

import yaml

INTENT_COMPONENTS = {
    "Tokenizer",
    "Featurizer",
    "LogisticRegressionClassifier",
    "DIETClassifier",
    "SafeguardingClassifier",
}


def intent_only(config: dict) -> dict:
    """The config with only the components that decide the intent, and no policies."""
    keep = [
        component
        for component in config["pipeline"]
        if any(component["name"].endswith(part) for part in INTENT_COMPONENTS)
    ]
    return {**config, "pipeline": keep, "policies": []}


async def cross_validate(config_path: Path, seed: int) -> list[tuple[str, str, str]]:
    """(expected, predicted, text) for every example, each predicted by a model that never saw it."""
    import rasa.model_training
    from rasa.core.agent import Agent
    from rasa.core.channels import UserMessage
    from rasa.nlu.classifiers import fallback_classifier
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLWriter
    from rasa.shared.nlu.training_data.loading import load_data
    from rasa.shared.nlu.training_data.training_data import TrainingData
    from sklearn.model_selection import StratifiedKFold

    data = load_data("data/nlu")
    examples = data.intent_examples
    labels = [example.get_full_intent() for example in examples]
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    rows = []
    for number, (train, test) in enumerate(folds.split(examples, labels), start=1):
        print(f"fold {number} of 5", flush=True)
        fold = TrainingData(
            training_examples=[examples[i] for i in train],
            entity_synonyms=data.entity_synonyms,
            regex_features=data.regex_features,
            lookup_tables=data.lookup_tables,
            responses=data.responses,
        )
        with tempfile.TemporaryDirectory() as folder:
            training_file = Path(folder) / "train.yml"
            RasaYAMLWriter().dump(training_file, fold)
            model = rasa.model_training.train_nlu(str(config_path), str(training_file), folder)
            processor = Agent.load(model).processor
            for i in test:
                text = examples[i].get("text")
                result = await processor.parse_message(UserMessage(text=text), only_output_properties=False)
                if fallback_classifier.is_fallback_classifier_prediction(result):
                    result = fallback_classifier.undo_fallback_prediction(result)
                rows.append((examples[i].get("intent"), result["intent"]["name"], text))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="config.yml", type=Path)
    parser.add_argument("--seed", default=1, type=int)
    parser.add_argument("--out", type=Path, help="write every prediction and the report here (JSON)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)

    from sklearn import metrics

    with tempfile.TemporaryDirectory() as folder:
        config_path = Path(folder) / "config.yml"
        config_path.write_text(yaml.safe_dump(intent_only(yaml.safe_load(args.config.read_text()))))
        rows = asyncio.run(cross_validate(config_path, args.seed))

    expected = [row[0] for row in rows]
    predicted = [row[1] for row in rows]
    intents = sorted(set(expected))
    report = metrics.classification_report(
        expected, predicted, labels=intents, output_dict=True, zero_division=0
    )
    if args.out:
        args.out.write_text(json.dumps({"rows": rows, "report": report}, indent=1))
    for intent in intents:
        print(f"{intent:18s} F1 {report[intent]['f1-score']:.3f}")
    confusions = Counter((row[0], row[1]) for row in rows if row[0] != row[1])
    for (wanted, got), count in confusions.most_common(10):
        print(f"  {wanted} -> {got}: {count}")
    accuracy = metrics.accuracy_score(expected, predicted)
    print(f"intent crossval: macro-F1={report['macro avg']['f1-score']:.4f} accuracy={accuracy:.4f}")


if __name__ == "__main__":
    main()
