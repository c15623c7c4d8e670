"""The form's rasa-sdk actions, with rasa-sdk's Tracker and CollectingDispatcher."""

import pytest
from rasa_sdk.events import ActionExecutionRejected, SlotSet

from actions.triage import (
    ASK_TRIAGE_ACTIONS,
    ActionClearTriage,
    ActionRestartTriage,
    ActionSubmitTriage,
    ValidateTriageForm,
)
from clinical.triage_engine import default_spec
from tests.unit.conftest import create_tracker

DOMAIN: dict = {"forms": {"triage_form": {"required_slots": []}}}
NO_FLAGS_SO_FAR = {
    "requested_slot": "triage_calf_clot",
    "triage_chest_breathing": "no",
    "triage_leg_circulation": "no",
    "triage_cauda_equina": "no",
    "triage_compartment": "no",
    "triage_dislocation_open_fracture": "no",
    "triage_sepsis": "no",
}


async def validate(tracker, dispatcher):
    return await ValidateTriageForm().run(dispatcher, tracker, DOMAIN)


async def test_activation_asks_the_first_question_without_reading_the_trigger_message(dispatcher):
    tracker = create_tracker(text="check my symptoms", intent="start_triage", active_loop=None)
    assert await validate(tracker, dispatcher) == [SlotSet("requested_slot", "triage_chest_breathing")]


async def test_a_clear_answer_is_stored_and_the_next_question_requested(dispatcher):
    tracker = create_tracker(NO_FLAGS_SO_FAR, text="nope", intent="deny")
    assert await validate(tracker, dispatcher) == [
        SlotSet("triage_calf_clot", "no"),
        SlotSet("triage_unclear_answers", 0),
        SlotSet("requested_slot", "triage_infection"),
    ]


async def test_an_emergency_answer_ends_the_form_at_once(dispatcher):
    tracker = create_tracker({"requested_slot": "triage_chest_breathing"}, text="/affirm", intent="affirm")
    events = await validate(tracker, dispatcher)
    assert events[0] == SlotSet("triage_chest_breathing", "yes")
    assert events[-1] == SlotSet("requested_slot", None)


async def test_an_unclear_answer_is_asked_again_then_counted_as_not_sure(dispatcher):
    slots = dict(NO_FLAGS_SO_FAR)
    tracker = create_tracker(slots, text="purple elephants", intent="nlu_fallback", confidence=0.2)
    assert await validate(tracker, dispatcher) == [
        SlotSet("triage_calf_clot", None),
        SlotSet("triage_unclear_answers", 1),
        SlotSet("requested_slot", "triage_calf_clot"),
    ]
    slots["triage_unclear_answers"] = 2
    tracker = create_tracker(slots, text="purple elephants", intent="nlu_fallback", confidence=0.2)
    events = await validate(tracker, dispatcher)
    assert events[:2] == [SlotSet("triage_calf_clot", "not_sure"), SlotSet("triage_unclear_answers", 0)]


async def test_a_greeting_during_the_check_asks_the_same_question_without_counting_it(dispatcher):
    tracker = create_tracker(NO_FLAGS_SO_FAR, text="hiya", intent="greet", confidence=0.9)
    assert await validate(tracker, dispatcher) == [
        SlotSet("triage_calf_clot", None),
        SlotSet("requested_slot", "triage_calf_clot"),
    ]


async def test_is_it_serious_during_the_check_is_an_unclear_answer(dispatcher):
    tracker = create_tracker(NO_FLAGS_SO_FAR, text="is it serious?", intent="start_triage", confidence=0.9)
    assert await validate(tracker, dispatcher) == [
        SlotSet("triage_calf_clot", None),
        SlotSet("triage_unclear_answers", 1),
        SlotSet("requested_slot", "triage_calf_clot"),
    ]


async def test_a_question_in_the_middle_rejects_the_form_so_a_rule_can_answer(dispatcher):
    tracker = create_tracker(NO_FLAGS_SO_FAR, text="what is tendinopathy", intent="faq", confidence=0.95)
    assert await validate(tracker, dispatcher) == [ActionExecutionRejected("triage_form")]


