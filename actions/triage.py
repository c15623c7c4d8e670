"""The red-flag check as a Rasa form: asking, validating and the outcome.

Thin adapters: the order, the early stop and the outcome come from clinical.triage_engine
over clinical/triage.yml; reading free-text answers from clinical.answers.
"""

from __future__ import annotations

import abc
import logging
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActionExecutionRejected, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.constants import (
    INTERRUPTING_INTENTS,
    MIN_INTERRUPTION_CONFIDENCE,
    REQUESTED_SLOT,
    RESUMING_INTENTS,
    TRIAGE_FORM,
    TRIAGE_UNCLEAR_SLOT,
    question_id,
    triage_slot,
    triage_slots,
)
from clinical.answers import read_answer
from clinical.deployment import load_deployment
from clinical.triage_engine import (
    NOT_SURE,
    default_spec,
    outcome,
    outcome_message,
    questions_to_ask,
)
from serving.privacy import conversation_ref

logger = logging.getLogger(__name__)


def triage_answers(tracker: Tracker) -> Dict[str, str]:
    """The check's answers so far, keyed by question id."""
    answers = {}
    for slot in triage_slots():
        value = tracker.get_slot(slot)
        if value is not None:
            answers[question_id(slot)] = value
    return answers


# Actions logged between a user message and this validation without answering the message
# (Rasa logs the form's own run before it calls its validation action).
_SILENT_ACTIONS = frozenset({"action_listen", "action_extract_slots", TRIAGE_FORM})


def _user_spoke_last(tracker: Tracker) -> bool:
    """True when the latest user message is the answer to the question (no bot turn since).

    False when the form resumes after an interruption (a rule answered the message) or starts.
    """
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return True
        if event.get("event") == "action" and event.get("name") not in _SILENT_ACTIONS:
            return False
    return False


def _unclear_count(tracker: Tracker) -> int:
    return int(tracker.get_slot(TRIAGE_UNCLEAR_SLOT) or 0)


def clear_check() -> List[EventType]:
    """Events that forget a check: its answers belong to it (clinical notes, "How answers are read")."""
    return [SlotSet(slot, None) for slot in triage_slots()] + [SlotSet(TRIAGE_UNCLEAR_SLOT, 0)]


class ValidateTriageForm(FormValidationAction):
    """Reads each answer, asks again when unclear, and picks the next question or ends the check."""

    def name(self) -> str:
        return f"validate_{TRIAGE_FORM}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        spec = default_spec()
        answers = triage_answers(tracker)
        events: List[EventType] = []
        if tracker.active_loop_name != TRIAGE_FORM and (answers or _unclear_count(tracker)):
            # A new check: answers left from an earlier one (however it ended) are not used.
            events.extend(clear_check())
            answers = {}

        requested = tracker.get_slot(REQUESTED_SLOT)
        user_just_answered = (
            tracker.active_loop_name == TRIAGE_FORM
            and requested in triage_slots()
            and _user_spoke_last(tracker)
        )
        if user_just_answered:
            answer_events = self._read_answer(tracker, requested)
            if answer_events is None:  # not an answer: let a rule handle it, then resume
                return [ActionExecutionRejected(TRIAGE_FORM)]
            events.extend(answer_events)
            for event in answer_events:
                if event["name"] == requested and event["value"] is not None:
                    answers[question_id(requested)] = event["value"]

        path = questions_to_ask(spec, answers)
        next_slot = next((triage_slot(q) for q in path if q not in answers), None)
        events.append(SlotSet(REQUESTED_SLOT, next_slot))
        return events

    def _read_answer(self, tracker: Tracker, slot: str) -> Optional[List[EventType]]:
        """Events for the user's answer to `slot`; None when the message is an interruption."""
        question = default_spec().question(question_id(slot))
        message = tracker.latest_message or {}
        intent = (message.get("intent") or {}).get("name")
        confidence = (message.get("intent") or {}).get("confidence") or 0.0
        answer = read_answer(message.get("text"), question, intent, confidence)
        if answer is None:
            if intent in INTERRUPTING_INTENTS and confidence >= MIN_INTERRUPTION_CONFIDENCE:
                return None
            if intent in RESUMING_INTENTS and confidence >= MIN_INTERRUPTION_CONFIDENCE:
                return [SlotSet(slot, None)]
            unclear = _unclear_count(tracker) + 1
            if unclear <= len(question.rephrase):
                return [SlotSet(slot, None), SlotSet(TRIAGE_UNCLEAR_SLOT, unclear)]
            answer = NOT_SURE  # asked three times: count it as "not sure"
        return [SlotSet(slot, answer), SlotSet(TRIAGE_UNCLEAR_SLOT, 0)]


class AskTriageQuestion(Action, abc.ABC):
    """Asks one question of the check, in other words after an unclear answer.

    Abstract (so rasa-sdk does not register it): one concrete subclass per question is made
    below from clinical/triage.yml.
    """

    @property
    @abc.abstractmethod
    def question_id(self) -> str:
        """The id of the question in clinical/triage.yml."""

    def name(self) -> str:
        return f"action_ask_{triage_slot(self.question_id)}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        spec = default_spec()
        question = spec.question(self.question_id)
        unclear = _unclear_count(tracker)
        text = question.wording(unclear)
        if not triage_answers(tracker) and unclear == 0:
            text = f"{spec.intro}\n\n{text}"
        dispatcher.utter_message(text=text, buttons=[dict(b) for b in spec.answer_buttons])
        return []


def _make_ask_actions() -> List[type]:
    """One rasa-sdk action class per question, so the domain can list action_ask_triage_<id>."""
    return [
        type(f"AskTriage_{qid}", (AskTriageQuestion,), {"question_id": qid})
        for qid in default_spec().question_ids
    ]


ASK_TRIAGE_ACTIONS = _make_ask_actions()


class ActionSubmitTriage(Action):
    """Tells the user the level of care, with a summary and a machine-readable payload."""

    def name(self) -> str:
        return "action_submit_triage"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        spec = default_spec()
        result = outcome(spec, triage_answers(tracker))
        care_routes = load_deployment().as_template_values()
        text = outcome_message(spec, result, care_routes)
        logger.info(
            "triage outcome %s for conversation %s", result.level, conversation_ref(tracker.sender_id)
        )
        dispatcher.utter_message(
            text=text,
            # For web pages and clinic systems: the level, the answers, and where to get care.
            json_message={
                "triage": {
                    "level": result.level,
                    "urgent_wording": result.urgent_wording,
                    "answers": dict(result.answers),
                    **care_routes,
                }
            },
            buttons=[dict(b) for b in spec.outcome_buttons],
        )
        # The outcome is given: this check's answers are not carried into another one.
        return clear_check()


class ActionRestartTriage(Action):
    """Clears the check's answers so the form starts from the first question."""

    def name(self) -> str:
        return "action_restart_triage"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        dispatcher.utter_message(text=default_spec().restart_message)
        return clear_check() + [SlotSet(REQUESTED_SLOT, None)]


class ActionClearTriage(Action):
    """Forgets the check's answers when the user stops it (says nothing itself)."""

    def name(self) -> str:
        return "action_clear_triage"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        return clear_check() + [SlotSet(REQUESTED_SLOT, None)]
