"""NLU component: a knowledge question that asks two things names its second topic.

Runs last in the NLU pipeline, after the ResponseSelector and the ScopeGate, so it sees the final
intent and the selector's ranking. The decision is clinical.two_questions.second_answer; the
sentences come from the project's spaCy pipeline. The result is a `second_topic` entity over the
message's last question, valued with the topic (e.g. "faq/medicines"), which the
SecondAnswerPolicy finds.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import RESPONSE_SELECTOR_PROPERTY_NAME, SPACY_DOCS
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from clinical.scope import KNOWLEDGE_INTENT
from clinical.two_questions import DEFAULT_MIN_RATIO, SECOND_TOPIC_ENTITY, asking, second_answer


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SecondQuestion(GraphComponent):
    """Names the second topic of a knowledge message that asks two things."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"min_ratio": DEFAULT_MIN_RATIO}

    def __init__(self, config: Dict[str, Any]) -> None:
        self._min_ratio = config["min_ratio"]

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SecondQuestion:
        return cls({**cls.get_default_config(), **config})

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if (message.get(INTENT) or {}).get("name") != KNOWLEDGE_INTENT:
                continue
            doc = message.get(SPACY_DOCS[TEXT])
            if doc is None:
                continue
            sentences = list(doc.sents)
            questions = asking(s.text for s in sentences)
            selected = (message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {}).get(KNOWLEDGE_INTENT) or {}
            topic = second_answer(len(questions), selected.get("ranking") or [], self._min_ratio)
            if topic is None:
                continue
            last_question = sentences[questions[-1]]
            entity = {
                "entity": SECOND_TOPIC_ENTITY,
                "value": topic,
                "start": last_question.start_char,
                "end": last_question.end_char,
                "extractor": type(self).__name__,
            }
            message.set(ENTITIES, [*(message.get(ENTITIES) or []), entity], add_to_output=True)
        return messages
