"""The scope rule: a message about the hamstring gets the best knowledge answer, not "can't help"."""

from clinical.scope import knowledge_intent, names_the_scope

RANKING = [
    {"name": "out_of_scope", "confidence": 0.55},
    {"name": "report_emergency", "confidence": 0.2},
    {"name": "faq", "confidence": 0.15},
    {"name": "ask_causes", "confidence": 0.1},
]


def test_the_hamstring_or_a_covered_place_is_in_scope():
    assert names_the_scope(["knee", "hamstring"], [])
    assert names_the_scope(["semitendinosus"], [])
    assert names_the_scope([], [{"entity": "pain_location", "value": "upper"}])
    assert not names_the_scope(["knee", "calf"], [])


def test_out_of_scope_about_the_hamstring_gets_the_best_knowledge_intent():
    assert knowledge_intent("out_of_scope", RANKING, in_scope=True, asks_the_clinic=False)["name"] == "faq"
    places_first = RANKING[::-1]
    with_place = knowledge_intent("nlu_fallback", places_first, True, False, names_a_place=True)
    assert with_place["name"] == "ask_causes"
    without_place = knowledge_intent("nlu_fallback", places_first, True, False)
    assert without_place["name"] == "faq", "without a place, the causes answer only asks where it hurts"


def test_other_messages_keep_their_intent():
    assert knowledge_intent("out_of_scope", RANKING, in_scope=False, asks_the_clinic=False) is None
    assert knowledge_intent("out_of_scope", RANKING, in_scope=True, asks_the_clinic=True) is None, "insurance"
    assert knowledge_intent("greet", RANKING, in_scope=True, asks_the_clinic=False) is None
    assert knowledge_intent("out_of_scope", RANKING[:2], in_scope=True, asks_the_clinic=False) is None
    assert knowledge_intent("out_of_scope", RANKING[::3], in_scope=True, asks_the_clinic=False) is None
