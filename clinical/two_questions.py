"""A message that asks two things gets two answers (at most), in one reply.

"how long will it take to heal? and can I take ibuprofen for it?": the ResponseSelector ranks the
knowledge topics for the whole message and usually puts one topic far ahead, so the whole
message's ranking does not find the second question's topic. Each question sentence is read on
its own instead (rasa_addons/second_question.py gives each a topic and a probability); the
first answer is the ResponseSelector's, and the second is the topic of a question sentence that
the first does not answer, when it is probable enough (`min_probability`). One question, or no
other topic: one answer is the honest reply.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from clinical.story import is_question

# Chosen on the realistic dev half (README, "Real people's words").
DEFAULT_MIN_PROBABILITY = 0.5
# The entity that marks a message's second question, valued with the topic that answers it (set
# by rasa_addons.second_question; read by its policy and by actions.answers). An entity, so the
# dialogue and the conversation tests see it the way they see every other fact of a message.
SECOND_TOPIC_ENTITY = "second_topic"


@dataclass(frozen=True)
class QuestionTopic:
    """One question sentence of a message, with the topic read from it alone."""

    position: int  # the sentence's index in the message
    topic: str  # a response key such as "faq/medicines"
    probability: float


def asking(sentences: Iterable[str]) -> list[int]:
    """The positions of the sentences that ask something (clinical.story.is_question)."""
    return [i for i, sentence in enumerate(sentences) if is_question(sentence)]


def second_answer(
    first_topic: Optional[str],
    questions: Sequence[QuestionTopic],
    min_probability: float = DEFAULT_MIN_PROBABILITY,
) -> Optional[QuestionTopic]:
    """The question to answer second, or None (fewer than two questions, or none with another
    probable topic). Of several, the most probable."""
    if first_topic is None or len(questions) < 2:
        return None
    others = [q for q in questions if q.topic != first_topic and q.probability >= min_probability]
    return max(others, key=lambda q: q.probability, default=None)
