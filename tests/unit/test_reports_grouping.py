"""Grouping messages by similarity (reports/grouping.py)."""

from reports.grouping import group_similar


def test_messages_on_one_theme_share_a_group_and_themes_stay_apart():
    groups = group_similar(
        [
            "what is the capital of france",
            "capital of spain?",
            "whats the capital of germany",
            "can you recommend a good pizza place",
            "where can i get good pizza",
            "what time do you open",
            "when are you open on sunday",
        ]
    )
    as_sets = [{text for text, _ in g.messages} for g in groups]
    assert {"what is the capital of france", "capital of spain?", "whats the capital of germany"} in as_sets
    assert {"can you recommend a good pizza place", "where can i get good pizza"} in as_sets
    assert {"what time do you open", "when are you open on sunday"} in as_sets
    assert len(groups) == 3
    assert groups[0].count == 3  # the largest first


def test_the_same_words_are_counted_not_repeated_and_the_example_is_central():
    texts = [
        "Tell me a joke",
        "tell me  a joke",
        "tell me another joke",
        "tell me a joke please",
        "weather today?",
    ]
    jokes, weather = group_similar(texts)
    assert jokes.count == 4 and weather.count == 1
    assert jokes.messages[0] == ("Tell me a joke", 2)  # spacing and case do not make a new message
    assert jokes.example == "Tell me a joke"


def test_no_message_no_group_and_one_message_one_group():
    assert group_similar([]) == []
    assert group_similar(["   "]) == []
    [group] = group_similar(["asdfgh"])
    assert (group.example, group.count) == ("asdfgh", 1)
