"""Tracker events read into conversations, turns and checks (reports/records.py)."""

from reports.records import EMERGENCY, LEFT, OUTCOME, STOPPED, conversations_from_events
from tests.unit.report_events import DAY, HOUR, Events


def test_one_conversation_per_session_and_sessions_without_a_message_are_dropped():
    events = (
        Events()
        .session()
        .user("hello", "greet", channel="telegram")
        .utter("utter_greet")
        .listen()
        .session(at=DAY + 2 * HOUR)  # nobody wrote in this one
        .session(at=DAY + 5 * HOUR)
        .user("hi", "greet", channel="slack")
        .utter("utter_greet")
        .listen()
        .events
    )
    conversations = conversations_from_events(events)
    assert [c.channel for c in conversations] == ["telegram", "slack"]
    assert [len(c.turns) for c in conversations] == [1, 1]
    assert conversations[1].started > DAY + 5 * HOUR


def test_an_faq_message_carries_its_topic_and_the_reply():
    events = (
        Events()
        .session()
        .user("what muscles make up the hamstring?", "faq", 1.0, topic="faq/anatomy", topic_confidence=0.96)
        .utter("utter_faq/anatomy")
        .listen()
        .events
    )
    [turn] = conversations_from_events(events)[0].turns
    assert (turn.faq_topic, turn.topic_confidence, turn.guessed_intent) == (
        "faq/anatomy",
        0.96,
        "faq/anatomy",
    )
    assert turn.reply_names == ["utter_faq/anatomy"]
    assert not turn.check_active and not turn.read_by_check


def test_the_guess_behind_the_nlu_fallback_is_the_next_intent_in_the_ranking():
    events = (
        Events()
        .session()
        .user(
            "blorp zzz", "nlu_fallback", 0.5, ranking=[("nlu_fallback", 0.5), ("greet", 0.3), ("stop", 0.1)]
        )
        .utter("utter_default")
        .listen()
        .events
    )
    [turn] = conversations_from_events(events)[0].turns
    assert (turn.intent, turn.guessed_intent) == ("nlu_fallback", "greet")


def test_the_place_of_a_causes_question_and_a_button_press():
    events = (
        Events()
        .session()
        .user("why does the back of my knee hurt?", "ask_causes", place="behind_knee")
        .utter("utter_causes_behind_knee")
        .listen()
        .user("/start_triage", "start_triage", 1.0)
        .events
    )
    first, second = conversations_from_events(events)[0].turns
    assert first.place == "behind_knee" and not first.is_payload
    assert second.is_payload


def test_a_finished_check_has_its_level_and_its_answers_are_read_by_the_check():
    events = (
        Events()
        .session()
        .start_check()
        .answer("chest_breathing", "no", "leg_circulation")
        .answer("leg_circulation", "no", None)
        .outcome("urgent", "in_person")
        .events
    )
    conversation = conversations_from_events(events)[0]
    [check] = conversation.checks
    assert (check.ending, check.level, check.urgent_wording, check.open_question) == (
        OUTCOME,
        "urgent",
        "in_person",
        None,
    )
    start, first_answer, last_answer = conversation.turns
    assert not start.read_by_check
    assert first_answer.check_question == "chest_breathing" and first_answer.read_by_check
    assert last_answer.check_question == "leg_circulation" and last_answer.read_by_check


def test_a_stopped_check_remembers_the_question_that_was_open():
    events = (
        Events()
        .session()
        .start_check()
        .answer("chest_breathing", "no", "leg_circulation")
        .stop_check()
        .events
    )
    conversation = conversations_from_events(events)[0]
    [check] = conversation.checks
    assert (check.ending, check.open_question) == (STOPPED, "leg_circulation")
    stop = conversation.turns[2]
    assert stop.text == "stop" and stop.check_active and not stop.read_by_check  # the form rejected it


def test_a_check_still_open_when_the_session_ends_was_left_at_its_question():
    events = (
        Events()
        .session()
        .start_check()
        .answer("chest_breathing", "no", "leg_circulation")
        .session(at=DAY + 3 * HOUR)
        .user("hello", "greet")
        .events
    )
    first, second = conversations_from_events(events)
    assert [(c.ending, c.open_question) for c in first.checks] == [(LEFT, "leg_circulation")]
    assert second.checks == [] and not second.turns[0].check_active


def test_an_emergency_during_the_check_ends_it_at_the_open_question():
    events = (
        Events()
        .session()
        .start_check()
        .answer("chest_breathing", "no", "leg_circulation")
        .emergency("my leg has gone cold and blue", during_check=True)
        .events
    )
    conversation = conversations_from_events(events)[0]
    [check] = conversation.checks
    assert (check.ending, check.open_question) == (EMERGENCY, "leg_circulation")
    assert conversation.turns[-1].check_active and not conversation.turns[-1].read_by_check


def test_an_emergency_answer_inside_the_check_is_an_outcome_not_an_interruption():
    events = (
        Events().session().start_check().answer("chest_breathing", "yes", None).outcome("emergency").events
    )
    [check] = conversations_from_events(events)[0].checks
    assert (check.ending, check.level) == (OUTCOME, "emergency")


def test_a_restart_event_ends_the_conversation_like_a_new_session():
    events = Events().session().start_check().events + [{"event": "restart", "timestamp": DAY + 60}]
    events += Events(start=DAY + 61).user("hello", "greet").events
    first, second = conversations_from_events(events)
    assert [c.ending for c in first.checks] == [LEFT]
    assert second.turns[0].text == "hello"
