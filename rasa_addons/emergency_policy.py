"""Dialogue policy: an emergency sign gets the emergency message at once, whatever flow is active.

Rasa's RulePolicy lets an active form run before any rule, so a plain rule cannot interrupt the
red-flag form when its validation runs on the action server. This policy predicts the plain
response `utter_emergency` (no action server needed) as a no-user-turn prediction with a higher
priority than RulePolicy, then ends any active form and clears the check's answers (they belong
to the check the emergency ended), then listens.

During the check, a clear answer to the question being asked (yes, no or not sure, read by
clinical.answers, the reader the form uses) is left to the check unless it holds an affirmed
emergency sign: the intent alone does not interrupt it.

A message cut by the MessageLengthGuard gets `utter_message_too_long` the same way (unless the
part kept holds an affirmed emergency sign: the intent of a cut text alone does not count, the
classifiers read only part of it); an active check then waits for a shorter answer.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_DEACTIVATE_LOOP_NAME, ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from actions.constants import TRIAGE_SLOT_PREFIX, question_id
from clinical.answers import read_answer
from clinical.emergency import DEFAULT_INTENT_THRESHOLD, is_emergency
from clinical.triage_engine import default_spec
from rasa_addons.message_length import MESSAGE_TOO_LONG
from rasa_addons.turns import TurnRulePolicy, actions_since_user, question_asked

EMERGENCY_RESPONSE = "utter_emergency"
TOO_LONG_RESPONSE = "utter_message_too_long"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class EmergencyPolicy(TurnRulePolicy):
    """Answers emergency signs before any rule, story or form."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"priority": 8, "intent_threshold": DEFAULT_INTENT_THRESHOLD}

    def _events_with(self, action: str, domain: Domain) -> List[Event]:
        """Ending the check clears its answers: they belong to the check the emergency ended."""
        if action != ACTION_DEACTIVATE_LOOP_NAME:
            return []
        return [SlotSet(slot.name, None) for slot in domain.slots if slot.name.startswith(TRIAGE_SLOT_PREFIX)]

    def _next_action(self, tracker: DialogueStateTracker) -> Optional[str]:
        done = actions_since_user(tracker)
        if done is None:
            return None
        message = tracker.latest_message
        if message is None:
            return None
        cut_for_length = bool(message.parse_data.get(MESSAGE_TOO_LONG))
        if not is_emergency(
            message.parse_data,
            self.config["intent_threshold"],
            lambda: cut_for_length or _answers_the_question(tracker),
        ):
            if not message.parse_data.get(MESSAGE_TOO_LONG):
                return None
            return ACTION_LISTEN_NAME if TOO_LONG_RESPONSE in done else TOO_LONG_RESPONSE
        if EMERGENCY_RESPONSE not in done:
            return EMERGENCY_RESPONSE
        if tracker.active_loop_name and ACTION_DEACTIVATE_LOOP_NAME not in done:
            return ACTION_DEACTIVATE_LOOP_NAME
        return ACTION_LISTEN_NAME


def _answers_the_question(tracker: DialogueStateTracker) -> bool:
    """True when the latest message is a clear yes, no or not sure to the check question asked."""
    requested = question_asked(tracker)
    if not requested or not requested.startswith(TRIAGE_SLOT_PREFIX):
        return False
    spec = default_spec()
    asked = question_id(requested)
    if asked not in spec.question_ids or tracker.latest_message is None:
        return False
    intent = tracker.latest_message.intent or {}
    reading = read_answer(
        tracker.latest_message.text,
        spec.question(asked),
        intent.get("name"),
        intent.get("confidence") or 0.0,
    )
    return reading is not None
