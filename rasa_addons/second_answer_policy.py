"""Dialogue policy: after the first knowledge answer, a message that asked two things gets the
second answer in the same reply (clinical/two_questions.py; the topic is the message's
`second_topic` entity).

The rule for knowledge questions says `utter_faq`, then listen; this policy puts
`action_answer_second_question` between them when the message names a second topic. Its
prediction is a no-user-turn prediction, like the safety policies', so it comes before the rule's
listen; it ranks below them and below RulePolicy, so an active check's own next step comes first
(during the check one answer is enough: the check resumes).
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.trackers import DialogueStateTracker

from clinical.two_questions import SECOND_TOPIC_ENTITY
from rasa_addons.turns import TurnRulePolicy, actions_since_user

FIRST_ANSWER = "utter_faq"
SECOND_ANSWER_ACTION = "action_answer_second_question"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class SecondAnswerPolicy(TurnRulePolicy):
    """Answers a message's second question right after its first."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"priority": 5}

    def _next_action(self, tracker: DialogueStateTracker) -> Optional[str]:
        message = tracker.latest_message
        if tracker.active_loop_name or message is None:
            return None
        if not any(e.get("entity") == SECOND_TOPIC_ENTITY for e in message.entities):
            return None
        done = actions_since_user(tracker)
        if not done:
            return None
        if done[0] == FIRST_ANSWER and SECOND_ANSWER_ACTION not in done:
            return SECOND_ANSWER_ACTION
        if done[0] == SECOND_ANSWER_ACTION:
            return ACTION_LISTEN_NAME
        return None
