"""Rasa NLU component: entities from the project's spaCy EntityRuler.

Rasa's own SpacyEntityExtractor reports the matched text; this one reports the pattern id
as the value ("back of my knee" -> pain_location=behind_knee) so slots get one canonical
value, and drops an emergency or warning sign that is negated ("no chest pain", "not coughing blood")
by clinical.negation, the rule the check's answer reader uses too. Linear in message length.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Type

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from clinical.emergency import EMERGENCY_ENTITY, WARNING_ENTITY
from clinical.negation import NegationScope, load_terms


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
        self._negation: Optional[NegationScope] = None

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
        if self._negation is None:  # built once, on the pipeline's own vocabulary
            self._negation = emergency_negation(model.model)
        for message in messages:
            doc = message.get(SPACY_DOCS[TEXT]) or model.model(message.get(TEXT) or "")
            entities = self.add_extractor_name(extract_entities(doc, self._negation))
            entities = self.filter_irrelevant_entities(entities, self._config["dimensions"])
            message.set(ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True)
        return messages


def emergency_negation(nlp: Any) -> NegationScope:
    """The negation rule for signs typed out of the blue: a sign from the past does not count."""
    return NegationScope(nlp, load_terms(not_now=True))


def extract_entities(doc: Any, negation: NegationScope) -> List[Dict[str, Any]]:
    """Entities of a spaCy doc, as Rasa entity dicts; negated emergency and warning signs are left out."""
    entities = []
    ents = list(doc.ents)
    negated = negation.negated(doc, ents)
    for ent, is_negated in zip(ents, negated, strict=False):
        if ent.label_ in (EMERGENCY_ENTITY, WARNING_ENTITY) and is_negated:
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
