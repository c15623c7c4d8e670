"""Conversation tests of the red-flag check, end to end: REST channel -> Rasa -> action server.

Every disposition path, each early stop, the Ottawa items, unclear answers, an interruption,
cancel and restart, emergencies caught before, during and after the check, a new check after a
stop or an emergency, and a message too long to read.
"""

import threading
import time

import pytest

FIRST = "chest pain, sudden shortness of breath"
DOES_NOT_APPLY = "/deny"


def answer_until_outcome(
    chat, answers: dict[str, str], default: str = DOES_NOT_APPLY, limit: int = 30
) -> dict:
    """Answers each question: with answers[<words in the question>] when they match, else default."""
    for _ in range(limit):
        if chat.custom:
            return chat.custom[0]["triage"]
        question = chat.text
        reply = next((a for words, a in answers.items() if words in question), default)
        chat.say(reply)
    pytest.fail(f"no outcome after {limit} answers; last message: {chat.text}")


def start_check(chat, trigger: str = "check my symptoms"):
    chat.say(trigger)
    assert FIRST in chat.text, chat.text
    assert [b["title"] for b in chat.buttons] == ["Yes", "No", "Not sure"]


def test_no_red_flags_gives_self_care(chat):
    start_check(chat)
    outcome = answer_until_outcome(chat, {})
    assert outcome["level"] == "self_care"
    assert set(outcome["answers"]) >= {"chest_breathing", "persistent"}
    assert "Self-care" in chat.text and "not a diagnosis" in chat.text


def test_lasting_pain_gives_see_a_doctor(chat):
    start_check(chat, "should I see a doctor?")
    outcome = answer_until_outcome(chat, {"lasted more than a few days": "yes, it's been 3 weeks"})
    assert outcome["level"] == "see_doctor"
    assert "GP or physiotherapist" in chat.text


def test_swollen_calf_in_free_text_gives_urgent_with_the_deployment_route(chat):
    start_check(chat, "is this serious?")
    outcome = answer_until_outcome(chat, {"calf or the back of your knee": "my calf is really swollen"})
    assert outcome["level"] == "urgent"
    assert outcome["answers"]["calf_clot"] == "yes"
    assert "an urgent treatment centre (or NHS 111)" in chat.text and "999" in chat.text
    assert "blood clot (DVT)" in chat.text


def test_emergency_answer_stops_the_check_at_once(chat):
    start_check(chat)
    chat.say("/affirm")
    outcome = chat.custom[0]["triage"]
    assert outcome["level"] == "emergency" and outcome["answers"] == {"chest_breathing": "yes"}
    assert outcome["emergency_number"] == "999"
    assert outcome["urgent_care"] == "an urgent treatment centre (or NHS 111)"
    assert chat.text.startswith("Call 999 now.")


def test_not_sure_on_an_emergency_question_counts_as_yes(chat):
    start_check(chat)
    chat.say("nope")
    chat.say("dunno")
    outcome = chat.custom[0]["triage"]
    assert outcome["level"] == "emergency"
    assert outcome["answers"] == {"chest_breathing": "no", "leg_circulation": "not_sure"}


def test_cannot_walk_after_an_injury_is_urgent_and_skips_ottawa(chat):
    start_check(chat)
    outcome = answer_until_outcome(
        chat, {"start with an injury": "yeah a bit", "too painful to stand": "i can't walk on it at all"}
    )
    assert outcome["level"] == "urgent"
    assert outcome["answers"]["weight_bearing"] == "yes"
    assert not any(key.startswith("ottawa") for key in outcome["answers"])


def test_ottawa_item_after_an_injury_advises_an_x_ray(chat):
    start_check(chat)
    outcome = answer_until_outcome(
        chat,
        {
            "start with an injury": "/affirm",
            "too painful to stand": "/deny",
            "knee itself that got hurt": "yes, on saturday",
            "head of the fibula": "/affirm",
        },
    )
    assert outcome["level"] == "urgent" and outcome["urgent_wording"] == "in_person"
    assert outcome["answers"]["ottawa_fibula"] == "yes"
    assert "Ottawa knee rule says an X-ray is advised" in chat.text


def test_ottawa_items_are_not_asked_after_an_old_injury(chat):
    start_check(chat)
    outcome = answer_until_outcome(
        chat,
        {
            "start with an injury": "/affirm",
            "too painful to stand": "/deny",
            "knee itself": "no, 3 weeks ago",
        },
    )
    assert outcome["answers"]["recent_knee_injury"] == "no"
    assert not any(key.startswith("ottawa") for key in outcome["answers"])


def test_plain_answers_with_no_warning_sign_are_not_an_emergency(chat):
    start_check(chat)
    chat.say("I have none of those")
    assert "cold, pale or blue" in chat.text
    chat.say("not cold, not pale")
    assert "numbness around your genitals" in chat.text, chat.text
    chat.say("no, I just had a cold last week")
    assert not chat.custom and "Call 999" not in chat.text


def test_a_24_year_old_answers_the_age_question_with_a_number(chat):
    start_check(chat)
    outcome = answer_until_outcome(
        chat,
        {
            "start with an injury": "/affirm",
            "too painful to stand": "/deny",
            "knee itself that got hurt": "/affirm",
            "55 or older": "i'm 24",
        },
    )
    assert outcome["answers"]["ottawa_age"] == "no"
    assert outcome["level"] == "self_care"


