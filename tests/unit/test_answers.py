"""Free-text answers to the check's questions."""

import pytest

from clinical.answers import read_answer
from clinical.triage_engine import NO, NOT_SURE, YES, default_spec

SPEC = default_spec()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("yes", YES),
        ("Yeah a bit", YES),
        ("yep", YES),
        ("i think so", YES),
        ("a little", YES),
        ("no", NO),
        ("nope", NO),
        ("nah not really", NO),
        ("not at all", NO),
        ("dunno", NOT_SURE),
        ("not sure", NOT_SURE),
        ("no idea", NOT_SURE),
        ("maybe?", NOT_SURE),
        ("hard to say", NOT_SURE),
    ],
)
def test_general_answers(text, expected):
    assert read_answer(text, SPEC.question("infection")) == expected


@pytest.mark.parametrize(
    "question_id, text, expected",
    [
        ("weight_bearing", "i can't walk on it at all", YES),
        ("weight_bearing", "I cannot put any weight on it", YES),
        ("weight_bearing", "im hopping everywhere", YES),
        ("calf_clot", "my calf is really swollen", YES),
        ("calf_clot", "there's no swelling", NO),
        ("pop_bruising", "I heard a pop and it's purple now", YES),
        ("nerve", "bit of pins and needles in my foot", YES),
        ("locked_knee", "it's stuck, won't go straight", YES),
    ],
)
def test_question_specific_phrases(question_id, text, expected):
    assert read_answer(text, SPEC.question(question_id)) == expected


def test_button_payloads_are_read_from_their_intent():
    question = SPEC.question("nerve")
    assert read_answer("/affirm", question, "affirm", 1.0) == YES
    assert read_answer("/deny", question, "deny", 1.0) == NO
    assert read_answer("/unsure", question, "unsure", 1.0) == NOT_SURE


def test_intent_is_the_last_resort_and_needs_confidence():
    question = SPEC.question("deformity")
    assert read_answer("absolutamente", question, "affirm", 0.9) == YES
    assert read_answer("absolutamente", question, "affirm", 0.4) is None


@pytest.mark.parametrize("text", ["what is tendinopathy", "the weather is nice", ""])
def test_unclear_answers_are_none(text):
    assert read_answer(text, SPEC.question("infection")) is None
