"""The report as one self-contained HTML page (Jinja2, autoescaped; charts inlined as PNG)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Mapping, Optional

from jinja2 import Environment, PackageLoader, select_autoescape

from clinical.triage_engine import LEVELS, URGENT, URGENT_WORDINGS, TriageSpec
from reports import charts
from reports.grouping import normalise
from reports.records import EMERGENCY, LEFT, OUTCOME, STOPPED
from reports.summary import CLINIC, OUT_OF_SCOPE, REPHRASE, Summary, outcome_label

ENDINGS = (OUTCOME, STOPPED, LEFT, EMERGENCY)
ENDING_NAMES = {
    OUTCOME: "reached an outcome",
    STOPPED: "stopped by the person",
    LEFT: "left open (the conversation ended)",
    EMERGENCY: "interrupted by the emergency message",
}
UNRECOGNISED_SECTIONS = (
    (
        OUT_OF_SCOPE,
        "out-of-scope",
        "Out of scope",
        "got “Sorry, I can't help with that” (utter_out_of_scope)",
    ),
    (CLINIC, "clinic-contact", "Out of scope: the clinic's business", "got the clinic's contact line"),
    (REPHRASE, "please-rephrase", "Please rephrase", "got “Sorry, I didn't quite get that” (utter_default)"),
)
TOP_TOPICS_CHARTED = 15


@dataclass(frozen=True)
class LeftAtRow:
    question_id: str
    asks_about: str
    stopped: int
    left: int
    emergency: int


@dataclass(frozen=True)
class LowConfidenceRow:
    text: str
    guessed_intent: Optional[str]
    confidence: float  # the lowest it got
    times: int


def _low_confidence_rows(summary: Summary) -> list[LowConfidenceRow]:
    """One row per distinct message and guess, lowest confidence first."""
    seen: dict[tuple[str, Optional[str]], LowConfidenceRow] = {}
    for item in summary.low_confidence:
        key = (normalise(item.text), item.guessed_intent)
        known = seen.get(key)
        seen[key] = LowConfidenceRow(
            text=known.text if known else item.text,
            guessed_intent=item.guessed_intent,
            confidence=min(item.confidence, known.confidence) if known else item.confidence,
            times=known.times + 1 if known else 1,
        )
    return sorted(seen.values(), key=lambda row: (row.confidence, -row.times, row.text))


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def outcome_name(spec: TriageSpec, label: str) -> str:
    """The level's name as the check says it ("Urgent, get seen in person today")."""
    level, _, wording = label.partition("/")
    if level not in spec.levels:
        return label
    return spec.levels[level].worded(wording or None).name


def _asks_about(spec: TriageSpec, question_id: str) -> str:
    return spec.question(question_id).asks_about if question_id in spec.question_ids else ""


def _left_at_rows(summary: Summary, spec: TriageSpec) -> list[LeftAtRow]:
    questions = sorted(
        {question for question, _ in summary.check_left_at},
        key=lambda q: spec.question_ids.index(q) if q in spec.question_ids else -1,
    )
    return [
        LeftAtRow(
            question_id=q,
            asks_about=_asks_about(spec, q),
            stopped=summary.check_left_at[(q, STOPPED)],
            left=summary.check_left_at[(q, LEFT)],
            emergency=summary.check_left_at[(q, EMERGENCY)],
        )
        for q in questions
    ]


def _outcome_rows(summary: Summary, spec: TriageSpec) -> list[tuple[str, str, int]]:
    """Every level of the check, urgent by its wordings, most serious first; then any other seen."""
    labels = [
        outcome_label(level, wording)
        for level in LEVELS
        for wording in (URGENT_WORDINGS if level == URGENT else (None,))
    ]
    labels += sorted(set(summary.check_outcomes) - set(labels))
    return [(label, outcome_name(spec, label), summary.check_outcomes[label]) for label in labels]


def _ranked(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """Most first; ties by name, so the page does not depend on the order the store lists conversations."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _charts(summary: Summary, spec: TriageSpec) -> dict[str, Optional[str]]:
    channels = [c for c, _ in _ranked(summary.messages_per_channel)]
    topics = _ranked(summary.topics)[:TOP_TOPICS_CHARTED]
    outcomes = [(name, count) for _, name, count in _outcome_rows(summary, spec)]
    return {
        "per_day": charts.per_day(summary.conversations_per_day, summary.messages_per_day),
        "channels": charts.grouped_bars(
            channels,
            [summary.conversations_per_channel[c] for c in channels],
            [summary.messages_per_channel[c] for c in channels],
            ("conversations", "messages"),
        )
        if len(channels) > 1
        else None,
        "topics": charts.horizontal_bars([t for t, _ in topics], [n for _, n in topics]) if topics else None,
        "outcomes": charts.horizontal_bars([n for n, _ in outcomes], [c for _, c in outcomes]),
    }


def render_report(summary: Summary, spec: TriageSpec, generated_at: Optional[datetime] = None) -> str:
    template = _environment().get_template("report.html.j2")
    return template.render(
        s=summary,
        generated_at=(generated_at or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC"),
        charts=_charts(summary, spec),
        channels=[c for c, _ in _ranked(summary.messages_per_channel)],
        topics=_ranked(summary.topics),
        unrecognised_sections=UNRECOGNISED_SECTIONS,
        low_confidence=_low_confidence_rows(summary),
        outcome_rows=_outcome_rows(summary, spec),
        endings=[(ending, ENDING_NAMES[ending], summary.check_endings[ending]) for ending in ENDINGS],
        left_at=_left_at_rows(summary, spec),
    )
