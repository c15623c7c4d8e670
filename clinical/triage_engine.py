"""The red-flag check as plain Python: which question comes next, and what the outcome is.

Everything clinical (questions, order, levels, wording) is in `triage.yml`; this module only
applies the rules that file's header describes. No Rasa import: unit-tested directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

import yaml

SPEC_PATH = Path(__file__).with_name("triage.yml")

YES, NO, NOT_SURE = "yes", "no", "not_sure"
ANSWER_WORDS = {YES: "Yes", NO: "No", NOT_SURE: "Not sure"}

# Most serious first; the outcome is the first of these that any flagged question sets.
LEVELS = ("emergency", "urgent", "see_doctor", "self_care")
EMERGENCY, URGENT, SEE_DOCTOR, SELF_CARE = LEVELS
# How an urgent outcome is worded, most pressing first: today (any route), today in person
# (an emergency department or urgent care, never a helpline alone), within the next few days.
URGENT_WORDINGS = ("in_person", "today", "within_days")
IN_PERSON, TODAY, WITHIN_DAYS = URGENT_WORDINGS


@dataclass(frozen=True)
class Question:
    id: str
    asks_about: str
    question: str
    rephrase: tuple[str, ...]
    if_yes: str | None
    not_sure_counts_as_yes: bool
    reason: str | None
    yes_if_text_mentions: tuple[str, ...] = ()
    no_if_text_mentions: tuple[str, ...] = ()
    ask_only_if: Mapping[str, bool] = field(default_factory=dict)
    escalate_to_emergency_if: tuple[str, ...] = ()
    x_ray: bool = False
    urgent_wording: str = TODAY
    age_threshold: int | None = None
    # The question asks about now ("right now or in the last day"): a sign from the past is a no.
    only_now: bool = False
    # The question asks about one thing alone ("the kneecap alone"): a no phrase wins over a yes one.
    no_phrases_win: bool = False

    def flags(self, answer: str | None) -> bool:
        """True when this answer raises the question's level."""
        return answer == YES or (answer == NOT_SURE and self.not_sure_counts_as_yes)

    def wording(self, unclear_answers: int) -> str:
        """The question's text: first as written, then in other words after unclear answers."""
        if unclear_answers <= 0 or not self.rephrase:
            return self.question
        return self.rephrase[min(unclear_answers, len(self.rephrase)) - 1]


@dataclass(frozen=True)
class Level:
    id: str
    name: str
    headline: str
    what_to_do: str
    # Other wordings of the same level (urgent: in_person, within_days), each a Level.
    variants: Mapping[str, Level] = field(default_factory=dict)

    def worded(self, wording: str | None) -> Level:
        return self.variants.get(wording or "", self)


@dataclass(frozen=True)
class Outcome:
    level: str
    reasons: tuple[str, ...]
    x_ray_advised: bool
    answers: Mapping[str, str]
    # For an urgent outcome: in_person, today or within_days; None for the other levels.
    urgent_wording: str | None = None


@dataclass(frozen=True)
class TriageSpec:
    questions: tuple[Question, ...]
    levels: Mapping[str, Level]
    intro: str
    footer: str
    x_ray_advice: str
    # Buttons as {"title": ..., "payload": ...}: under every question, and under the outcome.
    answer_buttons: tuple[Mapping[str, str], ...] = ()
    outcome_buttons: tuple[Mapping[str, str], ...] = ()
    restart_message: str = ""

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    @property
    def question_ids(self) -> list[str]:
        return [q.id for q in self.questions]


