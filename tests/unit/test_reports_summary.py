"""What the report counts (reports/summary.py), from hand-built conversations."""

from datetime import date, timedelta

import pytest

from reports.period import Period
from reports.records import conversations_from_events
from reports.summary import CHECK_TOPIC, CLINIC, OUT_OF_SCOPE, REPHRASE, summarise
from tests.unit.report_events import DAY, HOUR, Events

MARCH_10 = date(2026, 3, 10)
PERIOD = Period(MARCH_10 - timedelta(days=6), MARCH_10 + timedelta(days=1))


def summary_of(*senders: Events, threshold: float = 0.7):
    conversations = [c for sender in senders for c in conversations_from_events(sender.events)]
    return summarise(conversations, PERIOD, threshold)


def faq(events: Events, text: str, topic: str, confidence: float = 1.0, topic_confidence: float = 0.95):
    events.user(text, "faq", confidence, topic=topic, topic_confidence=topic_confidence)
    return events.utter(f"utter_{topic}").listen()


def test_conversations_and_messages_per_day_and_per_channel():
    web = faq(Events().session(), "what is the hamstring", "faq/anatomy")
    web.user("thanks", "thank").utter("utter_thank").listen()
    telegram = faq(Events(start=DAY + 24 * HOUR).session(), "how to treat it", "faq/treatment")
    for event in telegram.events:
        if event["event"] == "user":
            event["input_channel"] = "telegram"
    summary = summary_of(web, telegram)
    assert (summary.conversations, summary.messages) == (2, 3)
    assert summary.conversations_per_day[MARCH_10] == 1
    assert summary.conversations_per_day[MARCH_10 + timedelta(days=1)] == 1
    assert summary.messages_per_day[MARCH_10] == 2
    assert set(summary.conversations_per_day) == set(PERIOD.days())  # every day, zeros included
    assert summary.conversations_per_channel == {"rest": 1, "telegram": 1}
    assert summary.messages_per_channel == {"rest": 2, "telegram": 1}


def test_only_conversations_that_start_in_the_period_count():
    before = faq(Events(start=DAY - 30 * 24 * HOUR).session(), "what is the hamstring", "faq/anatomy")
    inside = faq(Events().session(), "what is the hamstring", "faq/anatomy")
    assert summary_of(before, inside).conversations == 1


def test_topics_faq_causes_by_place_and_checks_started_but_not_check_answers():
    events = faq(Events().session(), "what is the hamstring", "faq/anatomy")
    faq(events, "which muscles are in it", "faq/anatomy")
    events.user("why does the back of my knee hurt", "ask_causes", place="behind_knee")
    events.utter("utter_causes_behind_knee").listen()
    events.user("what causes it", "ask_causes").utter("utter_ask_pain_location").listen()
    events.start_check().answer("chest_breathing", "no", "leg_circulation")
    summary = summary_of(events)
    assert summary.topics == {
        "faq/anatomy": 2,
        "causes: behind_knee": 1,
        "causes: place not given": 1,
        CHECK_TOPIC: 1,
    }


def test_out_of_scope_clinic_and_rephrase_messages_are_listed_and_grouped():
    events = Events().session()
    for text in ("what is the capital of france", "capital of spain?", "can you recommend a pizza place"):
        events.user(text, "out_of_scope", 1.0).utter("utter_out_of_scope").listen()
    events.user("how much does an appointment cost", "out_of_scope").utter("utter_clinic_contact").listen()
    events.user("asdfgh", "nlu_fallback", 0.5, ranking=[("nlu_fallback", 0.5), ("stop", 0.2)])
    events.utter("utter_default").listen()
    events.user("/inform_location", "nlu_fallback", 0.5).utter("utter_default").listen()  # a button: left out
    summary = summary_of(events)
    kinds = [(u.kind, u.text, u.guessed_intent) for u in summary.unrecognised]
    assert kinds == [
        (OUT_OF_SCOPE, "what is the capital of france", "out_of_scope"),
        (OUT_OF_SCOPE, "capital of spain?", "out_of_scope"),
        (OUT_OF_SCOPE, "can you recommend a pizza place", "out_of_scope"),
        (CLINIC, "how much does an appointment cost", "out_of_scope"),
        (REPHRASE, "asdfgh", "stop"),
    ]
    groups = summary.unrecognised_groups[OUT_OF_SCOPE]
    assert [g.count for g in groups] == [2, 1]
    assert {text for text, _ in groups[0].messages} == {"what is the capital of france", "capital of spain?"}
    assert [g.count for g in summary.unrecognised_groups[REPHRASE]] == [1]


