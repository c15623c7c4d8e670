"""What the assistant is for: a message that names the hamstring or a place it hurts is in scope.

The intent classifiers read a bag of words, and long stories about a hamstring share most of
their words with stories about other joints (trained as out of scope), so a hamstring story can
come out as out of scope or as too unclear to answer. A message that names the hamstring (or one
of its muscles) or a place the assistant covers (behind the knee, the sitting bone, the back of
the thigh: nlp/patterns/pain_location.jsonl) is about what the assistant knows; it then gets the
best-ranked knowledge answer instead of "I can't help with that". Requests for the clinic
(bookings, prices, insurance) keep their own answer.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Optional

# Anatomy ids (nlp/patterns/anatomy.jsonl) that put a message in the assistant's scope.
HAMSTRING_ANATOMY = frozenset(
    {"hamstring", "biceps_femoris", "semitendinosus", "semimembranosus", "pes_anserine"}
)
# What a message in scope may be answered with instead: a knowledge answer (the ResponseSelector
# picks its topic), or the causes answer for a place the message names. Without a place, "what's
# causing it?" would ask where it hurts, which answers nothing the person asked.
KNOWLEDGE_INTENT = "faq"
CAUSES_INTENT = "ask_causes"
# What the gate overrides: "I can't help with that" and "please rephrase".
NOT_ANSWERED = frozenset({"out_of_scope", "nlu_fallback"})


def names_the_scope(anatomy_ids: Iterable[str], pain_locations: Iterable[str]) -> bool:
    """True when the message names the hamstring, one of its muscles, or a place it covers."""
    return bool(HAMSTRING_ANATOMY & set(anatomy_ids)) or any(True for _ in pain_locations)


def knowledge_intent(
    top_intent: Optional[str],
    ranking: Iterable[Mapping[str, Any]],
    in_scope: bool,
    asks_the_clinic: bool,
    names_a_place: bool = False,
) -> Optional[Mapping[str, Any]]:
    """The ranked knowledge intent to answer with instead of `top_intent`, or None to keep it."""
    if not in_scope or asks_the_clinic or top_intent not in NOT_ANSWERED:
        return None
    answers = {KNOWLEDGE_INTENT, CAUSES_INTENT} if names_a_place else {KNOWLEDGE_INTENT}
    return next((item for item in ranking if item.get("name") in answers), None)
