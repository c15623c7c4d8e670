"""A message that asks two things gets two answers (at most), in one reply.

"how long will it take to heal? and can I take ibuprofen for it?": the ResponseSelector ranks
the knowledge topics for the whole message, and a message with two questions has two topics
near the top. The second-ranked topic is answered too when the message asks at least two
questions and the selector ranks that topic close to the first (`min_ratio` of the first's
confidence): without a second question, or with a distant second topic, one answer is the
honest reply.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Optional

from clinical.story import is_question

# Chosen on the realistic dev half (README, "Realistic messages").
DEFAULT_MIN_RATIO = 0.5
RESPONSE_KEY = "intent_response_key"
# The entity that marks a message's second question, valued with the topic that answers it (set
# by rasa_addons.second_question; read by its policy and by actions.answers). An entity, so the
# dialogue and the conversation tests see it the way they see every other fact of a message.
SECOND_TOPIC_ENTITY = "second_topic"


def asking(sentences: Iterable[str]) -> list[int]:
    """The positions of the sentences that ask something (clinical.story.is_question)."""
    return [i for i, sentence in enumerate(sentences) if is_question(sentence)]


def second_answer(
    question_count: int,
    ranking: Iterable[Mapping[str, Any]],
    min_ratio: float = DEFAULT_MIN_RATIO,
) -> Optional[str]:
    """The second topic to answer (a response key such as "faq/medicines"), or None."""
    if question_count < 2:
        return None
    ranked = [item for item in ranking if item.get(RESPONSE_KEY)]
    if len(ranked) < 2:
        return None
    first, second = ranked[0], ranked[1]
    if (second.get("confidence") or 0.0) < min_ratio * (first.get("confidence") or 0.0):
        return None
    if second[RESPONSE_KEY] == first[RESPONSE_KEY]:
        return None
    return str(second[RESPONSE_KEY])
