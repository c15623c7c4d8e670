"""Decides whether a parsed user message reports an emergency sign.

Used by the Rasa server's EmergencyPolicy (no action server involved) and by the NLU
benchmark, so the rule measured is the rule that runs. Two independent signals, either one
enough: the NLU intent `report_emergency`, and an `emergency_sign` entity from the spaCy
EntityRuler (negated mentions like "no chest pain" are already dropped by the extractor).

A story (two sentences or more, 25 words or more: clinical.story) is the exception: the intent
alone does not make it an emergency. A long story shares most of its words with the emergency
examples ("swollen", "can't walk", "worse and worse"), and the intent called one in twenty
ordinary stories an emergency on the realistic dev half. Such a story gets the possibly-serious
route instead (`story_may_be_serious`): the emergency signs listed with the emergency number
("if any of these is happening now, call ..."), then the red-flag check, whose first questions
are the emergency ones.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Union

EMERGENCY_INTENT = "report_emergency"
EMERGENCY_ENTITY = "emergency_sign"
# An urgent-level sign (nlp/patterns/warning_sign.jsonl): not an emergency; said first, and the
# check starts at once.
WARNING_ENTITY = "warning_sign"
# Parse-data flag set by rasa_addons.story_focus for a message that tells a story.
STORY = "story"
# Low on purpose: missing an emergency costs far more than a needless "call now" message.
DEFAULT_INTENT_THRESHOLD = 0.3


def is_emergency(
    parse_data: Mapping[str, Any],
    intent_threshold: float = DEFAULT_INTENT_THRESHOLD,
    sign_required: Union[bool, Callable[[], bool]] = False,
) -> bool:
    """True when the message should get the emergency message at once.

    `sign_required`: only an affirmed emergency sign counts, not the intent. So when the message
    is a clear yes, no or not sure to the check question being asked ("not cold, not pale"; "my
    calf is really swollen"): the check then reads it and routes it (an emergency question
    answered yes is an emergency there), and answers share their words with emergencies; the
    intent model cannot tell "not cold" from "cold", or a swollen calf alone (urgent) from a
    swollen calf with breathlessness (emergency). And when the message was cut for length: the
    classifiers read only part of it, while the signs are looked for in all of what was kept.
    It may be a function, called only when the intent alone would decide (reading an answer costs
    a spaCy pass; most messages never need it).
    """
    if _names(parse_data, EMERGENCY_ENTITY):
        return True
    if not _intent_says_emergency(parse_data, intent_threshold) or parse_data.get(STORY):
        return False
    return not (sign_required() if callable(sign_required) else sign_required)


def story_may_be_serious(
    parse_data: Mapping[str, Any], intent_threshold: float = DEFAULT_INTENT_THRESHOLD
) -> bool:
    """True for a story the emergency intent points at without naming an emergency sign: it gets
    the emergency signs with the number, then the check (see the module's docstring)."""
    return (
        bool(parse_data.get(STORY))
        and not _names(parse_data, EMERGENCY_ENTITY)
        and _intent_says_emergency(parse_data, intent_threshold)
    )


def _intent_says_emergency(parse_data: Mapping[str, Any], intent_threshold: float) -> bool:
    ranking = list(parse_data.get("intent_ranking") or [])
    top = parse_data.get("intent") or {}
    if top:
        ranking.append(top)
    return any(
        item.get("name") == EMERGENCY_INTENT and (item.get("confidence") or 0.0) >= intent_threshold
        for item in ranking
    )


def has_warning_sign(parse_data: Mapping[str, Any]) -> bool:
    """True when the message reports an urgent-level warning sign (negated mentions are dropped)."""
    return _names(parse_data, WARNING_ENTITY)


def _names(parse_data: Mapping[str, Any], entity: str) -> bool:
    """True when the parsed message has an entity of this kind (negated signs are already gone)."""
    return any(e.get("entity") == entity for e in parse_data.get("entities") or [])
