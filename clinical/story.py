"""Finds the question(s) in a message that tells a story first.

Real people write a few sentences of background, then ask ("hurt it playing rugby two weeks
ago, physio said ease back in. is two weeks off enough?"). The classifiers should read the
question, and the background should still count for the facts (where it hurts, warning signs),
which the entity extractor reads from the whole message before this narrows anything.

A message is a story when it has at least two sentences and at least `MIN_STORY_WORDS` words.
A sentence is a question when it has a question mark, starts with a question word (after
fillers such as "so", "but", "also"), or asks for advice in so many words ("any tips",
"wondering if"). The focus is the question sentences plus the sentence just before the first
one (a question often points back: "my achilles is killing me. what do i do?"). No question
found, or every sentence a question: no focus, the whole message is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

MIN_STORY_WORDS = 25
_FILLER = r"(?:(?:so|but|and|also|ok|okay|anyway|basically|just|well|now|then|plus|or|oh|hi|hey|"
_FILLER += r"right|really|honestly|seriously|quick question|question|my question is|q)[\s,:]+)*"
_QUESTION_START = re.compile(
    _FILLER + r"(what|whats|what's|how|hows|how's|why|when|where|which|who|whose|should|shall|can|could|"
    r"would|will|is|isn'?t|are|aren'?t|am|do|does|did|don'?t|has|have|any|anything|anyone|"
    r"anybody|was|were|must|might|may|wud|shud|cud|wat|wot)\b",
    re.IGNORECASE,
)
_ASKS_FOR_ADVICE = re.compile(
    r"\b(any (advice|tips|ideas|suggestions|thoughts|help|recommendations)|wonder(ing)?|"
    r"want(ed)? to know|would (like|love) to know|(need|want|looking for) (some )?(advice|help|tips)|"
    r"please (help|advise)|what (can|should) i|how (can|do|should) i|not sure (if|whether|what|how)|"
    r"tell me|advise|recommend)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # character offsets in the message
    end: int


def is_question(sentence: str) -> bool:
    """True when a sentence asks something."""
    text = sentence.strip()
    return "?" in text or bool(_QUESTION_START.match(text)) or bool(_ASKS_FOR_ADVICE.search(text))


def is_story(sentence_count: int, word_count: int) -> bool:
    """True when a message tells a story: at least two sentences and `MIN_STORY_WORDS` words."""
    return sentence_count >= 2 and word_count >= MIN_STORY_WORDS


def focus(sentences: Sequence[Sentence], word_count: int) -> list[Sentence] | None:
    """The sentences the classifiers should read, or None to read the whole message."""
    if not is_story(len(sentences), word_count):
        return None
    asks = [i for i, s in enumerate(sentences) if is_question(s.text)]
    if not asks or len(asks) == len(sentences):
        return None
    keep = set(asks) | {max(asks[0] - 1, 0)}
    return [s for i, s in enumerate(sentences) if i in keep]


def questions(focused: Sequence[Sentence] | None) -> list[Sentence]:
    """The question sentences among those `focus` kept (empty when the message is not a story)."""
    return [s for s in focused or [] if is_question(s.text)]


def capped(items: Sequence, max_items: int | None) -> list:
    """At most `max_items`: the first half and the last half of them (the opening usually says
    what happened and where, the end usually asks). None: all of them."""
    if max_items is None or len(items) <= max_items:
        return list(items)
    head = (max_items + 1) // 2
    return list(items[:head]) + list(items[len(items) - (max_items - head) :])
