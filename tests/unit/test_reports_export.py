"""The unrecognised messages as NLU training data (reports/export.py)."""

from datetime import date

from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
from ruamel.yaml import YAML

from reports.export import example_text, nlu_yaml, training_examples
from reports.period import Period
from reports.summary import Unrecognised

PERIOD = Period(date(2026, 3, 1), date(2026, 3, 30))


def message(text, intent, kind="out_of_scope"):
    return Unrecognised(text=text, kind=kind, guessed_intent=intent, confidence=0.5)


MESSAGES = [
    message("what is the capital of france", "out_of_scope"),
    message("What is the  capital of France", "out_of_scope"),  # the same words again
    message("asdfgh", "stop", "rephrase"),
    message("hamstring stretch ideas", "faq/stretching", "low_confidence"),
    message("tell me a joke", "greet", "rephrase"),
    message("tell me a joke", "out_of_scope"),
    message("tell me a joke", "out_of_scope"),
    message("/start_triage", "start_triage", "low_confidence"),  # a button press, not words
    message("no idea", None, "rephrase"),
]


def test_one_example_per_distinct_message_under_the_intent_guessed_most():
    assert training_examples(MESSAGES) == {
        "faq/stretching": ["hamstring stretch ideas"],
        "out_of_scope": ["no idea", "tell me a joke", "what is the capital of france"],
        "stop": ["asdfgh"],
    }


def test_examples_are_one_line_and_never_read_as_entity_annotations():
    assert example_text("my [knee](pain_location)\nhurts") == "my [knee] (pain_location) hurts"
    assert example_text('a [b]{"entity": "x"}') == 'a [b] {"entity": "x"}'


def test_the_file_warns_first_and_rasa_reads_every_example_under_its_intent():
    text = nlu_yaml(MESSAGES, PERIOD, 0.7)
    header = text.split("version:")[0]
    assert header.startswith("# ") and "REMOVE ANYTHING THAT IDENTIFIES A PERSON" in header
    assert "data/nlu/" in header and "2026-03-01 to 2026-03-30" in header
    document = YAML(typ="safe").load(text)
    assert document["version"] == "3.1"
    training_data = RasaYAMLReader().reads(text)
    examples = training_data.training_examples
    read = sorted((m.get("intent"), m.get("intent_response_key"), m.get("text")) for m in examples)
    assert read == [
        ("faq", "faq/stretching", "hamstring stretch ideas"),
        ("out_of_scope", None, "no idea"),
        ("out_of_scope", None, "tell me a joke"),
        ("out_of_scope", None, "what is the capital of france"),
        ("stop", None, "asdfgh"),
    ]
    assert training_data.entities == set()
