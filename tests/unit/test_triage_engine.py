"""The red-flag engine against every row of the clinical table (clinical/triage.yml)."""

import pytest
import yaml

from clinical.deployment import Deployment
from clinical.triage_engine import (
    EMERGENCY,
    IN_PERSON,
    NO,
    NOT_SURE,
    SEE_DOCTOR,
    SELF_CARE,
    SPEC_PATH,
    URGENT,
    WITHIN_DAYS,
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
EMERGENCY_QUESTIONS = [
    "chest_breathing",
    "leg_circulation",
    "cauda_equina",
    "compartment",
    "dislocation_open_fracture",
    "sepsis",
]
RECENT_KNEE_INJURY = {"injury": YES, "weight_bearing": NO, "recent_knee_injury": YES}


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
        *EMERGENCY_QUESTIONS,
        "calf_clot",
        "infection",
        "injury",
        "weight_bearing_no_injury",
        "deformity",
        "pop_bruising",
        "nerve",
        "locked_knee",
        "persistent",
        "lump",
    ]


def test_no_red_flags_means_self_care():
    answers, _ = run_check({})
    result = outcome(SPEC, answers)
    assert result.level == SELF_CARE
    assert result.reasons == ()


def test_revision_2_emergency_questions_come_right_after_question_2():
    assert SPEC.question_ids[: len(EMERGENCY_QUESTIONS)] == EMERGENCY_QUESTIONS


@pytest.mark.parametrize("question_id", EMERGENCY_QUESTIONS)
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
        ("weight_bearing_no_injury", {"injury": NO}),
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


@pytest.mark.parametrize("question_id", ["persistent", "lump"])
def test_lasting_pain_or_a_worrying_lump_means_see_a_doctor(question_id):
    answers, _ = run_check({question_id: YES})
    assert outcome(SPEC, answers).level == SEE_DOCTOR


def test_a_hot_swollen_knee_is_sent_to_be_seen_in_person_never_to_a_helpline_alone():
    answers, _ = run_check({"infection": YES})
    result = outcome(SPEC, answers)
    assert (result.level, result.urgent_wording) == (URGENT, IN_PERSON)
    message = outcome_message(SPEC, result, Deployment("999", "NHS 111").as_template_values())
    assert "an emergency department or an urgent care centre today" in message
    assert "phone line alone is not enough" in message


def test_not_bearing_weight_without_an_injury_is_urgent_in_person():
    answers, _ = run_check({"injury": NO, "weight_bearing_no_injury": YES})
    result = outcome(SPEC, answers)
    assert (result.level, result.urgent_wording) == (URGENT, IN_PERSON)


def test_a_pop_with_bruising_alone_is_urgent_within_the_next_few_days_not_today():
    answers, _ = run_check({"injury": YES, "pop_bruising": YES})
    result = outcome(SPEC, answers)
    assert (result.level, result.urgent_wording) == (URGENT, WITHIN_DAYS)
    message = outcome_message(SPEC, result, Deployment("999", "NHS 111").as_template_values())
    assert "within the next few days" in message
    assert "today" not in message.split("\n\n")[0] + message.split("\n\n")[1]


def test_a_same_day_flag_beats_a_within_days_flag():
    answers, _ = run_check({"injury": YES, "pop_bruising": YES, "nerve": YES})
    assert outcome(SPEC, answers).urgent_wording not in (WITHIN_DAYS, None)


def test_not_sure_is_not_a_yes_for_the_see_doctor_question():
    answers, _ = run_check({"persistent": NOT_SURE})
    assert outcome(SPEC, answers).level == SELF_CARE


def test_emergency_outcome_starts_with_the_action():
    answers, _ = run_check({"sepsis": YES})
    message = outcome_message(SPEC, outcome(SPEC, answers), Deployment("999", "NHS 111").as_template_values())
    assert message.startswith("Call 999 now.")


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


def test_ottawa_items_are_asked_after_a_recent_knee_injury_when_weight_bearing_was_possible():
    _, asked = run_check(RECENT_KNEE_INJURY)
    assert asked[-5:] == ["recent_knee_injury", *OTTAWA]


def test_ottawa_items_are_skipped_without_an_injury_or_when_weight_bearing_failed():
    _, asked = run_check({"injury": NO})
    assert not set(OTTAWA) & set(asked)
    _, asked = run_check({"injury": YES, "weight_bearing": YES})
    assert not set(OTTAWA) & set(asked)


def test_ottawa_items_are_skipped_after_an_old_injury_or_one_away_from_the_knee():
    _, asked = run_check({"injury": YES, "weight_bearing": NO, "recent_knee_injury": NO})
    assert "recent_knee_injury" in asked
    assert not set(OTTAWA) & set(asked)


@pytest.mark.parametrize("item", OTTAWA)
def test_any_ottawa_item_advises_an_x_ray(item):
    answers, _ = run_check({**RECENT_KNEE_INJURY, item: YES})
    result = outcome(SPEC, answers)
    assert result.x_ray_advised
    assert (result.level, result.urgent_wording) == (URGENT, IN_PERSON)


def test_no_ottawa_item_means_no_x_ray_advice():
    answers, _ = run_check(RECENT_KNEE_INJURY)
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
    no_emergency = dict.fromkeys(EMERGENCY_QUESTIONS[1:], NO)
    answers = {"chest_breathing": YES, **no_emergency, "calf_clot": YES}
    assert questions_to_ask(spec, answers) == [*EMERGENCY_QUESTIONS, "calf_clot"]
    assert next_question(spec, answers) is None, "the escalated answer stops the check"
    assert outcome(spec, answers).level == EMERGENCY
    assert outcome(spec, {**answers, "calf_clot": NO, "infection": NO}).level == URGENT


def test_outcome_message_has_level_actions_summary_and_disclaimer():
    answers, _ = run_check({"injury": YES, "weight_bearing": YES})
    deployment = Deployment(emergency_number="999", urgent_care="an urgent treatment centre (or NHS 111)")
    message = outcome_message(SPEC, outcome(SPEC, answers), deployment.as_template_values())
    assert message.startswith("Urgent, get seen in person today. Please get seen in person today.")
    assert "an emergency department or an urgent care centre" in message and "999" in message
    assert "After an injury, cannot put weight on the leg or take four steps: Yes" in message
    assert "Now or in the last day, chest pain, sudden breathlessness, coughing blood" in message
    assert "not a diagnosis" in message
    assert "{" not in message


def test_every_question_has_two_rephrasings_and_a_reason_when_it_sets_a_level():
    for question in SPEC.questions:
        assert len(question.rephrase) >= 2
        assert question.wording(0) == question.question
        assert question.wording(1) != question.wording(2)
        if question.if_yes:
            assert question.reason
