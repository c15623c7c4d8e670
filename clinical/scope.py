"""What the assistant is for: the hamstring, the places it covers, and the other causes of pain
behind the knee that the clinical notes name.

The intent classifiers read a bag of words, and a long story shares most of its words with every
other long story: trained on long stories of both kinds, they call a hamstring story out of
scope, or a story about a knee replacement a hamstring question. What a story is about is better
read from what it names, with the project's EntityRuler: the hamstring or one of its muscles
(nlp/patterns/anatomy.jsonl), a place the assistant covers (behind the knee, the sitting bone,
the back of the thigh: pain_location.jsonl), or a condition the other-causes answer names
(Baker's cyst, meniscus, calf strain, popliteus, a clot, pes anserine: condition.jsonl).

- A message that names one of them gets the best-ranked knowledge answer instead of "I can't help
  with that" or "please rephrase" (requests for the clinic keep the contact line).
- A story (`clinical.story.MIN_STORY_WORDS` words or more) that names none of them gets "I can't
  help with that" instead of a knowledge answer. Short questions are left to the classifiers, and
  nothing here touches the check, the emergency rule or the warning signs.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Optional

from clinical.story import MIN_STORY_WORDS

# Anatomy ids (nlp/patterns/anatomy.jsonl) that put a message in the assistant's scope.
HAMSTRING_ANATOMY = frozenset(
    {"hamstring", "biceps_femoris", "semitendinosus", "semimembranosus", "pes_anserine"}
)
# What a message in scope may be answered with instead: a knowledge answer (the ResponseSelector
# picks its topic), or the causes answer for a place the message names. Without a place, "what's
# causing it?" would ask where it hurts, which answers nothing the person asked.
KNOWLEDGE_INTENT = "faq"
CAUSES_INTENT = "ask_causes"
KNOWLEDGE_INTENTS = frozenset({KNOWLEDGE_INTENT, CAUSES_INTENT})
OUT_OF_SCOPE_INTENT = "out_of_scope"
# What the first rule overrides: "I can't help with that" and "please rephrase".
NOT_ANSWERED = frozenset({OUT_OF_SCOPE_INTENT, "nlu_fallback"})


def names_the_scope(
    anatomy_ids: Iterable[str], places: Iterable[Any], conditions: Iterable[Any] = ()
) -> bool:
    """True when the message names the hamstring, one of its muscles, a covered place or condition."""
    return (
        bool(HAMSTRING_ANATOMY & set(anatomy_ids))
        or any(True for _ in places)
        or any(True for _ in conditions)
    )


def scope_intent(
    top_intent: Optional[str],
    ranking: Iterable[Mapping[str, Any]],
    in_scope: bool,
    asks_the_clinic: bool,
    names_a_place: bool = False,
    word_count: int = 0,
) -> Optional[Mapping[str, Any]]:
    """The intent to answer with instead of `top_intent`, or None to keep it."""
    ranking = list(ranking)
    if in_scope and not asks_the_clinic and top_intent in NOT_ANSWERED:
        answers = KNOWLEDGE_INTENTS if names_a_place else {KNOWLEDGE_INTENT}
        return next((item for item in ranking if item.get("name") in answers), None)
    if not in_scope and word_count >= MIN_STORY_WORDS and top_intent in KNOWLEDGE_INTENTS:
        ranked = next((item for item in ranking if item.get("name") == OUT_OF_SCOPE_INTENT), None)
        return ranked or {"name": OUT_OF_SCOPE_INTENT, "confidence": 0.0}
    return None
