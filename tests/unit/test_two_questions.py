"""Two questions in one message: when the second-ranked topic is answered too."""

from rasa_sdk.executor import CollectingDispatcher

from actions.answers import ActionAnswerSecondQuestion
from clinical.two_questions import asking, second_answer
from tests.unit.conftest import create_tracker


def ranking(*pairs):
    return [{"intent_response_key": key, "confidence": conf} for key, conf in pairs]


def test_questions_are_found_by_sentence():
    assert asking(["how long will it take to heal?", "can I take ibuprofen?"]) == [0, 1]
    assert asking(["I pulled it at football.", "how long will it take to heal?"]) == [1]


def test_two_questions_and_a_close_second_topic_get_two_answers():
    ranked = ranking(("faq/grades_recovery", 0.45), ("faq/medicines", 0.35), ("faq/anatomy", 0.1))
    assert second_answer(2, ranked) == "faq/medicines"


def test_one_question_gets_one_answer_however_close_the_second_topic():
    ranked = ranking(("faq/grades_recovery", 0.45), ("faq/medicines", 0.44))
    assert second_answer(1, ranked) is None


def test_a_distant_second_topic_is_not_answered():
    ranked = ranking(("faq/grades_recovery", 0.8), ("faq/medicines", 0.1))
    assert second_answer(2, ranked) is None
    assert second_answer(2, ranked, min_ratio=0.1) == "faq/medicines"


def test_nothing_to_add_without_a_second_topic():
    assert second_answer(3, ranking(("faq/anatomy", 0.9))) is None
    assert second_answer(3, []) is None


async def test_the_action_says_the_domain_response_of_the_second_topic():
    second = {"entity": "second_topic", "value": "faq/medicines", "start": 10, "end": 35}
    tracker = create_tracker(
        text="how long? and can I take ibuprofen?", intent="faq", entities=[second], active_loop=None
    )
    dispatcher = CollectingDispatcher()
    assert await ActionAnswerSecondQuestion().run(dispatcher, tracker, {}) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq/medicines"]

    dispatcher = CollectingDispatcher()
    tracker.latest_message["entities"] = []
    await ActionAnswerSecondQuestion().run(dispatcher, tracker, {})
    assert dispatcher.messages == [], "no second topic: nothing more is said"
