"""The project's own spaCy pipeline (built from nlp/ by `make install`) and its Rasa extractor."""

from pathlib import Path

import pytest
import spacy

from rasa_addons.spacy_entities import emergency_negation, extract_entities

PIPELINE = Path(__file__).resolve().parents[2] / ".build" / "spacy" / "hamstring_en"


@pytest.fixture(scope="module")
def nlp():
    if not (PIPELINE / "meta.json").exists():
        pytest.fail("spaCy pipeline not built: run `make install`")
    return spacy.load(PIPELINE)


def entities(nlp, text):
    return [(e["entity"], e["value"]) for e in extract_entities(nlp(text), emergency_negation(nlp))]


def test_pipeline_is_blank_english_with_sentences_lookup_lemmas_and_an_entity_ruler(nlp):
    assert nlp.lang == "en"
    assert nlp.pipe_names == ["sentencizer", "lemmatizer", "entity_ruler"]
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
        # Everyday words for the places (issue: real people's words).
        ("what if the pain is higher up the hamstring, near the bum?", "upper"),
        ("my butt hurts when i sit on hard chairs", "upper"),
        ("pain at the lowest part of my hamstring where it meets the knee", "behind_knee"),
        ("sore in the belly of the muscle, about halfway up", "mid_thigh"),
        ("the top of my hammy aches", "upper"),
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
        ("no, but I can't breathe properly", "breathless"),
        ("not chest pain but I am short of breath", "breathless"),
        ("no idea why my chest hurts", "chest_pain"),
        # Revision 2 of the clinical notes
        ("i just passed out and my calf is swollen", "fainting"),
        ("my heart is racing and my leg is swollen", "racing_heart"),
        ("i'm numb around my bum and groin", "saddle_numbness"),
        ("I wet myself without noticing", "bladder_bowel_control"),
        ("i cant pee since this morning", "bladder_bowel_control"),
        ("both my legs have gone weak", "both_legs_weak"),
        ("there's bone sticking out of my shin", "bone_through_skin"),
        ("my knee is facing the wrong way after the crash", "dislocation"),
        ("his speech is slurred and his knee is hot", "slurred_speech"),
        ("her lips have gone blue", "blue_lips_mottled"),
        ("i haven't peed since yesterday and my knee is red hot", "no_urine"),
        ("my mum collapsed in the kitchen and her calf is huge", "fainting"),
        ("Collapsed at the gym an hour ago, calf still swollen", "fainting"),
        ("i nearly fainted getting up", "fainting"),
        ("his scar is red and his breathing is really fast", "breathless"),
        ("she seems muddled and her knee is hot and swollen", "confused_talking"),
    ],
)
def test_emergency_signs_are_found(nlp, text, sign):
    assert ("emergency_sign", sign) in entities(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "no chest pain at all",
        "I'm not coughing blood",
        "without chest pain",
        "I don't have chest pain",
        "no chest pain and my breathing is fine",
        "i don't have chest pain or shortness of breath",
        "I fainted years ago at school",
        "i used to get palpitations",
        "not slurring, just tired",
    ],
)
def test_negated_or_past_emergency_signs_are_dropped(nlp, text):
    assert not [e for e in entities(nlp, text) if e[0] == "emergency_sign"]


@pytest.mark.parametrize(
    "text",
    [
        "the X-ray says the joint space is collapsing",
        "my knee keeps collapsing when I go downstairs",
        "my arches have collapsed so I wear insoles",
        "I'm confused about which stretches to do",
        "i was breathing fine on the run",
    ],
)
def test_everyday_uses_of_the_same_words_are_not_emergency_signs(nlp, text):
    assert not [e for e in entities(nlp, text) if e[0] == "emergency_sign"]


def test_symptoms_and_anatomy_are_recognised_too(nlp):
    found = entities(nlp, "swollen biceps femoris")
    assert ("symptom", "swelling") in found and ("anatomy", "biceps_femoris") in found


def test_a_story_is_split_into_sentences(nlp):
    doc = nlp("Pulled it sprinting last week. Bruising is going down. When can I run again?")
    assert [s.text for s in doc.sents] == [
        "Pulled it sprinting last week.",
        "Bruising is going down.",
        "When can I run again?",
    ]


@pytest.mark.parametrize(
    "text, sign",
    [
        ("felt a pop and now there's massive bruising down the back of my leg", "pop_with_bruising"),
        ("i can't put any weight on it since yesterday", "cannot_bear_weight"),
        ("my foot has gone numb", "nerve_signs"),
        ("pins and needles down to my toes", "nerve_signs"),
        ("my calf is red and swollen", "hot_swollen_calf"),
        ("my knee is locked and i can't straighten it", "locked_knee"),
        ("there's a gap in the muscle where it tore", "deformity"),
    ],
)
def test_urgent_warning_signs_are_recognised(nlp, text, sign):
    assert ("warning_sign", sign) in entities(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "no numbness or tingling at all",
        "i can walk fine, just sore",
        "a little bruise, nothing big",
        "my calf isn't swollen",
    ],
)
def test_no_warning_sign_where_none_is_reported(nlp, text):
    assert not [e for e in entities(nlp, text) if e[0] == "warning_sign"]


@pytest.mark.parametrize(
    "text, topic",
    [
        ("does my insurance cover an MRI scan?", "insurance"),
        ("how do i get an appointment", "booking"),
        ("what are your opening hours", "opening_hours"),
        ("how much does a physio session cost", "cost"),
    ],
)
def test_admin_topics_are_recognised(nlp, text, topic):
    assert ("admin_topic", topic) in entities(nlp, text)
