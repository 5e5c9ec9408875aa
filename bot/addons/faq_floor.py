"""NLU component that turns an unsure FAQ answer into a fallback.

The FallbackClassifier looks only at the intent's confidence, so a question that DIET is sure is
"some FAQ" still gets an answer even when the ResponseSelector is unsure which one ("whats on at
the cinema" looked like a question about a unit). When the intent is the retrieval intent `faq`
and the ResponseSelector's confidence in its best answer is below `threshold`, the intent becomes
`nlu_fallback`, which the rules answer with the polite fallback (and log as unanswered) instead of
a confident wrong answer.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

RETRIEVAL_INTENT = "faq"


def selector_confidence(message: Message, retrieval_intent: str = RETRIEVAL_INTENT) -> float | None:
    """The ResponseSelector's confidence in its best answer, or None when it gave none."""
    selected = (message.get("response_selector") or {}).get(retrieval_intent) or {}
    confidence = (selected.get("response") or {}).get(PREDICTED_CONFIDENCE_KEY)
    return None if confidence is None else float(confidence)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class FaqConfidenceFloor(GraphComponent):
    """Replaces the `faq` intent with `nlu_fallback` when the chosen answer is too unsure."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """The lowest ResponseSelector confidence that still gets an FAQ answer."""
        return {"threshold": 0.5, "retrieval_intent": RETRIEVAL_INTENT}

    def __init__(self, config: dict[str, Any]) -> None:
        self.threshold = float(config["threshold"])
        self.retrieval_intent = str(config["retrieval_intent"])

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> FaqConfidenceFloor:
        """Create the component (it has no state to train)."""
        return cls({**cls.get_default_config(), **config})

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Leave training data untouched."""
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Send unsure FAQ answers to the fallback."""
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get(INTENT_NAME_KEY) != self.retrieval_intent:
                continue
            confidence = selector_confidence(message, self.retrieval_intent)
            if confidence is None or confidence >= self.threshold:
                continue
            fallback = {
                INTENT_NAME_KEY: DEFAULT_NLU_FALLBACK_INTENT_NAME,
                PREDICTED_CONFIDENCE_KEY: self.threshold,
            }
            message.set(INTENT, fallback, add_to_output=True)
            message.set(
                "intent_ranking", [fallback, *(message.get("intent_ranking") or [])], add_to_output=True
            )
        return messages
