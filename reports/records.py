"""Rasa tracker events (plain dicts, as `Event.as_dict()` gives them) read into plain records.

One `Conversation` per Rasa session (a sender's events from one `session_started` to the next),
with one `Turn` per user message (what the NLU made of it and what the assistant replied) and one
`CheckRun` per red-flag check started. Sender ids are not read: the records cannot leak them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional

from actions.constants import question_id
from reports import names

# How a check ended.
OUTCOME = "outcome"  # the outcome was given (action_submit_triage)
STOPPED = "stopped"  # the person confirmed "stop"
EMERGENCY = "emergency"  # an emergency sign interrupted it (EmergencyPolicy)
LEFT = "left"  # the conversation ended (or restarted) with the check still open


@dataclass(frozen=True)
class Reply:
    """One message the assistant sent: the response or action that sent it, and its check level."""

    name: str
    level: Optional[str] = None
    source: Optional[str] = None
    urgent_wording: Optional[str] = None


@dataclass
class Turn:
    """A user message, what the NLU made of it, and what the assistant replied."""

    text: str
    timestamp: float
    channel: str
    intent: Optional[str]
    confidence: float
    # The intent the model would have given without the NLU fallback; faq/<topic> for the FAQ.
    guessed_intent: Optional[str]
    faq_topic: Optional[str] = None
    topic_confidence: Optional[float] = None
    place: Optional[str] = None
    check_active: bool = False
    # The check question (its id in clinical/triage.yml) open when the message was written.
    check_question: Optional[str] = None
    first_action: Optional[str] = None
    form_rejected: bool = False
    replies: list[Reply] = field(default_factory=list)

    @property
    def is_payload(self) -> bool:
        """A button press ("/start_triage"), not words a person typed."""
        return self.text.startswith("/")

    @property
    def read_by_check(self) -> bool:
        """The check took the message as the answer to its open question."""
        return bool(self.check_question) and self.first_action == names.TRIAGE_FORM and not self.form_rejected

    @property
    def reply_names(self) -> list[str]:
        return [reply.name for reply in self.replies]


@dataclass
class CheckRun:
    """One red-flag check, from its start to how it ended."""

    started: float
    ending: Optional[str] = None
    level: Optional[str] = None
    urgent_wording: Optional[str] = None
    # The question open when the person stopped or left, or when an emergency interrupted it.
    open_question: Optional[str] = None


@dataclass
class Conversation:
    """One session: its turns and the checks run in it."""

    turns: list[Turn] = field(default_factory=list)
    checks: list[CheckRun] = field(default_factory=list)

    @property
    def started(self) -> float:
        return self.turns[0].timestamp

    @property
    def channel(self) -> str:
        return self.turns[0].channel


def conversations_from_events(events: Iterable[Mapping[str, Any]]) -> list[Conversation]:
    """The conversations (sessions with at least one user message) in one sender's events."""
    reader = _EventReader()
    for event in events:
        reader.read(event)
    return reader.finish()


def _question_id(slot: Optional[str]) -> Optional[str]:
    if not slot or not slot.startswith(names.TRIAGE_SLOT_PREFIX):
        return None
    return question_id(slot)


def _guessed_intent(parse_data: Mapping[str, Any]) -> Optional[str]:
    """The top intent other than the NLU fallback, as faq/<topic> for the FAQ intent."""
    intent = (parse_data.get("intent") or {}).get("name")
    if intent == names.NLU_FALLBACK_INTENT:
        ranked = (item.get("name") for item in parse_data.get("intent_ranking") or [])
        intent = next((name for name in ranked if name and name != names.NLU_FALLBACK_INTENT), None)
    if intent == names.FAQ_INTENT:
        return _faq_topic(parse_data)[0] or intent
    return intent


def _faq_topic(parse_data: Mapping[str, Any]) -> tuple[Optional[str], Optional[float]]:
    """The FAQ topic the ResponseSelector picked (faq/<topic>) and its confidence."""
    response = ((parse_data.get("response_selector") or {}).get(names.FAQ_INTENT) or {}).get("response") or {}
    topic = response.get("intent_response_key") or (parse_data.get("intent") or {}).get(
        "full_retrieval_intent_name"
    )
    confidence = response.get("confidence")
    return topic, (float(confidence) if confidence is not None else None)


