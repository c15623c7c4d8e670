"""What the report counts, from the conversations of a period (plain records in, plain numbers out)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Optional

from reports import names
from reports.grouping import Group, group_similar
from reports.period import Period, day_of
from reports.records import EMERGENCY, LEFT, OUTCOME, STOPPED, Conversation, Turn

# A message answered with an intent (or an FAQ topic) under this confidence is listed as
# "answered with low confidence". The NLU already sends messages under 0.5 to "please rephrase"
# (FallbackClassifier, config.yml), so these are the ones it answered while unsure; the scope gate
# can also answer a message that names the hamstring below 0.5.
LOW_CONFIDENCE = 0.7

# What happened to a message.
OUT_OF_SCOPE = "out_of_scope"
REPHRASE = "rephrase"
CLINIC = "clinic_contact"
UNRECOGNISED_KINDS = (OUT_OF_SCOPE, CLINIC, REPHRASE)

CHECK_TOPIC = "red-flag check (started)"


@dataclass(frozen=True)
class Unrecognised:
    """A message the assistant could not help with or could not read well enough."""

    text: str
    kind: str  # out_of_scope, clinic_contact, rephrase or low_confidence
    guessed_intent: Optional[str]
    confidence: float


@dataclass
class Summary:
    period: Period
    low_confidence_threshold: float
    conversations: int = 0
    messages: int = 0
    conversations_per_day: dict[date, int] = field(default_factory=dict)
    messages_per_day: dict[date, int] = field(default_factory=dict)
    conversations_per_channel: Counter = field(default_factory=Counter)
    messages_per_channel: Counter = field(default_factory=Counter)
    topics: Counter = field(default_factory=Counter)
    unrecognised: list[Unrecognised] = field(default_factory=list)
    unrecognised_groups: dict[str, list[Group]] = field(default_factory=dict)
    low_confidence: list[Unrecognised] = field(default_factory=list)
    checks_started: int = 0
    check_outcomes: Counter = field(default_factory=Counter)  # level (urgent with its wording)
    check_endings: Counter = field(default_factory=Counter)  # outcome, stopped, emergency, left
    check_left_at: Counter = field(default_factory=Counter)  # (question id, stopped|left|emergency)
    emergencies_outside_check: int = 0
    emergencies_during_check: int = 0
    reached: Counter = field(default_factory=Counter)  # knowledge, check_outcome, emergency, any

    @property
    def share_reached_answer(self) -> float:
        return self.reached["any"] / self.conversations if self.conversations else 0.0


def in_period(conversations: Iterable[Conversation], period: Period) -> list[Conversation]:
    """The conversations whose first message falls in the period."""
    return [c for c in conversations if period.contains(c.started)]


def summarise(
    conversations: Iterable[Conversation], period: Period, low_confidence: float = LOW_CONFIDENCE
) -> Summary:
    selected = in_period(conversations, period)
    summary = Summary(period=period, low_confidence_threshold=low_confidence)
    summary.conversations_per_day = {day: 0 for day in period.days()}
    summary.messages_per_day = {day: 0 for day in period.days()}
    for conversation in selected:
        _count_conversation(summary, conversation)
        for turn in conversation.turns:
            _count_turn(summary, turn)
        _count_checks(summary, conversation)
    for kind in UNRECOGNISED_KINDS:
        summary.unrecognised_groups[kind] = group_similar(
            u.text for u in summary.unrecognised if u.kind == kind
        )
    return summary


def _count_conversation(summary: Summary, conversation: Conversation) -> None:
    summary.conversations += 1
    summary.conversations_per_channel[conversation.channel] += 1
    start = day_of(conversation.started)
    summary.conversations_per_day[start] = summary.conversations_per_day.get(start, 0) + 1
    replies = [reply for turn in conversation.turns for reply in turn.replies]
    reached = {
        "knowledge": any(is_knowledge_answer(reply.name) for reply in replies),
        "check_outcome": any(check.ending == OUTCOME for check in conversation.checks),
        "emergency": any(reply.name == names.EMERGENCY_REPLY for reply in replies),
    }
    reached["any"] = any(reached.values())
    summary.reached.update(key for key, hit in reached.items() if hit)


def is_knowledge_answer(reply_name: str) -> bool:
    return reply_name.startswith((names.FAQ_REPLY_PREFIX, names.CAUSES_REPLY_PREFIX))


def _count_turn(summary: Summary, turn: Turn) -> None:
    summary.messages += 1
    summary.messages_per_channel[turn.channel] += 1
    day = day_of(turn.timestamp)
    summary.messages_per_day[day] = summary.messages_per_day.get(day, 0) + 1
    if turn.read_by_check:
        return  # an answer to a check question: counted with the check
    topic = topic_of(turn)
    if topic:
        summary.topics[topic] += 1
    reply_names = set(turn.reply_names)
    if names.EMERGENCY_REPLY in reply_names:
        if turn.check_active:
            summary.emergencies_during_check += 1
        else:
            summary.emergencies_outside_check += 1
        return
    kind = unrecognised_kind(reply_names)
    if kind and not turn.is_payload:
        summary.unrecognised.append(Unrecognised(turn.text, kind, turn.guessed_intent, turn.confidence))
    elif kind is None and is_low_confidence(turn, summary.low_confidence_threshold):
        confidence = min(turn.confidence, turn.topic_confidence if turn.topic_confidence is not None else 1.0)
        summary.low_confidence.append(
            Unrecognised(turn.text, "low_confidence", turn.guessed_intent, confidence)
        )


def topic_of(turn: Turn) -> Optional[str]:
    """The FAQ topic (faq/<topic>) or the place asked about (causes: <place>); None otherwise."""
    if turn.intent == names.FAQ_INTENT:
        return turn.faq_topic or names.FAQ_INTENT
    if turn.intent in names.CAUSES_INTENTS:
        return f"causes: {turn.place or 'place not given'}"
    return None


def unrecognised_kind(reply_names: set[str]) -> Optional[str]:
    """out_of_scope, clinic_contact or rephrase, from the reply the person got; None otherwise."""
    if names.CLINIC_CONTACT_REPLY in reply_names:
        return CLINIC
    if names.OUT_OF_SCOPE_REPLY in reply_names:
        return OUT_OF_SCOPE
    if reply_names & names.REPHRASE_REPLIES:
        return REPHRASE
    return None


def is_low_confidence(turn: Turn, threshold: float) -> bool:
    """Answered, though the intent or the FAQ topic was under the threshold (button presses aside)."""
    if turn.is_payload or not turn.replies:
        return False
    topic_unsure = turn.topic_confidence is not None and turn.topic_confidence < threshold
    return turn.confidence < threshold or topic_unsure


def _count_checks(summary: Summary, conversation: Conversation) -> None:
    for check in conversation.checks:
        summary.checks_started += 1
        summary.topics[CHECK_TOPIC] += 1
        summary.check_endings[check.ending] += 1
        if check.ending == OUTCOME and check.level:
            summary.check_outcomes[outcome_label(check.level, check.urgent_wording)] += 1
        if check.ending in (STOPPED, LEFT, EMERGENCY):
            summary.check_left_at[(check.open_question or "before the first question", check.ending)] += 1


def outcome_label(level: str, urgent_wording: Optional[str]) -> str:
    """The level id, with the urgent wording (urgent/in_person, urgent/within_days) when it has one."""
    return f"{level}/{urgent_wording}" if urgent_wording else level
