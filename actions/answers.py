"""The second answer of a message that asked two things (clinical/two_questions.py).

The Rasa server names the topic (the message's `second_topic` entity) and its SecondAnswerPolicy
runs this action right after the first answer; the answer itself is the domain's response for
that topic, the same one a question about it alone would get.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from clinical.two_questions import SECOND_TOPIC_ENTITY


class ActionAnswerSecondQuestion(Action):
    def name(self) -> str:
        return "action_answer_second_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        topic = next(tracker.get_latest_entity_values(SECOND_TOPIC_ENTITY), None)
        if topic:
            dispatcher.utter_message(response=f"utter_{topic}")
        return []
