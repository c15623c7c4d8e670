"""Reads a free-text answer to a yes/no check question: yes, no, not sure, or unclear (None).

Order matters: "not sure" phrases first (so "no idea" is not a no), then the question's own
phrases ("i can't walk on it" answers yes to the weight-bearing question), then general
no/yes words, then the NLU intent as a last resort.
"""

from __future__ import annotations

import re

from clinical.triage_engine import NO, NOT_SURE, YES, Question

_UNSURE = re.compile(
    r"\b(not (really )?sure|unsure|dunno|d[ou]n'?t know|do not know|no idea|idk|no clue|"
    r"maybe|perhaps|possibly|might be|could be|hard to (say|tell)|can'?t (really )?(say|tell)|"
    r"cannot (say|tell)|not certain|kind of|kinda|sort of|sorta|hmm+|unclear)\b"
)
_NO = re.compile(
    r"^\W*(no+|nope|nah+|naw|not at all|not really|never|none|negative|nothing( like that)?|"
    r"i don'?t think so|don'?t think so|definitely not|absolutely not|i do not|i don'?t|"
    r"it'?s not|it isn'?t|i haven'?t|i have not|i'?m not|i am not)\b"
)
_YES = re.compile(
    r"^\W*(y|ye+s+|yeah?|yea|yep|yup|ya|yah|aye|sure|definitely|absolutely|correct|right|"
    r"true|i do|i am|i have|it is|it does|it has|it was|i did|i can'?t|a (bit|little)|slightly|"
    r"i think so|afraid so|unfortunately|indeed|affirmative|ok(ay)? yes|kind of yes)\b"
)
_NEGATION_BEFORE = re.compile(r"\b(no|not|never|without|n'?t|nothing|none)\W+(\w+\W+){0,2}$")

# Intents from the NLU model that answer a yes/no question on their own.
INTENT_ANSWERS = {"affirm": YES, "deny": NO, "unsure": NOT_SURE}
MIN_INTENT_CONFIDENCE = 0.7


def _mentions(question: Question, text: str) -> str | None:
    for pattern in question.yes_if_text_mentions:
        match = re.search(pattern, text)
        if match:
            return NO if _NEGATION_BEFORE.search(text[: match.start()]) else YES
    return None


def read_answer(
    text: str | None,
    question: Question,
    intent: str | None = None,
    intent_confidence: float = 0.0,
) -> str | None:
    """Returns yes, no or not_sure, or None when the answer is unclear."""
    if text and text.startswith("/"):  # a button payload such as /affirm
        return INTENT_ANSWERS.get(intent or text[1:].split("{")[0])
    normalised = " ".join((text or "").lower().replace("’", "'").split())
    if normalised:
        if _UNSURE.search(normalised):
            return NOT_SURE
        mentioned = _mentions(question, normalised)
        if mentioned:
            return mentioned
        if _NO.search(normalised):
            return NO
        if _YES.search(normalised):
            return YES
    if intent in INTENT_ANSWERS and intent_confidence >= MIN_INTENT_CONFIDENCE:
        return INTENT_ANSWERS[intent]
    return None
