"""The second question's topic classifier, trained, saved and loaded the way Rasa does it."""

from pathlib import Path

import pytest
import spacy
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import RESPONSE_SELECTOR_PROPERTY_NAME, SPACY_DOCS
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_addons.second_question import SecondQuestion

PIPELINE = Path(__file__).resolve().parents[2] / ".build" / "spacy" / "hamstring_en"
EXAMPLES = {
    "faq/grades_recovery": [
        "how long does a hamstring strain take to heal",
        "how many weeks to recover from a pulled hamstring",
        "recovery time for a grade 2 hamstring",
        "how long until a torn hamstring heals",
    ],
    "faq/medicines": [
        "can i take ibuprofen for a hamstring strain",
        "is paracetamol ok for the pain",
        "which painkillers can i take",
        "is ibuprofen ok after a pulled hamstring",
    ],
}


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(PIPELINE)


def trained(tmp_path: Path) -> tuple[LocalModelStorage, Resource]:
    storage, resource = LocalModelStorage(tmp_path), Resource("second_question")
    context = ExecutionContext(GraphSchema({}), "test")
    component = SecondQuestion.create({}, storage, resource, context)
    examples = [
        Message(data={TEXT: text, INTENT: "faq", INTENT_RESPONSE_KEY: topic})
        for topic, texts in EXAMPLES.items()
        for text in texts
    ]
    component.train(TrainingData(training_examples=examples))
    return storage, resource


def message(nlp, text: str, first_topic: str) -> Message:
    return Message(
        data={
            TEXT: text,
            INTENT: {"name": "faq", "confidence": 1.0},
            RESPONSE_SELECTOR_PROPERTY_NAME: {"faq": {"response": {INTENT_RESPONSE_KEY: first_topic}}},
            SPACY_DOCS[TEXT]: nlp(text),
        }
    )


def test_a_saved_classifier_marks_the_question_the_first_answer_does_not_cover(nlp, tmp_path):
    storage, resource = trained(tmp_path)
    loaded = SecondQuestion.load({}, storage, resource, ExecutionContext(GraphSchema({}), "test"))
    text = "how long does a grade 2 hamstring take to heal? and is ibuprofen ok?"
    [result] = loaded.process([message(nlp, text, "faq/grades_recovery")])
    [entity] = [e for e in result.get(ENTITIES) if e["entity"] == "second_topic"]
    assert entity["value"] == "faq/medicines"
    assert text[entity["start"] : entity["end"]] == "and is ibuprofen ok?"


def test_one_question_or_another_intent_gets_no_second_topic(nlp, tmp_path):
    storage, resource = trained(tmp_path)
    loaded = SecondQuestion.load({}, storage, resource, ExecutionContext(GraphSchema({}), "test"))
    single = "how long does a grade 2 hamstring take to heal and is ibuprofen ok?"
    one = message(nlp, single, "faq/grades_recovery")
    other = message(nlp, "how long does it take to heal? is ibuprofen ok?", "faq/grades_recovery")
    other.set(INTENT, {"name": "out_of_scope", "confidence": 0.9})
    for result in loaded.process([one, other]):
        assert not result.get(ENTITIES), "one question sentence, or not a knowledge answer"
