"""NLU component: a knowledge message that asks two things names its second topic.

Runs last in the NLU pipeline, after the ResponseSelector and the ScopeGate, so it sees the final
intent and the first answer's topic. Each question sentence (the project's spaCy sentences,
clinical.story.is_question) is given a topic by a small classifier of its own: TF-IDF over word
and character n-grams and a logistic regression (scikit-learn), trained with the model on the
knowledge examples (retrieval intent `faq`), which are mostly single questions, the shape of one
sentence. The choice is clinical.two_questions.second_answer; the result is a `second_topic`
entity over that question, valued with its topic (e.g. "faq/medicines"), which the
SecondAnswerPolicy finds.

The n-grams are hashed (no vocabulary to keep) and the model is saved as plain arrays (numpy, no
pickle): importing skops, as Rasa's own LogisticRegressionClassifier does, took 6.4 s of the
server's start, and a kept vocabulary made a 25 MB file.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Dict, List, Optional

import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import RESPONSE_SELECTOR_PROPERTY_NAME, SPACY_DOCS
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.linear_model import SGDClassifier

from clinical.scope import KNOWLEDGE_INTENT
from clinical.two_questions import (
    DEFAULT_MIN_PROBABILITY,
    SECOND_TOPIC_ENTITY,
    QuestionTopic,
    asking,
    second_answer,
)

logger = logging.getLogger(__name__)
ARRAYS_FILE = "question_topics.npz"
TOPICS_FILE = "question_topics.json"
HASHED_FEATURES = 2**15  # per kind of n-gram (words, characters)


class QuestionTopicClassifier:
    """TF-IDF over hashed word (1-2) and character (2-5) n-grams, then a logistic regression."""

    def __init__(self) -> None:
        self._words = HashingVectorizer(
            ngram_range=(1, 2), n_features=HASHED_FEATURES, alternate_sign=False, norm=None
        )
        self._characters = HashingVectorizer(
            analyzer="char_wb",
            ngram_range=(2, 5),
            n_features=HASHED_FEATURES,
            alternate_sign=False,
            norm=None,
        )
        self._weights = TfidfTransformer(sublinear_tf=True)
        # A logistic regression fitted by stochastic gradient descent: 0.4 s on the 1,652 knowledge
        # examples, against 20 s for lbfgs, with the same topic accuracy on the dev set's questions
        # within one message (0.962 against 0.970).
        self._topics = SGDClassifier(loss="log_loss", alpha=1e-5, max_iter=100)

    def _counts(self, texts: List[str]) -> scipy.sparse.csr_matrix:
        return scipy.sparse.hstack([self._words.transform(texts), self._characters.transform(texts)]).tocsr()

    def fit(self, texts: List[str], topics: List[str], random_state: int) -> QuestionTopicClassifier:
        self._topics.set_params(random_state=random_state)
        self._topics.fit(self._weights.fit_transform(self._counts(texts)), topics)
        return self

    def predict(self, texts: List[str]) -> List[tuple[str, float]]:
        """The most probable topic of each text, with its probability."""
        probabilities = self._topics.predict_proba(self._weights.transform(self._counts(texts)))
        return [(str(self._topics.classes_[row.argmax()]), float(row.max())) for row in probabilities]

    def save(self, directory: Any) -> None:
        np.savez_compressed(
            directory / ARRAYS_FILE,
            idf=self._weights.idf_,
            coef=self._topics.coef_.astype(np.float32),
            intercept=self._topics.intercept_,
        )
        (directory / TOPICS_FILE).write_text(json.dumps([str(t) for t in self._topics.classes_]))

    @classmethod
    def read(cls, directory: Any) -> QuestionTopicClassifier:
        classifier = cls()
        with np.load(directory / ARRAYS_FILE, allow_pickle=False) as arrays:
            classifier._weights.idf_ = arrays["idf"]
            classifier._topics.coef_ = arrays["coef"].astype(np.float64)
            classifier._topics.intercept_ = arrays["intercept"]
        classifier._topics.classes_ = np.array(json.loads((directory / TOPICS_FILE).read_text()))
        return classifier


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
        classifier: Optional[QuestionTopicClassifier] = None,
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
        texts, topics = [text for text, _ in examples], [topic for _, topic in examples]
        self._classifier = QuestionTopicClassifier().fit(texts, topics, self._config["random_seed"])
        with self._model_storage.write_to(self._resource) as directory:
            self._classifier.save(directory)
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
        classifier = None
        try:
            with model_storage.read_from(resource) as directory:
                classifier = QuestionTopicClassifier.read(directory)
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
        read = self._classifier.predict([sentences[i].text for i in positions])
        return [
            QuestionTopic(position, topic, probability)
            for position, (topic, probability) in zip(positions, read, strict=True)
        ]
