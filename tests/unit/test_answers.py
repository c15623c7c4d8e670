"""Free-text answers to the check's questions: each rule of the clinical notes' "How answers are read"."""

import pytest

from clinical.answers import read_answer
from clinical.triage_engine import NO, NOT_SURE, YES, default_spec

SPEC = default_spec()


def read(question_id: str, text: str) -> str | None:
    return read_answer(text, SPEC.question(question_id))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("yes", YES),
        ("Yeah a bit", YES),
        ("yep", YES),
        ("i think so", YES),
        ("a little", YES),
        ("👍", YES),
        ("no", NO),
        ("nope", NO),
        ("nah not really", NO),
        ("not at all", NO),
        ("i guess not", NO),
        ("dunno", NOT_SURE),
        ("not sure", NOT_SURE),
        ("no idea", NOT_SURE),
        ("maybe?", NOT_SURE),
        ("hard to say", NOT_SURE),
    ],
)
def test_general_answers(text, expected):
    assert read("infection", text) == expected


# The examples of the issue and of "How answers are read", one by one.
@pytest.mark.parametrize(
    "question_id, text, expected",
    [
        # "None of those", "I don't have that", "it isn't", "not at all" are no.
        ("chest_breathing", "I have none of those", NO),
        ("chest_breathing", "I don't have chest pain", NO),
        ("chest_breathing", "no chest pain and my breathing is fine", NO),
        ("chest_breathing", "i dont have any of that", NO),
        ("leg_circulation", "no it isn't cold", NO),
        ("leg_circulation", "it isnt", NO),
        # A negation covers only its own clause.
        ("leg_circulation", "not cold, not pale", NO),
        ("leg_circulation", "no, but my foot is blue", YES),
        ("chest_breathing", "no, but I can't breathe properly", YES),
        # A mixed answer counts by its worst part.
        ("chest_breathing", "not chest pain but I am short of breath", YES),
        ("chest_breathing", "no chest pain but I'm short of breath", YES),
        ("calf_clot", "not red but it is warm", YES),
        # An answer that says nothing about the question is unclear, not yes.
        ("leg_circulation", "I had a cold last week", None),
        ("leg_circulation", "no, I just had a cold last week", NO),
        ("infection", "what is tendinopathy", None),
        ("locked_knee", "what does locked mean", None),
        # "no X but <something the reader does not know>" is not a safe no: asked again.
        ("sepsis", "no confusion, but my lips have gone blue", YES),
        ("cauda_equina", "no bladder problems, but my thighs feel like they had an injection", None),
        # Unsure inside a clause makes the mention unsure; in its own clause it does not.
        ("lump", "there's a lump, not sure if it's growing", NOT_SURE),
        ("calf_clot", "not sure, but it's swollen", YES),
    ],
)
def test_how_answers_are_read(question_id, text, expected):
    assert read(question_id, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("i'm 24", NO),
        ("24", NO),
        ("fifty eight", YES),
        ("62 years old", YES),
        ("55", YES),
        ("nearly 55", NO),
        ("in my 50s", NOT_SURE),
        ("late fifties", YES),
        ("over 50", NOT_SURE),
        ("born in 1962", YES),
        ("born in 1990", NO),
        ("my mum's 60 but she's not the one hurt, i'm 33", NO),
        ("I hurt it 3 days ago", None),
    ],
)
def test_a_number_answers_the_age_question(text, expected):
    assert read("ottawa_age", text) == expected


@pytest.mark.parametrize(
    "question_id, text, expected",
    [
        # "Yes" always means the sign: the ability questions ask about not being able to.
        ("weight_bearing", "no I can walk fine", NO),
        ("weight_bearing", "yes i can walk", NO),
        ("weight_bearing", "no i cant", YES),
        ("weight_bearing", "nope cant", YES),
        ("weight_bearing", "I haven't been able to walk", YES),
        ("weight_bearing", "i can't walk on it at all", YES),
        ("weight_bearing", "im hopping everywhere", YES),
        ("weight_bearing_no_injury", "walking ok, just sore", NO),
        ("ottawa_flexion", "i can bend it fine", NO),
        ("ottawa_flexion", "can't bend it that far", YES),
    ],
)
def test_ability_answers_are_read_the_safe_way(question_id, text, expected):
    assert read(question_id, text) == expected


@pytest.mark.parametrize(
    "question_id, text, expected",
    [
        ("calf_clot", "my calf is really swollen", YES),
        ("calf_clot", "there's no swelling", NO),
        ("pop_bruising", "I heard a pop and it's purple now", YES),
        ("nerve", "bit of pins and needles in my foot", YES),
        ("locked_knee", "it's stuck, won't go straight", YES),
        ("cauda_equina", "i've wet myself and didn't notice", YES),
        ("sepsis", "he's slurring his words", YES),
        ("dislocation_open_fracture", "there's bone poking through", YES),
        ("compartment", "my calf is rock hard since they put the cast on", YES),
        ("chest_breathing", "i fainted this morning", YES),
        ("chest_breathing", "had a racing heart last week but nothing since", NO),
        ("ottawa_kneecap", "hurts everywhere, not just the kneecap", NO),
    ],
)
def test_question_specific_phrases(question_id, text, expected):
    assert read(question_id, text) == expected


def test_button_payloads_are_read_from_their_intent():
    question = SPEC.question("nerve")
    assert read_answer("/affirm", question, "affirm", 1.0) == YES
    assert read_answer("/deny", question, "deny", 1.0) == NO
    assert read_answer("/unsure", question, "unsure", 1.0) == NOT_SURE


def test_intent_is_the_last_resort_and_needs_confidence():
    question = SPEC.question("deformity")
    assert read_answer("absolutamente", question, "affirm", 0.9) == YES
    assert read_answer("absolutamente", question, "affirm", 0.4) is None


@pytest.mark.parametrize("text", ["the weather is nice", "", "   "])
def test_unclear_answers_are_none(text):
    assert read("infection", text) is None
