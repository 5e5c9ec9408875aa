"""NLU featurizer that tells the intent model how many of a message's words it has never seen.

A bag-of-words model knows nothing about a word it was not trained on: "sausages", "netflix" or a
keyboard mash such as "ajshdjs" give it no word features at all and only stray character
n-grams, so it falls back on whichever intent short messages usually belong to (bare form
answers such as "my flat"). Yet "none of these words means anything here" is itself the best sign
that a message is out of scope.

This featurizer learns the in-scope vocabulary (words used in at least `min_examples` training
examples of intents other than `out_of_scope`) and gives each message two sentence features: the
share of its words outside that vocabulary, and whether every word is. Training sees words used
only once as unknown, as they would be in a new message, so the intent model learns what unknown
words mean. Each token also gets the first feature, so the sequence and sentence features have
the same width, as Rasa's combining layers expect.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.sparse_featurizer.sparse_featurizer import SparseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.shared.utils.io import dump_obj_as_json_to_file, read_json_file

from addons.text_speak import usual_spelling

VOCABULARY_FILE = "vocabulary.json"


def word_of(token: Token) -> str | None:
    """The token's word (its lemma, lower case), or None for digits, which say nothing about the
    subject and so are neither known nor unknown."""
    return None if token.text.isdigit() else token.lemma.lower()


def words_of(message: Message) -> list[str]:
    """The message's words, without its digits."""
    words = (word_of(token) for token in message.get(TOKENS_NAMES[TEXT]) or [])
    return [word for word in words if word is not None]


def learn_vocabulary(training_data: TrainingData, out_of_scope_intent: str, min_examples: int) -> set[str]:
    """Words used in at least `min_examples` examples of the in-scope intents, and the words of
    the lookup tables (towns, districts, units), which are the assistant's subject however
    rarely the examples name them."""
    used_in = Counter()
    for example in training_data.intent_examples:
        if example.get("intent") != out_of_scope_intent:
            used_in.update(set(words_of(example)))
    known = {word for word, count in used_in.items() if count >= min_examples}
    for table in training_data.lookup_tables:
        elements = table.get("elements")
        if isinstance(elements, list):  # (a table kept in a file of its own is not read here)
            for element in elements:
                known.update(usual_spelling(word) for word in str(element).split())
    return known


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class VocabularyFeaturizer(SparseFeaturizer, GraphComponent):
    """Adds the share of unknown words (and whether all are unknown) as features."""

    @classmethod
    def required_components(cls) -> list[type]:
        """It reads the tokens."""
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """How often a word must be used to count as known, and which intent is out of scope."""
        return {
            **SparseFeaturizer.get_default_config(),
            "min_examples": 2,
            "out_of_scope_intent": "out_of_scope",
        }

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        """`min_examples` must be a positive whole number."""
        if int(config["min_examples"]) < 1:
            raise ValueError("VocabularyFeaturizer: min_examples must be at least 1.")

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        vocabulary: set[str] | None = None,
    ) -> None:
        super().__init__(execution_context.node_name, config)
        self._model_storage = model_storage
        self._resource = resource
        self.vocabulary = vocabulary or set()

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> VocabularyFeaturizer:
        """Create an untrained featurizer."""
        return cls(config, model_storage, resource, execution_context)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> VocabularyFeaturizer:
        """Load the vocabulary learnt in training."""
        with model_storage.read_from(resource) as folder:
            vocabulary = set(read_json_file(folder / VOCABULARY_FILE))
        return cls(config, model_storage, resource, execution_context, vocabulary)

    def train(self, training_data: TrainingData) -> Resource:
        """Learn the in-scope vocabulary and keep it with the model."""
        self.vocabulary = learn_vocabulary(
            training_data, self._config["out_of_scope_intent"], int(self._config["min_examples"])
        )
        with self._model_storage.write_to(self._resource) as folder:
            dump_obj_as_json_to_file(folder / VOCABULARY_FILE, sorted(self.vocabulary))
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Featurize the training examples."""
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Featurize messages in place."""
        for message in messages:
            tokens = message.get(TOKENS_NAMES[TEXT])
            if not tokens:
                continue
            unknown = [
                None if word is None else float(word not in self.vocabulary) for word in map(word_of, tokens)
            ]
            words = [flag for flag in unknown if flag is not None]
            share = sum(words) / len(words) if words else 0.0
            everything = float(bool(words) and share == 1.0)
            sequence = scipy.sparse.coo_matrix([[flag or 0.0, 0.0] for flag in unknown])
            sentence = scipy.sparse.coo_matrix([[share, everything]])
            self.add_features_to_message(sequence, sentence, TEXT, message)
        return messages
