"""The one negation rule (clinical/negation.py): clause-bounded NegEx scope, in linear time."""

import time

import pytest

from clinical.negation import NegationScope, chat_language, default_scope, load_terms

NLP = chat_language()


def negated_words(text: str, words: list[str], scope: NegationScope | None = None) -> list[bool]:
    doc = NLP(text)
    spans = []
    for word in words:
        start = next(t.i for t in doc if t.lower_ == word)
        spans.append(doc[start : start + 1])
    return (scope or default_scope()).negated(doc, spans)


@pytest.mark.parametrize(
    "text, words, expected",
    [
        ("no swelling", ["swelling"], [True]),
        ("not cold, not pale", ["cold", "pale"], [True, True]),
        ("no, but my foot is blue", ["blue"], [False]),
        ("no chest pain but i am breathless", ["chest", "breathless"], [True, False]),
        ("no chest pain and my leg is blue", ["blue"], [False]),
        ("it isn't swollen", ["swollen"], [True]),
        ("it isnt swollen", ["swollen"], [True]),
        ("i haven't noticed any redness", ["redness"], [True]),
        ("i dont have a fever", ["fever"], [True]),
        ("no fever or chills", ["fever", "chills"], [True, True]),
        ("without any swelling", ["swelling"], [True]),
        ("the swelling has gone", ["swelling"], [True]),
        # Not negations in a chat.
        ("i can't stop coughing blood", ["blood"], [False]),
        ("no idea why my calf is swollen", ["swollen"], [False]),
        ("not sure if it's swollen", ["swollen"], [False]),
        ("not only swollen but red", ["swollen"], [False]),
        ("no I can walk", ["walk"], [False]),
    ],
)
def test_a_negation_covers_its_own_clause_only(text, words, expected):
    assert negated_words(text, words) == expected


def test_signs_from_the_past_count_as_negated_only_where_asked():
    now = NegationScope(NLP, load_terms(not_now=True))
    assert negated_words("i fainted years ago", ["fainted"], now) == [True]
    assert negated_words("i used to get palpitations", ["palpitations"], now) == [True]
    assert negated_words("i fainted years ago", ["fainted"]) == [False]
    assert negated_words("i fainted this morning", ["fainted"], now) == [False]


def test_clauses_and_their_texts():
    doc = NLP("no chest pain, but my calf is swollen and red")
    clauses = default_scope().clauses(doc)
    assert list(clauses.texts(doc).values()) == ["no chest pain", "my calf is swollen", "red"]
    assert clauses.opened_by[1] == ","


def test_time_grows_linearly_with_the_message():
    sentence = "no chest pain, but my calf is not swollen and i am not short of breath. "
    scope = default_scope()

    def seconds(repeats: int) -> float:
        doc = NLP(sentence * repeats)
        spans = [doc[i : i + 1] for i in range(0, len(doc), 3)]
        started = time.perf_counter()
        scope.negated(doc, spans)
        return time.perf_counter() - started

    seconds(10)  # warm up
    # The fastest of several runs: a busy machine (CI, two cores) only ever adds time.
    small, large = min(seconds(100) for _ in range(7)), min(seconds(1600) for _ in range(7))
    assert large < small * 16 * 3, f"16x the text took {large / small:.1f}x the time"
