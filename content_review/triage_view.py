"""The red-flag check as the document shows it: a table row per question, the outcome wordings,
and a few whole outcome messages, all read through clinical.triage_engine from clinical/triage.yml.
"""

from __future__ import annotations

from typing import Mapping

from clinical.triage_engine import (
    ANSWER_WORDS,
    EMERGENCY,
    NO,
    URGENT,
    YES,
    Question,
    TriageSpec,
    next_question,
    outcome,
    outcome_message,
)
from content_review.model import ExampleOutcome, OutcomeWording, TriageContent, TriageRow
from content_review.sources import buttons, fill


def triage_content(spec: TriageSpec, values: Mapping[str, str]) -> TriageContent:
    order = {q.id: number for number, q in enumerate(spec.questions, start=1)}
    return TriageContent(
        intro=fill(spec.intro, values),
        rows=tuple(_row(spec, q, order, values) for q in spec.questions),
        answer_buttons=buttons(spec.answer_buttons, values),
        outcomes=tuple(_wordings(spec, values)),
        x_ray_advice=fill(spec.x_ray_advice, values),
        footer=fill(spec.footer, values),
        outcome_buttons=buttons(spec.outcome_buttons, values),
        restart_message=fill(spec.restart_message, values),
        examples=tuple(_examples(spec, values)),
    )


def level_name(spec: TriageSpec, question: Question) -> str:
    if question.if_yes is None:
        return "No level: decides which questions follow"
    wording = question.urgent_wording if question.if_yes == URGENT else None
    return spec.levels[question.if_yes].worded(wording).name


def _row(spec: TriageSpec, q: Question, order: Mapping[str, int], values: Mapping[str, str]) -> TriageRow:
    return TriageRow(
        order=order[q.id],
        id=q.id,
        asks_about=q.asks_about,
        question=fill(q.question, values),
        rephrase=tuple(fill(text, values) for text in q.rephrase),
        level=level_name(spec, q),
        not_sure_counts_as_yes=q.not_sure_counts_as_yes,
        conditions=tuple(_conditions(q, order)),
        reason=q.reason or "",
        yes_phrases=q.yes_if_text_mentions,
        no_phrases=q.no_if_text_mentions,
    )


def _conditions(q: Question, order: Mapping[str, int]) -> list[str]:
    said = []
    if q.ask_only_if:
        wanted = [
            f"#{order[qid]} {qid} {'flagged' if flag else 'not flagged'}"
            for qid, flag in q.ask_only_if.items()
        ]
        said.append("Asked only when " + " and ".join(wanted) + ".")
    if q.escalate_to_emergency_if:
        earlier = ", ".join(f"#{order[qid]} {qid}" for qid in q.escalate_to_emergency_if)
        said.append(f"An emergency when {earlier} was flagged too.")
    if q.if_yes == EMERGENCY:
        said.append("A flag ends the check at once.")
    if q.only_now:
        said.append("Asks about now: a sign from the past is a no.")
    if q.age_threshold is not None:
        said.append(f"A number in the answer is an age: {q.age_threshold} or over is yes.")
    if q.no_phrases_win:
        said.append("Asks about one thing alone: a no phrase beats a yes phrase.")
    if q.x_ray:
        said.append("Ottawa knee rule item: a flag adds the X-ray advice.")
    return said


def _wordings(spec: TriageSpec, values: Mapping[str, str]):
    for level in spec.levels.values():
        for worded in (level, *level.variants.values()):
            yield OutcomeWording(
                level=level.id,
                name=fill(worded.name, values),
                headline=fill(worded.headline, values),
                what_to_do=fill(worded.what_to_do, values),
            )


def _answers_flagging(spec: TriageSpec, target: Question | None) -> dict[str, str]:
    """A whole check where `target` (and what it needs asked first) is yes and the rest no."""
    needed = set()
    pending = [target] if target else []
    while pending:
        question = pending.pop()
        needed.add(question.id)
        pending.extend(spec.question(qid) for qid, flag in question.ask_only_if.items() if flag)
    answers: dict[str, str] = {}
    while (question := next_question(spec, answers)) is not None:
        answers[question.id] = YES if question.id in needed else NO
    return answers


def _examples(spec: TriageSpec, values: Mapping[str, str]):
    """One whole outcome message per kind of outcome: the first question that leads to it."""
    seen = set()
    for target in [None, *spec.questions]:
        if target is not None and target.if_yes is None:
            continue
        answers = _answers_flagging(spec, target)
        result = outcome(spec, answers)
        kind = (result.level, result.urgent_wording, result.x_ray_advised)
        if kind in seen:
            continue
        seen.add(kind)
        if target is None:
            title = "No to every question"
        else:
            yes_to = [f"#{spec.question_ids.index(qid) + 1} {qid}" for qid, a in answers.items() if a == YES]
            title = f"{ANSWER_WORDS[YES]} to {', '.join(yes_to)}; no to the others asked"
        level = spec.levels[result.level].worded(result.urgent_wording)
        yield ExampleOutcome(
            title=f"{fill(level.name, values)}: {title}",
            text=outcome_message(spec, result, values),
        )
