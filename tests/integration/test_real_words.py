"""Real people's words, end to end: offers followed through, a warning sign said first, a place
named in everyday words, bookings sent to the clinic's contact line, two questions answered in one
reply, and a story that may be serious without naming an emergency sign."""

from tests.integration.test_triage_conversations import FIRST

OFFERING_QUESTION = "when is it worth seeing a doctor about hamstring pain?"


def test_yes_to_an_offered_check_starts_it(chat):
    chat.say(OFFERING_QUESTION)
    assert "/start_triage" in [b["payload"] for b in chat.buttons]
    chat.say("yes please")
    assert FIRST in chat.text, chat.text
    assert [b["title"] for b in chat.buttons] == ["Yes", "No", "Not sure"]


def test_no_to_an_offer_gets_a_short_acknowledgement(chat):
    chat.say(OFFERING_QUESTION)
    chat.say("nope")
    assert chat.text.startswith("No problem."), chat.text


def test_yes_to_nothing_offered_asks_what_they_would_like(chat):
    chat.say("what muscles make up the hamstring?")
    assert "/start_triage" not in [b["payload"] for b in chat.buttons]
    chat.say("yes")
    assert chat.text.startswith("Sorry, I didn't quite get that"), chat.text
    assert FIRST not in chat.text


def test_a_warning_sign_in_a_question_is_said_first_then_the_check_starts(chat):
    chat.say(
        "sprinting for the bus i felt a pop in my hamstring and now there's massive bruising. "
        "how long does a hamstring tear take to heal?"
    )
    assert len(chat.last) >= 2, chat.last
    assert chat.last[0]["text"].startswith("First: something you mentioned can be a warning sign")
    assert FIRST in chat.last[1]["text"], chat.last[1]
    chat.say("no")  # the check goes on from its first question
    assert "cold, pale or blue" in chat.text, chat.text


def test_a_place_in_everyday_words_gets_the_answer_for_that_place(chat):
    chat.say("why does it ache right under my bum when i sit on hard chairs?")
    assert chat.text.startswith("Pain high up, near the buttock and sitting bone"), chat.text


def test_a_warning_sign_starts_the_check_whatever_the_message_is_about(chat):
    chat.say("morning! since i fell off my bike last night i can't put any weight on my left leg")
    assert chat.last[0]["text"].startswith("First: something you mentioned can be a warning sign"), chat.last
    assert FIRST in chat.last[-1]["text"], chat.last


def test_two_questions_in_one_message_get_both_answers_in_one_reply(chat):
    chat.say("how long does a grade 2 hamstring strain take to heal? and is ibuprofen ok?")
    texts = [m.get("text", "") for m in chat.last]
    assert len(texts) == 2, texts
    assert texts[0].startswith("Hamstring strains are graded by severity"), texts[0]
    assert texts[1].startswith("Paracetamol (acetaminophen) is an option for pain"), texts[1]


def test_one_question_gets_one_answer(chat):
    chat.say("how long does a pulled hamstring take to heal?")
    assert len(chat.last) == 1, chat.last


def test_a_story_the_intent_calls_an_emergency_without_a_named_sign_gets_the_signs_then_the_check(chat):
    # No emergency sign the EntityRuler knows is named, so not "call now": the emergency signs with
    # the number, then the check, which asks the emergency questions first.
    chat.say(
        "My dad is 70 and had his knee done last month. Tonight his whole leg looks different "
        "and he keeps saying he feels wrong. What do we do?"
    )
    assert chat.last[0]["text"].startswith("Some of what you describe could be serious"), chat.last
    assert FIRST in chat.last[-1]["text"], chat.last
