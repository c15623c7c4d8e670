"""The scope rule: what a message names decides whether it is answered (clinical/scope.py)."""

from clinical.scope import names_the_scope, scope_intent

RANKING = [
    {"name": "out_of_scope", "confidence": 0.55},
    {"name": "report_emergency", "confidence": 0.2},
    {"name": "faq", "confidence": 0.15},
    {"name": "ask_causes", "confidence": 0.1},
]
FAQ_FIRST = [{"name": "faq", "confidence": 0.7}, {"name": "out_of_scope", "confidence": 0.2}]
STORY = 60  # words


def test_the_hamstring_a_covered_place_or_a_named_condition_is_in_scope():
    assert names_the_scope(["knee", "hamstring"], [])
    assert names_the_scope(["semitendinosus"], [])
    assert names_the_scope([], [{"entity": "pain_location", "value": "upper"}])
    assert names_the_scope([], [], ["bakers_cyst"])
    assert not names_the_scope(["knee", "calf"], [])


def test_out_of_scope_about_the_hamstring_gets_the_best_knowledge_intent():
    assert scope_intent("out_of_scope", RANKING, in_scope=True, asks_the_clinic=False)["name"] == "faq"
    places_first = RANKING[::-1]
    with_place = scope_intent("nlu_fallback", places_first, True, False, names_a_place=True)
    assert with_place["name"] == "ask_causes"
    without_place = scope_intent("nlu_fallback", places_first, True, False)
    assert without_place["name"] == "faq", "without a place, the causes answer only asks where it hurts"


def test_a_story_that_names_nothing_in_scope_is_out_of_scope():
    replaced = scope_intent("faq", FAQ_FIRST, in_scope=False, asks_the_clinic=False, word_count=STORY)
    assert replaced == {"name": "out_of_scope", "confidence": 0.2}
    assert scope_intent("faq", FAQ_FIRST[:1], False, False, word_count=STORY)["name"] == "out_of_scope"


def test_other_messages_keep_their_intent():
    assert scope_intent("out_of_scope", RANKING, in_scope=False, asks_the_clinic=False) is None
    assert scope_intent("out_of_scope", RANKING, in_scope=True, asks_the_clinic=True) is None, "insurance"
    assert scope_intent("greet", RANKING, in_scope=True, asks_the_clinic=False) is None
    assert scope_intent("out_of_scope", RANKING[:2], in_scope=True, asks_the_clinic=False) is None
    assert (
        scope_intent("faq", FAQ_FIRST, False, False, word_count=10) is None
    ), "short questions: the classifiers"
    assert scope_intent("start_triage", FAQ_FIRST, False, False, word_count=STORY) is None, "the check"
    assert scope_intent("report_emergency", FAQ_FIRST, False, False, word_count=STORY) is None