def test_low_confidence_answers_below_the_threshold_only():
    events = Events().session()
    faq(events, "hamstring stretch ideas", "faq/stretching", confidence=0.65)  # intent unsure
    faq(events, "is it bad", "faq/when_to_see_doctor", confidence=0.99, topic_confidence=0.4)  # topic unsure
    faq(events, "what is the hamstring", "faq/anatomy", confidence=0.9, topic_confidence=0.9)  # sure
    events.user("/start_triage", "start_triage", 0.3).action("triage_form")  # a button press
    summary = summary_of(events, threshold=0.7)
    listed = [(u.text, u.guessed_intent, u.confidence) for u in summary.low_confidence]
    assert listed == [
        ("hamstring stretch ideas", "faq/stretching", 0.65),
        ("is it bad", "faq/when_to_see_doctor", 0.4),
    ]


def test_answers_to_check_questions_are_never_low_confidence_or_topics():
    events = Events().session().start_check()
    events.user("nope none of those", "deny", 0.3).action("triage_form")
    events.slot("triage_chest_breathing", "no").slot(
        "requested_slot", "triage_leg_circulation"
    ).says().listen()
    summary = summary_of(events)
    assert summary.low_confidence == [] and summary.unrecognised == []
    assert summary.topics == {CHECK_TOPIC: 1}


def test_check_outcomes_endings_and_where_people_leave():
    finished = Events().session().start_check().answer("chest_breathing", "no", None).outcome("self_care")
    urgent = Events().session().start_check().answer("chest_breathing", "no", None).outcome("urgent", "today")
    stopped = Events().session().start_check().answer("chest_breathing", "no", "leg_circulation").stop_check()
    left = Events().session().start_check().answer("chest_breathing", "no", "leg_circulation")
    interrupted = Events().session().start_check().emergency("i can't breathe", during_check=True)
    summary = summary_of(finished, urgent, stopped, left, interrupted)
    assert summary.checks_started == 5
    assert summary.check_outcomes == {"self_care": 1, "urgent/today": 1}
    assert summary.check_endings == {"outcome": 2, "stopped": 1, "left": 1, "emergency": 1}
    assert summary.check_left_at == {
        ("leg_circulation", "stopped"): 1,
        ("leg_circulation", "left"): 1,
        ("chest_breathing", "emergency"): 1,
    }
    assert (summary.emergencies_outside_check, summary.emergencies_during_check) == (0, 1)


def test_emergencies_outside_the_check_and_the_share_that_reached_an_answer():
    emergency = Events().session().emergency("I have chest pain and my calf is swollen")
    answered = faq(Events().session(), "what is the hamstring", "faq/anatomy")
    checked = Events().session().start_check().answer("chest_breathing", "no", None).outcome("self_care")
    nothing = Events().session().user("hello", "greet").utter("utter_greet").listen()
    summary = summary_of(emergency, answered, checked, nothing)
    assert summary.emergencies_outside_check == 1 and summary.emergencies_during_check == 0
    assert summary.reached == {"knowledge": 1, "check_outcome": 1, "emergency": 1, "any": 3}
    assert summary.share_reached_answer == pytest.approx(0.75)
    assert summary.unrecognised == [] and summary.low_confidence == []


def test_an_empty_period_counts_nothing():
    summary = summary_of()
    assert summary.conversations == 0 and summary.share_reached_answer == 0.0
    assert all(count == 0 for count in summary.conversations_per_day.values())
