"""Offers are followed through: a "yes" after an answer that offered the symptom check starts it.

The offer is the "Check my symptoms" button on the assistant's last message (domain responses
and data/nlu/responses/ say which answers offer it). The rules in data/rules/conversation.yml
start the check when `offer_accepted` is set to true; otherwise this action asks what the person
would like, with the menu.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.constants import CHECK_OFFER_PAYLOAD, OFFER_ACCEPTED_SLOT


def last_bot_offered_check(events: List[Dict[str, Any]]) -> bool:
    """True when the assistant's last reply (before the latest user message) offered the check."""
    seen_user = False
    for event in reversed(events):
        if event.get("event") == "user":
            if seen_user:
                return False
            seen_user = True
        elif event.get("event") == "bot" and seen_user:
            buttons = (event.get("data") or {}).get("buttons") or []
            if any(b.get("payload") == CHECK_OFFER_PAYLOAD for b in buttons):
                return True
    return False


class ActionAnswerOffer(Action):
    def name(self) -> str:
        return "action_answer_offer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        accepted = last_bot_offered_check(tracker.events)
        if not accepted:
            dispatcher.utter_message(response="utter_default")
        return [SlotSet(OFFER_ACCEPTED_SLOT, accepted)]