async def test_after_an_interruption_the_same_question_is_requested_again(dispatcher):
    tracker = create_tracker(NO_FLAGS_SO_FAR, latest_action_name="utter_faq")
    assert await validate(tracker, dispatcher) == [SlotSet("requested_slot", "triage_calf_clot")]


async def test_ask_action_uses_other_words_after_an_unclear_answer(dispatcher):
    ask = next(cls() for cls in ASK_TRIAGE_ACTIONS if cls.question_id == "calf_clot")
    assert ask.name() == "action_ask_triage_calf_clot"
    question = default_spec().question("calf_clot")
    await ask.run(dispatcher, create_tracker(NO_FLAGS_SO_FAR), DOMAIN)
    await ask.run(dispatcher, create_tracker({**NO_FLAGS_SO_FAR, "triage_unclear_answers": 1}), DOMAIN)
    first, second = dispatcher.messages
    assert first["text"] == question.question
    assert second["text"] == question.rephrase[0]
    assert [b["payload"] for b in first["buttons"]] == ["/affirm", "/deny", "/unsure"]


async def test_the_first_question_comes_with_the_introduction(dispatcher):
    ask = next(cls() for cls in ASK_TRIAGE_ACTIONS if cls.question_id == "chest_breathing")
    await ask.run(dispatcher, create_tracker({}), DOMAIN)
    assert dispatcher.messages[0]["text"].startswith(default_spec().intro)


@pytest.mark.parametrize(
    "slots, level",
    [
        ({"triage_chest_breathing": "yes"}, "emergency"),
        (
            {
                **{k: v for k, v in NO_FLAGS_SO_FAR.items() if k != "requested_slot"},
                "triage_calf_clot": "yes",
            },
            "urgent",
        ),
    ],
)
async def test_submit_sends_the_outcome_with_a_machine_readable_payload(
    dispatcher, slots, level, monkeypatch
):
    monkeypatch.setenv("EMERGENCY_NUMBER", "999")
    await ActionSubmitTriage().run(dispatcher, create_tracker(slots, active_loop=None), DOMAIN)
    message = dispatcher.messages[0]
    assert message["custom"]["triage"]["level"] == level
    assert message["custom"]["triage"]["answers"]["chest_breathing"] == slots["triage_chest_breathing"]
    assert "999" in message["text"] and "not a diagnosis" in message["text"]


async def test_the_outcome_clears_the_answers_so_a_later_check_starts_afresh(dispatcher):
    slots = {k: v for k, v in NO_FLAGS_SO_FAR.items() if k != "requested_slot"}
    events = await ActionSubmitTriage().run(dispatcher, create_tracker(slots, active_loop=None), DOMAIN)
    cleared = {e["name"] for e in events if e["value"] is None}
    assert set(slots) <= cleared


async def test_a_new_check_ignores_answers_left_from_an_earlier_one(dispatcher):
    tracker = create_tracker(
        {"triage_chest_breathing": "no", "triage_leg_circulation": "yes", "triage_unclear_answers": 1},
        text="check my symptoms",
        intent="start_triage",
        active_loop=None,
    )
    events = await validate(tracker, dispatcher)
    assert SlotSet("triage_leg_circulation", None) in events
    assert SlotSet("triage_unclear_answers", 0) in events
    assert events[-1] == SlotSet("requested_slot", "triage_chest_breathing")


async def test_stopping_the_check_forgets_its_answers(dispatcher):
    events = await ActionClearTriage().run(
        dispatcher, create_tracker({"triage_nerve": "yes"}, active_loop=None), DOMAIN
    )
    assert SlotSet("triage_nerve", None) in events and SlotSet("requested_slot", None) in events
    assert dispatcher.messages == []


async def test_restart_clears_every_answer(dispatcher):
    events = await ActionRestartTriage().run(dispatcher, create_tracker({"triage_nerve": "yes"}), DOMAIN)
    cleared = {e["name"] for e in events if e["value"] is None}
    assert {"triage_nerve", "triage_chest_breathing", "requested_slot"} <= cleared


def test_every_question_has_an_ask_action_and_the_base_class_is_not_registered():
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    names = set(executor.actions)
    expected = {f"action_ask_triage_{qid}" for qid in default_spec().question_ids}
    assert expected <= names
    assert "action_ask_triage_" not in names
