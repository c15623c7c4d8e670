"""The emergency path must not depend on the action server: Rasa alone answers it. What needs the
action server (the symptom check) says plainly that it cannot be done now, and gives the route."""

import pytest


@pytest.fixture
def assistant_without_actions(faulty):
    # Rasa calls its actions at a port where nothing listens (tests/integration/faulty.py).
    faulty.actions.gone()
    return faulty.assistant


@pytest.mark.parametrize(
    "message",
    ["I have chest pain and my calf is swollen", "my leg has gone cold and blue", "cant breathe properly"],
)
def test_emergency_message_without_the_action_server(assistant_without_actions, message):
    reply = assistant_without_actions.say(f"no-actions-{hash(message)}", message)
    text = " ".join(m.get("text", "") for m in reply)
    assert "call 999 now" in text.lower()


def test_emergency_during_a_check_whose_action_server_went_away(assistant_without_actions):
    sender = "no-actions-during-check"
    assistant_without_actions.say(sender, "check my symptoms")  # the form cannot ask: no action server
    reply = assistant_without_actions.say(sender, "my chest hurts and i'm coughing up blood")
    assert "call 999 now" in " ".join(m.get("text", "") for m in reply).lower()


def test_the_check_without_its_action_server_says_so_and_gives_the_emergency_route(assistant_without_actions):
    reply = assistant_without_actions.say("no-actions-check", "check my symptoms")
    text = " ".join(m.get("text", "") for m in reply)
    assert "part of this service isn't working right now" in text
    assert "call 999 now" in text.lower()
