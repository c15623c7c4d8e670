"""actions_since_user: what the safety policies read to know where they are in a turn."""

from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_addons.turns import actions_since_user, question_asked


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


def test_the_question_asked_is_the_one_open_when_the_user_wrote():
    events = [
        ActiveLoop("triage_form"),
        SlotSet("requested_slot", "triage_calf_clot"),
        ActionExecuted("action_listen"),
        UserUttered("my calf is really swollen"),
        ActionExecuted("triage_form"),
        SlotSet("triage_calf_clot", "yes"),
        SlotSet("requested_slot", "triage_infection"),  # the form has moved on within the turn
    ]
    assert question_asked(tracker(*events)) == "triage_calf_clot"
    assert question_asked(tracker(*events[:4])) == "triage_calf_clot"


def test_no_question_is_open_outside_the_check():
    finished = [
        ActiveLoop("triage_form"),
        SlotSet("requested_slot", "triage_persistent"),
        UserUttered("no"),
        SlotSet("requested_slot", None),
        ActiveLoop(None),
        UserUttered("my calf is swollen"),
    ]
    assert question_asked(tracker(*finished)) is None
    assert question_asked(tracker(UserUttered("hi"))) is None
    assert question_asked(tracker(ActiveLoop("triage_form"), UserUttered("hi"))) is None
