"""NLU component that makes sure a disclosure of risk is always classified as `safeguarding`.

It runs after the intent classifiers and the FallbackClassifier. When the message matches a
risk phrase (see `risk_phrases`), the predicted intent becomes `safeguarding` with confidence 1,
whatever DIET thought, so misspelt or unusual disclosures still reach the safeguarding rule.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from addons.risk_phrases import discloses_risk

SAFEGUARDING_INTENT = "safeguarding"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafeguardingClassifier(GraphComponent):
    """Overrides the intent with `safeguarding` when a risk phrase is present."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafeguardingClassifier:
        """Create the component (it has no state to train)."""
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Leave training data untouched."""
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Set the intent of every risky message to `safeguarding`."""
        for message in messages:
            if not discloses_risk(message.get(TEXT) or ""):
                continue
            intent = {INTENT_NAME_KEY: SAFEGUARDING_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}
            ranking = [
                i
                for i in message.get("intent_ranking") or []
                if i.get(INTENT_NAME_KEY) != SAFEGUARDING_INTENT
            ]
            message.set(INTENT, intent, add_to_output=True)
            message.set("intent_ranking", [intent, *ranking], add_to_output=True)
        return messages
