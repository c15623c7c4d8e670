"""Two questions in one message: which second topic is answered, and the action that says it."""

from rasa_sdk.executor import CollectingDispatcher

from actions.answers import ActionAnswerSecondQuestion
from clinical.two_questions import QuestionTopic, asking, second_answer
from tests.unit.conftest import create_tracker


def test_questions_are_found_by_sentence():
    assert asking(["how long will it take to heal?", "can I take ibuprofen?"]) == [0, 1]
    assert asking(["I pulled it at football.", "how long will it take to heal?"]) == [1]


def test_the_question_the_first_answer_does_not_cover_is_answered_second():
    questions = [QuestionTopic(0, "faq/grades_recovery", 0.9), QuestionTopic(1, "faq/medicines", 0.8)]
    assert second_answer("faq/grades_recovery", questions) == questions[1]
    assert second_answer("faq/medicines", questions) == questions[0], "whichever the first answer took"


def test_one_question_gets_one_answer():
    assert second_answer("faq/grades_recovery", [QuestionTopic(0, "faq/medicines", 0.99)]) is None


def test_two_questions_on_the_first_answers_topic_get_one_answer():
    questions = [QuestionTopic(0, "faq/anatomy", 0.9), QuestionTopic(1, "faq/anatomy", 0.7)]
    assert second_answer("faq/anatomy", questions) is None


def test_an_improbable_second_topic_is_not_answered():
    questions = [QuestionTopic(0, "faq/anatomy", 0.9), QuestionTopic(1, "faq/medicines", 0.3)]
    assert second_answer("faq/anatomy", questions) is None
    assert second_answer("faq/anatomy", questions, min_probability=0.2) == questions[1]


def test_of_several_other_topics_the_most_probable_is_answered():
    questions = [
        QuestionTopic(0, "faq/anatomy", 0.9),
        QuestionTopic(1, "faq/medicines", 0.6),
        QuestionTopic(2, "faq/imaging", 0.7),
    ]
    assert second_answer("faq/anatomy", questions) == questions[2]


def test_no_first_answer_no_second():
    questions = [QuestionTopic(0, "faq/anatomy", 0.9), QuestionTopic(1, "faq/medicines", 0.9)]
    assert second_answer(None, questions) is None


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