def load_spec(path: Path = SPEC_PATH) -> TriageSpec:
    """Reads and checks the reviewed triage file."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    levels = {level_id: _level(level_id, raw["levels"][level_id]) for level_id in LEVELS}
    questions = tuple(
        Question(
            id=q["id"],
            asks_about=q["asks_about"],
            question=q["question"],
            rephrase=tuple(q.get("rephrase", ())),
            if_yes=q.get("if_yes"),
            not_sure_counts_as_yes=bool(q["not_sure_counts_as_yes"]),
            reason=q.get("reason"),
            yes_if_text_mentions=tuple(q.get("yes_if_text_mentions", ())),
            no_if_text_mentions=tuple(q.get("no_if_text_mentions", ())),
            ask_only_if=dict(q.get("ask_only_if") or {}),
            escalate_to_emergency_if=tuple(q.get("escalate_to_emergency_if", ())),
            x_ray=bool(q.get("x_ray", False)),
            urgent_wording=q.get("urgent_wording", TODAY),
            age_threshold=q.get("age_threshold"),
            only_now=bool(q.get("only_now", False)),
            no_phrases_win=bool(q.get("no_phrases_win", False)),
        )
        for q in raw["questions"]
    )
    _check(questions)
    return TriageSpec(
        questions=questions,
        levels=levels,
        intro=raw["intro"],
        footer=raw["footer"],
        x_ray_advice=raw["x_ray_advice"],
        answer_buttons=tuple(dict(button) for button in raw["answer_buttons"]),
        outcome_buttons=tuple(dict(button) for button in raw["outcome_buttons"]),
        restart_message=raw["restart_message"],
    )


def _level(level_id: str, raw: Mapping) -> Level:
    variants = {wording: Level(id=level_id, **text) for wording, text in (raw.get("variants") or {}).items()}
    unknown = set(variants) - set(URGENT_WORDINGS)
    if unknown:
        raise ValueError(f"{level_id}: unknown wording {sorted(unknown)}")
    return Level(
        id=level_id,
        name=raw["name"],
        headline=raw["headline"],
        what_to_do=raw["what_to_do"],
        variants=variants,
    )


def _check(questions: Iterable[Question]) -> None:
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            raise ValueError(f"duplicate question id {q.id!r}")
        if q.if_yes is not None and q.if_yes not in LEVELS:
            raise ValueError(f"{q.id}: unknown level {q.if_yes!r}")
        for earlier in [*q.ask_only_if, *q.escalate_to_emergency_if]:
            if earlier not in seen:
                raise ValueError(f"{q.id}: refers to {earlier!r}, which is not asked before it")
        if len(q.rephrase) < 2:
            raise ValueError(f"{q.id}: needs two rephrasings for unclear answers")
        if q.urgent_wording not in URGENT_WORDINGS:
            raise ValueError(f"{q.id}: unknown urgent_wording {q.urgent_wording!r}")
        seen.add(q.id)


@lru_cache(maxsize=1)
def default_spec() -> TriageSpec:
    return load_spec()


def _is_emergency_flag(spec: TriageSpec, question: Question, answers: Mapping[str, str]) -> bool:
    if not question.flags(answers.get(question.id)):
        return False
    if question.if_yes == EMERGENCY:
        return True
    return any(
        spec.question(earlier).flags(answers.get(earlier)) for earlier in question.escalate_to_emergency_if
    )


def _applies(spec: TriageSpec, question: Question, answers: Mapping[str, str]) -> bool:
    return all(
        spec.question(earlier).flags(answers.get(earlier)) == wanted
        for earlier, wanted in question.ask_only_if.items()
    )


def questions_to_ask(spec: TriageSpec, answers: Mapping[str, str]) -> list[str]:
    """The check's path given the answers so far: every question asked, then the next one.

    Stops right after the first emergency flag, and ends with the next unanswered question
    (if any). Rasa's form asks the first unanswered id in this list; when all are answered,
    the check is finished.
    """
    path: list[str] = []
    for question in spec.questions:
        if not _applies(spec, question, answers):
            continue
        path.append(question.id)
        answer = answers.get(question.id)
        if answer is None:
            break
        if _is_emergency_flag(spec, question, answers):
            break
    return path


def next_question(spec: TriageSpec, answers: Mapping[str, str]) -> Question | None:
    """The next question to ask, or None when the check is finished."""
    for question_id in questions_to_ask(spec, answers):
        if answers.get(question_id) is None:
            return spec.question(question_id)
    return None


def outcome(spec: TriageSpec, answers: Mapping[str, str]) -> Outcome:
    """The level of care for the answers given, with the reasons behind it."""
    asked = [spec.question(qid) for qid in questions_to_ask(spec, answers) if qid in answers]
    flagged_levels = set()
    urgent_wordings = set()
    reasons: list[str] = []
    for question in asked:
        if _is_emergency_flag(spec, question, answers):
            flagged_levels.add(EMERGENCY)
        elif question.flags(answers[question.id]) and question.if_yes:
            flagged_levels.add(question.if_yes)
            if question.if_yes == URGENT:
                urgent_wordings.add(question.urgent_wording)
        else:
            continue
        if question.reason:
            reasons.append(question.reason)
    level = next((lvl for lvl in LEVELS if lvl in flagged_levels), SELF_CARE)
    x_ray = any(q.x_ray and q.flags(answers[q.id]) for q in asked)
    wording = next((w for w in URGENT_WORDINGS if w in urgent_wordings), None) if level == URGENT else None
    return Outcome(
        level=level,
        reasons=tuple(reasons),
        x_ray_advised=x_ray,
        answers={q.id: answers[q.id] for q in asked},
        urgent_wording=wording,
    )


def summary_lines(spec: TriageSpec, answers: Mapping[str, str]) -> list[str]:
    """One line per question answered, in the order asked, for the user to show a clinician."""
    return [
        f"{spec.question(qid).asks_about}: {ANSWER_WORDS[answers[qid]]}"
        for qid in questions_to_ask(spec, answers)
        if qid in answers
    ]


def outcome_message(spec: TriageSpec, result: Outcome, template_values: Mapping[str, str]) -> str:
    """The outcome as plain text: what to do now first, why, the answers, and the disclaimer."""
    level = spec.levels[result.level].worded(result.urgent_wording)
    # An emergency starts with the action ("Call 999 now."); the other levels with their name.
    first = level.headline if result.level == EMERGENCY else f"{level.name}. {level.headline}"
    parts = [first, level.what_to_do]
    if result.reasons:
        parts.append("Why: " + "; ".join(result.reasons) + ".")
    if result.x_ray_advised:
        parts.append(spec.x_ray_advice)
    parts.append(
        "Your answers, to show a clinician:\n"
        + "\n".join(f"- {line}" for line in summary_lines(spec, result.answers))
    )
    parts.append(spec.footer)
    return "\n\n".join(part.strip().format(**template_values) for part in parts)
