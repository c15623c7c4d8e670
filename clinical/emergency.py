"""Decides whether a parsed user message reports an emergency sign.

Used by the Rasa server's EmergencyPolicy (no action server involved) and by the NLU
benchmark, so the rule measured is the rule that runs. Two independent signals, either one
enough: the NLU intent `report_emergency`, and an `emergency_sign` entity from the spaCy
EntityRuler (negated mentions like "no chest pain" are already dropped by the extractor).
"""

from __future__ import annotations

from typing import Any, Mapping

EMERGENCY_INTENT = "report_emergency"
EMERGENCY_ENTITY = "emergency_sign"
# An urgent-level sign (nlp/patterns/warning_sign.jsonl): not an emergency; said first, check offered.
WARNING_ENTITY = "warning_sign"
# Low on purpose: missing an emergency costs far more than a needless "call now" message.
DEFAULT_INTENT_THRESHOLD = 0.3


def is_emergency(
    parse_data: Mapping[str, Any],
    intent_threshold: float = DEFAULT_INTENT_THRESHOLD,
    answers_no: bool = False,
) -> bool:
    """True when the message should get the emergency message at once.

    `answers_no`: the message is a clear no to the check question being asked ("not cold, not
    pale"). Then only an affirmed emergency sign counts: answers to the check share their words
    with emergencies, and the intent model cannot tell "not cold" from "cold".
    """
    if any(e.get("entity") == EMERGENCY_ENTITY for e in parse_data.get("entities") or []):
        return True
    if answers_no:
        return False
    ranking = list(parse_data.get("intent_ranking") or [])
    top = parse_data.get("intent") or {}
    if top:
        ranking.append(top)
    return any(
        item.get("name") == EMERGENCY_INTENT and (item.get("confidence") or 0.0) >= intent_threshold
        for item in ranking
    )
