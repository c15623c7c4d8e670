"""actions_since_user: what the safety policies read to know where they are in a turn."""

from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_addons.turns import actions_since_user


def tracker(*events):
    return DialogueStateTracker.from_events("someone", list(events))


def test_before_any_message_there_is_no_turn():
    assert actions_since_user(tracker(ActionExecuted("action_listen"))) is None


def test_the_actions_since_the_latest_message_newest_first():
    events = [
        UserUttered("hi"),
        ActionExecuted("utter_greet"),
        ActionExecuted("action_listen"),
        UserUttered("my knee is locked"),
        ActionExecuted("utter_warning_sign_first"),
        ActionExecuted("triage_form"),
    ]
    assert actions_since_user(tracker(*events)) == ["triage_form", "utter_warning_sign_first"]
    assert actions_since_user(tracker(*events[:4])) == []
