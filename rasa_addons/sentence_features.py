"""NLU component: the classifiers get the count featurizers' sentence features only.

DIET and the ResponseSelector here have no transformer layer, so each token's features pass
through position-wise layers and only the sentence position decides the intent and the answer:
the count featurizers' token-level (sequence) features of the message were computed, stored and
trained on for nothing (about 10,000 sparse columns for each of up to 60 tokens). Rasa's
classifiers need some token-level features, so the LexicalSyntacticFeaturizer's small ones stay;
with `sequence_rows: 1` only their first row does, since every row went through the classifiers'
layers in training and at run time without reaching a decision.
Placed after the featurizers; responses (the ResponseSelector's labels) are left as they are.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SentenceFeaturesOnly(GraphComponent):
    """Drops the message's token-level features except those of the featurizers named to keep."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # sequence_rows: how many token rows of the kept features reach the classifiers (None: all).
        return {"keep_sequence_features_of": ["LexicalSyntacticFeaturizer"], "sequence_rows": None}

    def __init__(self, config: Dict[str, Any]) -> None:
        self._keep = tuple(config["keep_sequence_features_of"])
        self._rows = config["sequence_rows"]

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceFeaturesOnly:
        return cls({**cls.get_default_config(), **config})

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            message.features = [self._cut(feature) for feature in message.features if self._keeps(feature)]
        return messages

    def _cut(self, feature: Features) -> Features:
        if self._rows is None or feature.type != FEATURE_TYPE_SEQUENCE or feature.attribute != TEXT:
            return feature
        matrix = feature.features
        rows = matrix.tocsr()[: self._rows].tocoo() if feature.is_sparse() else matrix[: self._rows]
        return Features(rows, feature.type, feature.attribute, feature.origin)

    def _keeps(self, feature: Any) -> bool:
        if feature.attribute != TEXT or feature.type != FEATURE_TYPE_SEQUENCE:
            return True
        origins = feature.origin if isinstance(feature.origin, list) else [feature.origin or ""]
        return any(name in origin for name in self._keep for origin in origins)
