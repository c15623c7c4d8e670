"""Every question and rewording of the check is phrased so that "yes" means the warning sign.

Clinical notes, "How answers are read": never ask "can you walk?" and expect "no" to mean danger.
This reads clinical/triage.yml and fails on a wording that asks about an ability or a normal
state, or that tells the user to answer the opposite way.
"""

import re

import pytest

from clinical.triage_engine import default_spec

SPEC = default_spec()
WORDINGS = [(q.id, text) for q in SPEC.questions for text in (q.question, *q.rephrase)]

# Phrasings whose "no" would be the warning sign.
ASKS_THE_OPPOSITE = {
    "asks about an ability": re.compile(
        r"\b(can|could) you\b|\bare you able\b|(?<!un)\bable to\b|\bdo you manage\b|\bcan it\b", re.I
    ),
    "asks whether things are normal": re.compile(
        r"\b(is|does) (it|the \w+) (feel |look )?(fine|ok|okay|normal)\b", re.I
    ),
    "tells the user to answer the other way": re.compile(
        r"if (you )?(can'?t|cannot|not)[^.?]*say yes"
        r"|\byes \((i|it) (can|does)\b|\bno \((i|it) (can'?t|cannot|doesn'?t)",
        re.I,
    ),
}


@pytest.mark.parametrize("question_id, text", WORDINGS)
def test_yes_means_the_warning_sign_is_present(question_id, text):
    for problem, pattern in ASKS_THE_OPPOSITE.items():
        assert not pattern.search(text), f"{question_id}: {problem}: {text!r}"


@pytest.mark.parametrize(
    "text",
    [
        "Can you walk at least four steps on that leg? If you can't, say yes.",
        "Yes (I can't bend it that far), no (I can) or not sure?",
        "Are you able to bend the knee to a right angle?",
        "Does the leg look normal?",
    ],
)
def test_the_check_catches_the_wordings_the_first_version_had(text):
    assert any(pattern.search(text) for pattern in ASKS_THE_OPPOSITE.values())
