"""Dialogue policy: a warning sign in a message outside the check is said first, then the check starts.

An urgent-level sign (can't put weight on the leg, a pop with large bruising, numbness, a hot
swollen calf, a locked knee, a gap in the muscle: nlp/patterns/warning_sign.jsonl) can turn up in
any message, a question, a story or a greeting, so no per-intent rule can be trusted to catch it.
This policy predicts `utter_warning_sign_first`, then the check itself (`triage_form`, which asks
its first question), whatever the intent. The check, not this policy, decides the level of care.

It never runs during the check (answers mention signs all the time) and it ranks below the
EmergencyPolicy, so an emergency sign in the same message gets the emergency message instead.

A story the emergency intent points at without naming an emergency sign (clinical.emergency,
`story_may_be_serious`) takes the same route with its own first reply: the emergency signs with
the emergency number, then the check.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.trackers import DialogueStateTracker

from actions.constants import TRIAGE_FORM
from clinical.emergency import has_warning_sign, story_may_be_serious
from rasa_addons.turns import TurnRulePolicy, actions_since_user

WARNING_RESPONSE = "utter_warning_sign_first"
MAY_BE_SERIOUS_RESPONSE = "utter_story_may_be_serious"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class WarningSignPolicy(TurnRulePolicy):
    """Says a reported warning sign first and starts the red-flag check."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"priority": 7}

    def _next_action(self, tracker: DialogueStateTracker) -> Optional[str]:
        if tracker.active_loop_name or tracker.latest_message is None:
            return None
        done = actions_since_user(tracker)
        first_reply = _first_reply(tracker.latest_message.parse_data)
        if done is None or first_reply is None:
            return None
        if ACTION_LISTEN_NAME in done or TRIAGE_FORM in done:
            return None  # this turn is over, or the check has its own rules now
        if first_reply not in done:
            # Only at the start of the turn: after another reply, leave the turn alone.
            return first_reply if not done else None
        return TRIAGE_FORM


def _first_reply(parse_data: Dict[str, Any]) -> Optional[str]:
    """What is said before the check starts, or None when this message does not start it."""
    if has_warning_sign(parse_data):
        return WARNING_RESPONSE
    if story_may_be_serious(parse_data):
        return MAY_BE_SERIOUS_RESPONSE
    return None
