"""Finding the question in a message that tells a story first (clinical.story)."""

import pytest

from clinical.story import MIN_STORY_WORDS, Sentence, capped, focus, is_question, is_story, questions


def sentences(*texts):
    out, start = [], 0
    for text in texts:
        out.append(Sentence(text, start, start + len(text)))
        start += len(text) + 1
    return out


def words(parts):
    return sum(len(s.text.split()) for s in parts)


@pytest.mark.parametrize(
    "text",
    [
        "is two weeks off enough?",
        "so when can i play again",
        "but should i keep stretching it",
        "any tips for getting back to sprinting",
        "just wondering if ice is still a good idea",
        "what can i do to speed it up",
    ],
)
def test_questions_are_found_with_or_without_a_question_mark(text):
    assert is_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "tore it at football on saturday.",
        "physio said to rest for two weeks.",
        "it's been getting better slowly.",
    ],
)
def test_statements_are_not_questions(text):
    assert not is_question(text)


STORY = sentences(
    "Hurt my hamstring playing baseball with some friends about two weeks ago.",
    "The doctor said to ease back into sport gradually and to keep stretching every day.",
    "We have a big game next weekend and I do not want to miss it at all.",
    "Is two weeks off enough?",
)


def test_a_story_keeps_its_question_and_the_sentence_before_it():
    assert words(STORY) >= MIN_STORY_WORDS
    assert [s.text for s in focus(STORY, words(STORY))] == [STORY[2].text, STORY[3].text]
    assert [s.text for s in questions(focus(STORY, words(STORY)))] == ["Is two weeks off enough?"]


def test_a_short_message_is_read_whole():
    short = sentences("Pulled it yesterday.", "When can I run?")
    assert focus(short, words(short)) is None


def test_a_story_without_a_question_is_read_whole():
    no_question = STORY[:3]
    assert focus(no_question, words(no_question)) is None


def test_every_sentence_a_question_is_read_whole():
    all_questions = sentences(*(["What is the hamstring made of and where does it attach exactly?"] * 3))
    assert focus(all_questions, words(all_questions)) is None


def test_capped_keeps_the_opening_and_the_end():
    assert capped(list(range(10)), 4) == [0, 1, 8, 9]
    assert capped(list(range(10)), 5) == [0, 1, 2, 8, 9]
    assert capped(list(range(3)), 4) == [0, 1, 2]
    assert capped(list(range(3)), None) == [0, 1, 2]


def test_a_story_has_two_sentences_and_enough_words():
    assert is_story(2, MIN_STORY_WORDS)
    assert not is_story(1, 200), "one long sentence is not a story"
    assert not is_story(3, MIN_STORY_WORDS - 1), "a few short sentences are not a story"
