"""The red-flag engine against every row of the clinical table (clinical/triage.yml)."""

import pytest
import yaml

from clinical.deployment import Deployment
from clinical.triage_engine import (
    EMERGENCY,
    NO,
    NOT_SURE,
    SEE_DOCTOR,
    SELF_CARE,
    SPEC_PATH,
    URGENT,
    YES,
    default_spec,
    load_spec,
    next_question,
    outcome,
    outcome_message,
    questions_to_ask,
)

SPEC = default_spec()
OTTAWA = ["ottawa_age", "ottawa_fibula", "ottawa_kneecap", "ottawa_flexion"]


def run_check(overrides: dict[str, str], default: str = NO) -> tuple[dict[str, str], list[str]]:
    """Answers every question the engine asks: `overrides` where given, else `default`."""
    answers: dict[str, str] = {}
    asked: list[str] = []
    while (question := next_question(SPEC, answers)) is not None:
        asked.append(question.id)
        answers[question.id] = overrides.get(question.id, default)
    return answers, asked


def test_questions_come_in_the_reviewed_order_most_dangerous_first():
    _, asked = run_check({})
    assert asked == [
        "chest_breathing",
        "leg_circulation",
        "calf_clot",
        "infection",
        "injury",
        "deformity",
        "pop_bruising",
        "nerve",
        "locked_knee",
        "persistent",
    ]


def test_no_red_flags_means_self_care():
    answers, _ = run_check({})
    result = outcome(SPEC, answers)
    assert result.level == SELF_CARE
    assert result.reasons == ()


@pytest.mark.parametrize("question_id", ["chest_breathing", "leg_circulation"])
@pytest.mark.parametrize("answer", [YES, NOT_SURE])
def test_emergency_rows_stop_the_check_at_once(question_id, answer):
    answers, asked = run_check({question_id: answer})
    assert asked[-1] == question_id, "nothing may be asked after an emergency answer"
    assert outcome(SPEC, answers).level == EMERGENCY


@pytest.mark.parametrize(
    "question_id, extra",
    [
        ("calf_clot", {}),
        ("infection", {}),
        ("weight_bearing", {"injury": YES}),
        ("deformity", {}),
        ("pop_bruising", {}),
        ("nerve", {}),
        ("locked_knee", {}),
    ],
)
@pytest.mark.parametrize("answer", [YES, NOT_SURE])
def test_urgent_rows_give_urgent_and_the_check_goes_on(question_id, extra, answer):
    answers, asked = run_check({question_id: answer, **extra})
    assert question_id in asked
    assert asked[-1] != question_id, "an urgent answer does not stop the check"
    result = outcome(SPEC, answers)
    assert result.level == URGENT
    assert SPEC.question(question_id).reason in result.reasons


def test_persistent_pain_means_see_a_doctor():
    answers, _ = run_check({"persistent": YES})
    assert outcome(SPEC, answers).level == SEE_DOCTOR


def test_not_sure_is_not_a_yes_for_the_see_doctor_question():
    answers, _ = run_check({"persistent": NOT_SURE})
    assert outcome(SPEC, answers).level == SELF_CARE


def test_all_not_sure_stops_at_the_first_question_as_an_emergency():
    answers, asked = run_check({}, default=NOT_SURE)
    assert asked == ["chest_breathing"]
    assert outcome(SPEC, answers).level == EMERGENCY


def test_the_most_serious_level_wins():
    answers, _ = run_check({"persistent": YES, "nerve": YES})
    assert outcome(SPEC, answers).level == URGENT


def test_weight_bearing_is_asked_only_after_an_injury():
    _, asked = run_check({"injury": NO})
    assert "weight_bearing" not in asked
    _, asked = run_check({"injury": YES})
    assert "weight_bearing" in asked


def test_ottawa_items_are_asked_after_an_injury_when_weight_bearing_was_possible():
    _, asked = run_check({"injury": YES, "weight_bearing": NO})
    assert asked[-4:] == OTTAWA


def test_ottawa_items_are_skipped_without_an_injury_or_when_weight_bearing_failed():
    _, asked = run_check({"injury": NO})
    assert not set(OTTAWA) & set(asked)
    _, asked = run_check({"injury": YES, "weight_bearing": YES})
    assert not set(OTTAWA) & set(asked)


@pytest.mark.parametrize("item", OTTAWA)
def test_any_ottawa_item_advises_an_x_ray(item):
    answers, _ = run_check({"injury": YES, "weight_bearing": NO, item: YES})
    result = outcome(SPEC, answers)
    assert result.x_ray_advised
    assert result.level == URGENT


def test_no_ottawa_item_means_no_x_ray_advice():
    answers, _ = run_check({"injury": YES, "weight_bearing": NO})
    result = outcome(SPEC, answers)
    assert not result.x_ray_advised
    assert result.level == SELF_CARE


def test_required_path_lists_answered_questions_then_the_next_one():
    assert questions_to_ask(SPEC, {}) == ["chest_breathing"]
    assert questions_to_ask(SPEC, {"chest_breathing": NO}) == ["chest_breathing", "leg_circulation"]
    assert questions_to_ask(SPEC, {"chest_breathing": YES}) == ["chest_breathing"]


def test_escalation_to_emergency_when_an_earlier_question_flags(tmp_path):
    """Row 3's "emergency if question 1 was yes", on a spec where question 1 does not stop the check.

    With the reviewed order question 1 is itself an emergency and ends the check first, so the
    mechanism is checked on a copy of triage.yml whose question 1 sets `urgent`.
    """
    raw = yaml.safe_load(SPEC_PATH.read_text())
    raw["questions"][0]["if_yes"] = URGENT
    path = tmp_path / "triage.yml"
    path.write_text(yaml.safe_dump(raw))
    spec = load_spec(path)
    answers = {"chest_breathing": YES, "leg_circulation": NO, "calf_clot": YES}
    assert questions_to_ask(spec, answers) == ["chest_breathing", "leg_circulation", "calf_clot"]
    assert next_question(spec, answers) is None, "the escalated answer stops the check"
    assert outcome(spec, answers).level == EMERGENCY
    assert outcome(spec, {**answers, "calf_clot": NO, "infection": NO}).level == URGENT


def test_outcome_message_has_level_actions_summary_and_disclaimer():
    answers, _ = run_check({"injury": YES, "weight_bearing": YES})
    deployment = Deployment(emergency_number="999", urgent_care="an urgent treatment centre (or NHS 111)")
    message = outcome_message(SPEC, outcome(SPEC, answers), deployment.as_template_values())
    assert message.startswith("Urgent, get seen today.")
    assert "an urgent treatment centre (or NHS 111)" in message and "999" in message
    assert "After an injury, cannot put weight on the leg or take four steps: Yes" in message
    assert "Chest pain, sudden breathlessness, or coughing blood: No" in message
    assert "not a diagnosis" in message
    assert "{" not in message


def test_every_question_has_two_rephrasings_and_a_reason_when_it_sets_a_level():
    for question in SPEC.questions:
        assert len(question.rephrase) >= 2
        assert question.wording(0) == question.question
        assert question.wording(1) != question.wording(2)
        if question.if_yes:
            assert question.reason