def test_unclear_answers_are_asked_again_in_other_words_then_count_as_not_sure(chat):
    start_check(chat)
    for _ in range(6):  # the six emergency questions
        chat.say("/deny")
    assert "calf or the back of your knee" in chat.text
    chat.say("purple monkey dishwasher")
    assert "Put another way" in chat.text
    chat.say("purple monkey dishwasher")
    assert "any swelling, warmth" in chat.text
    chat.say("purple monkey dishwasher")
    assert "fever" in chat.text.lower(), "after three unclear answers the check moves on"
    outcome = answer_until_outcome(chat, {})
    assert outcome["answers"]["calf_clot"] == "not_sure"
    assert outcome["level"] == "urgent"


def test_a_greeting_during_the_check_gets_the_same_question_again(chat):
    start_check(chat)
    chat.say("/deny")
    assert "cold, pale or blue" in chat.text
    chat.say("hello")
    assert "cold, pale or blue" in chat.text and "didn't quite get" not in chat.text
    assert answer_until_outcome(chat, {})["level"] == "self_care"


def test_question_in_the_middle_is_answered_then_the_same_question_is_asked_again(chat):
    start_check(chat)
    chat.say("/deny")
    assert "cold, pale or blue" in chat.text
    chat.say("what is pes anserine bursitis?")
    assert "sartorius" in chat.text
    assert "cold, pale or blue" in chat.text, "the check resumes at the same question"
    assert answer_until_outcome(chat, {})["level"] == "self_care"


def test_stop_asks_to_confirm_then_ends_the_check(chat):
    start_check(chat)
    chat.say("stop")
    assert "stop the symptom check?" in chat.text
    chat.say("/affirm")
    assert "stopped the check" in chat.text
    chat.say("what muscles make up the hamstring?")
    assert "semitendinosus" in chat.text and not chat.custom


def test_a_new_check_after_a_stop_starts_from_the_first_question_with_the_introduction(chat):
    start_check(chat)
    chat.say("/deny")
    chat.say("/deny")
    chat.say("stop")
    chat.say("/affirm")
    assert "stopped the check" in chat.text
    start_check(chat)
    assert "quick yes/no questions" in chat.text, "a new check begins with its introduction"
    outcome = answer_until_outcome(chat, {})
    assert outcome["answers"]["chest_breathing"] == "no" and outcome["level"] == "self_care"


def test_a_new_check_after_an_emergency_starts_from_the_first_question(chat):
    start_check(chat)
    chat.say("/deny")
    chat.say("i just passed out and my calf is huge")
    assert chat.text.startswith("Call 999 now.")
    start_check(chat)
    assert "quick yes/no questions" in chat.text
    chat.say("/deny")
    assert "cold, pale or blue" in chat.text, "the old answers are not used"


def test_cancel_then_carry_on_resumes_the_same_question(chat):
    start_check(chat)
    chat.say("/deny")
    chat.say("cancel")
    chat.say("/deny")
    assert "carry on" in chat.text and "cold, pale or blue" in chat.text


def test_start_again_restarts_from_the_first_question(chat):
    start_check(chat)
    chat.say("/deny")
    chat.say("/deny")
    chat.say("start again")
    assert FIRST in chat.text
    assert answer_until_outcome(chat, {})["level"] == "self_care"


def test_follow_up_question_after_the_outcome(chat):
    start_check(chat)
    answer_until_outcome(chat, {})
    chat.say("how long does a hamstring strain take to heal?")
    assert "grade" in chat.text.lower()


@pytest.mark.parametrize(
    "before",
    [[], ["check my symptoms", "/deny"], ["check my symptoms", "/deny", "/deny", "/deny"]],
    ids=["before the check", "during the check", "later in the check"],
)
def test_emergency_sign_anywhere_gets_the_emergency_message(chat, before):
    for message in before:
        chat.say(message)
    chat.say("I have chest pain and my calf is swollen")
    assert "call 999 now" in chat.text.lower()
    assert chat.custom[0]["triage"] == {
        "level": "emergency",
        "source": "emergency_sign",
        "emergency_number": "999",
    }
    chat.say("hello")
    assert "hamstring helper" in chat.text.lower(), "the check is over after an emergency"


def test_emergency_after_an_outcome(chat):
    start_check(chat)
    answer_until_outcome(chat, {})
    chat.say("my leg has gone cold and blue")
    assert "call 999 now" in chat.text.lower()


@pytest.mark.parametrize(
    "message",
    [
        "i just fainted and my calf is swollen",
        "I've wet myself and my groin is numb",
        "there's bone sticking out of my shin",
    ],
)
def test_revision_2_emergency_signs_get_the_emergency_message(chat, message):
    chat.say(message)
    assert chat.text.startswith("Call 999 now.")


def test_out_of_scope_and_rephrase_replies_carry_the_emergency_line(chat):
    chat.say("what's the weather in paris tomorrow")
    assert "Chest pain, breathlessness, or a cold, pale or blue leg means call 999 now." in chat.text


def test_a_100_kb_message_gets_a_polite_reply_within_a_second_and_others_are_not_delayed(assistant):
    long_text = ("my hamstring has been sore for a while and I wonder about it " * 1700)[:100_000]
    other = assistant.conversation()
    other.say("hello")
    baseline = []
    for _ in range(3):
        started = time.perf_counter()
        other.say("what muscles make up the hamstring?")
        baseline.append(time.perf_counter() - started)

    result = {}

    def send_long() -> None:
        started = time.perf_counter()
        result["reply"] = assistant.conversation().say(long_text)
        result["seconds"] = time.perf_counter() - started

    sender = threading.Thread(target=send_long)
    sender.start()
    during = []
    while sender.is_alive() or not during:
        started = time.perf_counter()
        other.say("what muscles make up the hamstring?")
        during.append(time.perf_counter() - started)
    sender.join()
    assert result["seconds"] < 1.0, result
    assert "too long for me to read" in result["reply"][0]["text"]
    assert max(during) < max(baseline) + 0.5, (during, baseline)
