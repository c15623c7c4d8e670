"""The project's own spaCy pipeline (built from nlp/ by `make install`) and its Rasa extractor."""

from pathlib import Path

import pytest
import spacy

from rasa_addons.spacy_entities import extract_entities

PIPELINE = Path(__file__).resolve().parents[2] / ".build" / "spacy" / "hamstring_en"


@pytest.fixture(scope="module")
def nlp():
    if not (PIPELINE / "meta.json").exists():
        pytest.fail("spaCy pipeline not built: run `make install`")
    return spacy.load(PIPELINE)


def entities(nlp, text):
    return [(e["entity"], e["value"]) for e in extract_entities(nlp(text), text)]


def test_pipeline_is_blank_english_with_lookup_lemmas_and_an_entity_ruler(nlp):
    assert nlp.lang == "en"
    assert nlp.pipe_names == ["lemmatizer", "entity_ruler"]
    assert [t.lemma_ for t in nlp("my knees were hurting after running")] == [
        "my",
        "knee",
        "be",
        "hurt",
        "after",
        "run",
    ]


@pytest.mark.parametrize(
    "text, location",
    [
        ("why does the back of my knee hurt", "behind_knee"),
        ("pain behind both knees", "behind_knee"),
        ("sore on the inside of my knee", "inner_knee"),
        ("it's the middle of my thigh", "mid_thigh"),
        ("high up near my bum", "upper"),
        ("right at the sit bone", "upper"),
    ],
)
def test_pain_locations_are_normalised_to_one_value(nlp, text, location):
    assert ("pain_location", location) in entities(nlp, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        ("I have chest pain and my calf is swollen", "chest_pain"),
        ("cant breathe properly", "breathless"),
        ("i'm coughing up blood", "coughing_blood"),
        ("my leg has gone cold and blue", "cold_pale_blue_leg"),
    ],
)
def test_emergency_signs_are_found(nlp, text, sign):
    assert ("emergency_sign", sign) in entities(nlp, text)


@pytest.mark.parametrize("text", ["no chest pain at all", "I'm not coughing blood", "without chest pain"])
def test_negated_emergency_signs_are_dropped(nlp, text):
    assert not [e for e in entities(nlp, text) if e[0] == "emergency_sign"]


def test_symptoms_and_anatomy_are_recognised_too(nlp):
    found = entities(nlp, "swollen biceps femoris")
    assert ("symptom", "swelling") in found and ("anatomy", "biceps_femoris") in found
