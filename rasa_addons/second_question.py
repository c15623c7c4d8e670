"""NLU component: a knowledge message that asks two things names its second topic.

Runs last in the NLU pipeline, after the ResponseSelector and the ScopeGate, so it sees the final
intent and the first answer's topic. Each question sentence (the project's spaCy sentences,
clinical.story.is_question) is given a topic by a small classifier of its own: TF-IDF over word
and character n-grams and a logistic regression (scikit-learn), trained with the model on the
knowledge examples (retrieval intent `faq`), which are mostly single questions, the shape of one
sentence. The choice is clinical.two_questions.second_answer; the result is a `second_topic`
entity over that question, valued with its topic (e.g. "faq/medicines"), which the
SecondAnswerPolicy finds. Persisted with skops, as Rasa's own LogisticRegressionClassifier.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import RESPONSE_SELECTOR_PROPERTY_NAME, SPACY_DOCS
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from clinical.scope import KNOWLEDGE_INTENT
from clinical.two_questions import (
    DEFAULT_MIN_PROBABILITY,
    SECOND_TOPIC_ENTITY,
    QuestionTopic,
    asking,
    second_answer,
)

logger = logging.getLogger(__name__)
MODEL_FILE = "question_topics.skops"


def topic_classifier(random_state: int) -> Pipeline:
    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
    characters = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
    return Pipeline(
        [
            ("features", FeatureUnion([("words", words), ("characters", characters)])),
            ("topics", LogisticRegression(C=10.0, max_iter=2000, random_state=random_state)),
        ]
    )


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class SecondQuestion(GraphComponent):
    """Names the second topic of a knowledge message that asks two things."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"min_probability": DEFAULT_MIN_PROBABILITY, "random_seed": 2718}

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        classifier: Optional[Pipeline] = None,
    ) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._classifier = classifier

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SecondQuestion:
        return cls({**cls.get_default_config(), **config}, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [
            (m.get(TEXT), m.get(INTENT_RESPONSE_KEY))
            for m in training_data.intent_examples
            if m.get(INTENT) == KNOWLEDGE_INTENT and m.get(TEXT) and m.get(INTENT_RESPONSE_KEY)
        ]
        if len({topic for _, topic in examples}) < 2:
            return self._resource  # nothing to tell apart
        classifier = topic_classifier(self._config["random_seed"])
        classifier.fit([text for text, _ in examples], [topic for _, topic in examples])
        self._classifier = classifier
        import skops.io as sio

        with self._model_storage.write_to(self._resource) as directory:
            sio.dump(classifier, directory / MODEL_FILE)
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> SecondQuestion:
        import skops.io as sio

        classifier = None
        try:
            with model_storage.read_from(resource) as directory:
                path = directory / MODEL_FILE
                # Types of this model's own classes only (sklearn and numpy), written by train().
                classifier = sio.load(path, trusted=sio.get_untrusted_types(file=path))
        except ValueError:
            logger.debug("No question-topic classifier in the model: one answer per message.")
        return cls({**cls.get_default_config(), **config}, model_storage, resource, classifier)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        if self._classifier is None:
            return messages
        for message in messages:
            if (message.get(INTENT) or {}).get("name") != KNOWLEDGE_INTENT:
                continue
            doc = message.get(SPACY_DOCS[TEXT])
            if doc is None:
                continue
            sentences = list(doc.sents)
            positions = asking(s.text for s in sentences)
            if len(positions) < 2:
                continue
            selected = (message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {}).get(KNOWLEDGE_INTENT) or {}
            first = ((selected.get("response") or {}).get(INTENT_RESPONSE_KEY)) or None
            chosen = second_answer(
                first, self._question_topics(sentences, positions), self._config["min_probability"]
            )
            if chosen is None:
                continue
            sentence = sentences[chosen.position]
            entity = {
                "entity": SECOND_TOPIC_ENTITY,
                "value": chosen.topic,
                "start": sentence.start_char,
                "end": sentence.end_char,
                "extractor": type(self).__name__,
            }
            message.set(ENTITIES, [*(message.get(ENTITIES) or []), entity], add_to_output=True)
        return messages

    def _question_topics(self, sentences: list, positions: list[int]) -> list[QuestionTopic]:
        probabilities = self._classifier.predict_proba([sentences[i].text for i in positions])
        topics = self._classifier.classes_
        return [
            QuestionTopic(position, str(topics[row.argmax()]), float(row.max()))
            for position, row in zip(positions, probabilities, strict=True)
        ]
