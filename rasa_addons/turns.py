"""Where a turn stands: what the assistant has done since the user's latest message, and which
check question was open when the user wrote it; and the base of the two safety policies, which
decide the next action of a turn by a plain rule."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import REQUESTED_SLOT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, Event, SlotSet, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker


def actions_since_user(tracker: DialogueStateTracker) -> Optional[List[str]]:
    """The actions run since the latest user message, newest first; None before any message."""
    actions: List[str] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return actions
        if isinstance(event, ActionExecuted) and event.action_name:
            actions.append(event.action_name)
    return None


def question_asked(tracker: DialogueStateTracker) -> Optional[str]:
    """The form slot that was being asked when the user wrote the latest message, or None.

    Read from the events before that message, not from the tracker's current state: within the
    turn the form may already have taken the answer and asked the next question, and the answer
    must be read against the question it answers.
    """
    before_latest_message = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            before_latest_message = True
        elif before_latest_message and isinstance(event, ActiveLoop):
            return None  # the form ended (or had just started) before any question was open
        elif before_latest_message and isinstance(event, SlotSet) and event.key == REQUESTED_SLOT:
            return event.value
    return None


class TurnRulePolicy(Policy):
    """A policy whose decision is a plain rule: nothing to train, one action at a time.

    Subclasses say which action comes next in the turn (`_next_action`, None to stay silent) and
    may add events to it (`_events_with`). The prediction is a no-user-turn prediction, so it is
    weighed against the other policies by priority, before the rules and the form.
    """

    def train(
        self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any
    ) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        action = self._next_action(tracker)
        if action is None:
            return self._prediction(probabilities)
        probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(
            probabilities, optional_events=self._events_with(action, domain), is_no_user_prediction=True
        )

    def _next_action(self, tracker: DialogueStateTracker) -> Optional[str]:
        raise NotImplementedError

    def _events_with(self, action: str, domain: Domain) -> List[Event]:
        return []
