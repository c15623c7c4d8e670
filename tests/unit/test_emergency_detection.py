"""The emergency decision used by the EmergencyPolicy and by the NLU benchmark."""

from clinical.emergency import has_warning_sign, is_emergency, story_may_be_serious


def parse(intent="faq", confidence=0.9, ranking=(), entities=()):
    return {
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
        "entities": list(entities),
    }


def test_emergency_intent_is_an_emergency():
    assert is_emergency(parse("report_emergency", 0.95))


def test_emergency_sign_entity_is_an_emergency_whatever_the_intent():
    assert is_emergency(parse("faq", 0.99, entities=[{"entity": "emergency_sign", "value": "chest_pain"}]))


def test_emergency_intent_lower_in_the_ranking_still_counts_above_the_threshold():
    assert is_emergency(parse("nlu_fallback", 0.5, ranking=[("report_emergency", 0.45), ("faq", 0.3)]))


def test_weak_emergency_intent_and_no_sign_is_not_an_emergency():
    assert not is_emergency(parse("faq", 0.8, ranking=[("faq", 0.8), ("report_emergency", 0.1)]))


def test_other_entities_are_not_emergencies():
    assert not is_emergency(
        parse("ask_causes", 0.9, entities=[{"entity": "pain_location", "value": "upper"}])
    )


def test_a_clear_answer_to_the_check_question_needs_an_affirmed_sign():
    parse = {"intent": {"name": "report_emergency", "confidence": 0.6}, "entities": []}
    assert not is_emergency(parse, sign_required=True), "'not cold, not pale': the intent alone is not enough"
    assert is_emergency(parse), "the same intent outside an answer still is"
    parse["entities"] = [{"entity": "emergency_sign", "value": "breathless"}]
    assert is_emergency(parse, sign_required=True), "'no, but I can't breathe' still is"


def test_the_answer_is_read_only_when_the_intent_alone_would_decide():
    calls = []

    def answers() -> bool:
        calls.append(1)
        return True

    assert not is_emergency(parse("faq", 0.99), sign_required=answers)
    sign = parse("faq", 0.99, entities=[{"entity": "emergency_sign", "value": "chest_pain"}])
    assert is_emergency(sign, sign_required=answers)
    assert calls == [], "no intent and a sign both decide without reading the answer"
    assert not is_emergency(parse("report_emergency", 0.9), sign_required=answers)
    assert calls == [1]


def test_a_warning_sign_entity_is_a_warning_sign_not_an_emergency():
    parse_ = parse("out_of_scope", 0.9, entities=[{"entity": "warning_sign", "value": "cannot_bear_weight"}])
    assert has_warning_sign(parse_) and not is_emergency(parse_)
    assert not has_warning_sign(parse("faq", 0.9, entities=[{"entity": "pain_location", "value": "upper"}]))


def test_a_story_needs_a_named_emergency_sign_the_intent_alone_routes_it_to_the_check():
    story = {**parse("report_emergency", 0.8), "story": True}
    assert not is_emergency(story), "a story's intent alone does not get 'call now'"
    assert story_may_be_serious(story), "it gets the emergency signs with the number, then the check"
    named = {**story, "entities": [{"entity": "emergency_sign", "value": "chest_pain"}]}
    assert is_emergency(named), "a story that names an emergency sign still gets 'call now'"
    assert not story_may_be_serious(named)


def test_a_story_the_intent_does_not_point_at_is_not_possibly_serious():
    story = {**parse("faq", 0.9, ranking=[("faq", 0.9), ("report_emergency", 0.1)]), "story": True}
    assert not is_emergency(story)
    assert not story_may_be_serious(story)


def test_a_short_message_is_never_routed_as_a_story():
    assert not story_may_be_serious(parse("report_emergency", 0.9))
    assert is_emergency(parse("report_emergency", 0.9))
