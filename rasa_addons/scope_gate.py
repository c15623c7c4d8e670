"""NLU component: what a message names decides whether it is in scope (clinical/scope.py).

Runs last in the NLU pipeline (after the FallbackClassifier). The decision is
clinical.scope.scope_intent; the signals are the spaCy EntityRuler's matches: anatomy and
conditions (kept on the spaCy doc) and the pain_location and admin_topic entities. The intent
ranking is left as the classifiers gave it, so the emergency rule still reads it.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from clinical.scope import names_the_scope, scope_intent

logger = logging.getLogger(__name__)

ANATOMY_LABEL = "anatomy"
CONDITION_LABEL = "condition"
PLACE_ENTITY = "pain_location"
CLINIC_ENTITY = "admin_topic"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ScopeGate(GraphComponent):
    """Applies the scope rule to the classifiers' intent (see clinical/scope.py)."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ScopeGate:
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._gate(message)
        return messages

    def _gate(self, message: Message) -> None:
        top = message.get(INTENT) or {}
        doc = message.get(SPACY_DOCS[TEXT])
        ents = list(doc.ents) if doc is not None else []
        anatomy = [ent.ent_id_ for ent in ents if ent.label_ == ANATOMY_LABEL]
        conditions = [ent.ent_id_ for ent in ents if ent.label_ == CONDITION_LABEL]
        entities = message.get(ENTITIES) or []
        places = [e for e in entities if e.get("entity") == PLACE_ENTITY]
        replacement = scope_intent(
            top.get("name"),
            message.get(INTENT_RANKING_KEY) or [],
            in_scope=names_the_scope(anatomy, places, conditions),
            asks_the_clinic=any(e.get("entity") == CLINIC_ENTITY for e in entities),
            names_a_place=bool(places),
            word_count=len((message.get(TEXT) or "").split()),
        )
        if replacement is not None:
            logger.debug("scope gate: %s -> %s", top.get("name"), replacement.get("name"))
            message.set(INTENT, dict(replacement), add_to_output=True)
