"""Rasa NLU component: entities from the project's spaCy EntityRuler.

Rasa's own SpacyEntityExtractor reports the matched text; this one reports the pattern id
as the value ("back of my knee" -> pain_location=behind_knee) so slots get one canonical
value, and drops an emergency sign that is negated ("no chest pain", "not coughing blood").
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Type

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from clinical.emergency import EMERGENCY_ENTITY

# "no", "not", "never", "without", "don't have", "n't" within three words before the match.
_NEGATED = re.compile(r"\b(no|not|never|without|n't|nt|denies|deny)\b(\W+\w+){0,3}\W*$", re.IGNORECASE)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False, model_from="SpacyNLP"
)
class SpacyRulerEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Adds doc.ents from the spaCy pipeline as entities, valued by their pattern id."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [SpacyNLP]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # Which EntityRuler labels become Rasa entities (None: all of them).
        return {"dimensions": None}

    def __init__(self, config: Dict[str, Any]) -> None:
        self._config = config

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SpacyRulerEntityExtractor:
        return cls({**cls.get_default_config(), **config})

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        """Adds the ruler's entities to each message."""
        for message in messages:
            text = message.get(TEXT) or ""
            entities = self.add_extractor_name(extract_entities(model.model(text), text))
            entities = self.filter_irrelevant_entities(entities, self._config["dimensions"])
            message.set(ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True)
        return messages


def extract_entities(doc: Any, text: str) -> List[Dict[str, Any]]:
    """Entities of a spaCy doc, as Rasa entity dicts; negated emergency signs are left out."""
    entities = []
    for ent in doc.ents:
        if ent.label_ == EMERGENCY_ENTITY and _NEGATED.search(text[: ent.start_char]):
            continue
        entities.append(
            {
                "entity": ent.label_,
                "value": ent.ent_id_ or ent.text.lower(),
                "start": ent.start_char,
                "end": ent.end_char,
                "confidence": None,
            }
        )
    return entities