def _turn(event: Mapping[str, Any], check_active: bool, requested_slot: Optional[str]) -> Turn:
    parse_data = event.get("parse_data") or {}
    intent = parse_data.get("intent") or {}
    topic, topic_confidence = (None, None)
    if intent.get("name") == names.FAQ_INTENT:
        topic, topic_confidence = _faq_topic(parse_data)
    place = next(
        (e.get("value") for e in parse_data.get("entities") or [] if e.get("entity") == names.PLACE_ENTITY),
        None,
    )
    return Turn(
        text=event.get("text") or "",
        timestamp=float(event.get("timestamp") or 0.0),
        channel=event.get("input_channel") or "unknown",
        intent=intent.get("name"),
        confidence=float(intent.get("confidence") or 0.0),
        guessed_intent=_guessed_intent(parse_data),
        faq_topic=topic,
        topic_confidence=topic_confidence,
        place=place,
        check_active=check_active,
        check_question=_question_id(requested_slot) if check_active else None,
    )


class _EventReader:
    """Reads a sender's events in order, keeping the state the records need."""

    def __init__(self) -> None:
        self.conversations: list[Conversation] = []
        self._start_session()

    def _start_session(self) -> None:
        self.current = Conversation()
        self.active_loop: Optional[str] = None
        self.requested_slot: Optional[str] = None
        self.action: Optional[str] = None
        self.turn: Optional[Turn] = None
        self.closing_check: Optional[CheckRun] = None

    def _end_session(self) -> None:
        for check in self.current.checks:
            if check.ending is None:
                check.ending = LEFT
                if self.active_loop == names.TRIAGE_FORM and check is self.current.checks[-1]:
                    check.open_question = _question_id(self.requested_slot)
        if self.current.turns:
            self.conversations.append(self.current)

    def finish(self) -> list[Conversation]:
        self._end_session()
        self._start_session()
        return self.conversations

    def _open_check(self) -> Optional[CheckRun]:
        """The check that is running, or the one whose form just closed in this turn."""
        if self.active_loop == names.TRIAGE_FORM and self.current.checks:
            return self.current.checks[-1]
        return self.closing_check

    def read(self, event: Mapping[str, Any]) -> None:
        kind = event.get("event")
        if kind in ("session_started", "restart"):
            self._end_session()
            self._start_session()
        elif kind == "user":
            self.turn = _turn(event, self.active_loop == names.TRIAGE_FORM, self.requested_slot)
            self.current.turns.append(self.turn)
            self.closing_check = None
        elif kind == "action":
            self.action = event.get("name")
            if self.turn is not None and self.turn.first_action is None and self.action != "action_listen":
                self.turn.first_action = self.action
        elif kind == "action_execution_rejected":
            if self.turn is not None and event.get("name") == names.TRIAGE_FORM:
                self.turn.form_rejected = True
        elif kind == "slot":
            if event.get("name") == names.REQUESTED_SLOT:
                self.requested_slot = event.get("value")
        elif kind == "active_loop":
            self._loop_changed(event)
        elif kind == "bot":
            self._bot_said(event)

    def _loop_changed(self, event: Mapping[str, Any]) -> None:
        name = event.get("name")
        timestamp = float(event.get("timestamp") or 0.0)
        if name == names.TRIAGE_FORM and self.active_loop != names.TRIAGE_FORM:
            self.current.checks.append(CheckRun(started=timestamp))
        elif name != names.TRIAGE_FORM and self.active_loop == names.TRIAGE_FORM and self.current.checks:
            self.closing_check = self.current.checks[-1]
            if self.closing_check.ending is None:
                # Set when the person stops it; empty when the form itself finished.
                self.closing_check.open_question = _question_id(self.requested_slot)
        self.active_loop = name

    def _bot_said(self, event: Mapping[str, Any]) -> None:
        metadata = event.get("metadata") or {}
        triage = ((event.get("data") or {}).get("custom") or {}).get("triage") or {}
        reply = Reply(
            name=metadata.get("utter_action") or self.action or "unknown",
            level=triage.get("level"),
            source=triage.get("source"),
            urgent_wording=triage.get("urgent_wording"),
        )
        if self.turn is not None:
            self.turn.replies.append(reply)
        check = self._open_check()
        if check is None or check.ending is not None:
            return
        if self.action == names.CHECK_OUTCOME_ACTION and reply.level:
            check.ending, check.level, check.urgent_wording = OUTCOME, reply.level, reply.urgent_wording
            check.open_question = None
        elif reply.name == names.EMERGENCY_REPLY:
            check.ending = EMERGENCY
            check.open_question = _question_id(self.requested_slot)
        elif reply.name == names.CHECK_STOPPED_REPLY:
            check.ending = STOPPED
