"""Hand-built tracker events in the shape Rasa stores them (`Event.as_dict()`), for the report tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Optional

DAY = datetime(2026, 3, 10, 9, 0, tzinfo=UTC).timestamp()
HOUR = 3600.0


class Events:
    """Builds one sender's events in order, each a second after the last."""

    def __init__(self, start: float = DAY) -> None:
        self.clock = start
        self.events: list[dict] = []

    def _add(self, event: dict) -> Events:
        self.clock += 1
        self.events.append({**event, "timestamp": self.clock})
        return self

    def session(self, at: Optional[float] = None) -> Events:
        if at is not None:
            self.clock = at
        self._add({"event": "action", "name": "action_session_start"})
        self._add({"event": "session_started"})
        return self._add({"event": "action", "name": "action_listen"})

    def user(
        self,
        text: str,
        intent: str,
        confidence: float = 0.99,
        channel: str = "rest",
        ranking: Optional[list[tuple[str, float]]] = None,
        topic: Optional[str] = None,
        topic_confidence: float = 0.95,
        place: Optional[str] = None,
    ) -> Events:
        parse_data: dict = {
            "text": text,
            "intent": {"name": intent, "confidence": confidence},
            "intent_ranking": [{"name": n, "confidence": c} for n, c in (ranking or [(intent, confidence)])],
            "entities": [{"entity": "pain_location", "value": place}] if place else [],
        }
        if topic:
            parse_data["response_selector"] = {
                "faq": {"response": {"intent_response_key": topic, "confidence": topic_confidence}}
            }
        return self._add({"event": "user", "text": text, "input_channel": channel, "parse_data": parse_data})

    def action(self, name: str) -> Events:
        return self._add({"event": "action", "name": name})

    def utter(self, response: str, custom: Optional[dict] = None) -> Events:
        """A domain response: the action, then the message with its utter_action."""
        self.action(response.split("/")[0] if response.startswith("utter_faq/") else response)
        return self._add(
            {
                "event": "bot",
                "text": "...",
                "data": {"custom": custom},
                "metadata": {"utter_action": response},
            }
        )

    def says(self, custom: Optional[dict] = None) -> Events:
        """A message sent by the latest custom action (no utter_action)."""
        return self._add({"event": "bot", "text": "...", "data": {"custom": custom}, "metadata": {}})

    def slot(self, name: str, value) -> Events:
        return self._add({"event": "slot", "name": name, "value": value})

    def loop(self, name: Optional[str]) -> Events:
        return self._add({"event": "active_loop", "name": name})

    def rejected(self, name: str = "triage_form") -> Events:
        return self._add({"event": "action_execution_rejected", "name": name})

    def listen(self) -> Events:
        return self.action("action_listen")

    # The red-flag check, as the form and the rules log it.
    def start_check(self, text: str = "check my symptoms", first: str = "chest_breathing") -> Events:
        self.user(text, "start_triage").action("triage_form").loop("triage_form")
        return self.slot("requested_slot", f"triage_{first}").says().listen()

    def answer(self, question: str, answer: str, next_question: Optional[str]) -> Events:
        self.user(answer, {"yes": "affirm", "no": "deny"}.get(answer, "unsure")).action("triage_form")
        self.slot(f"triage_{question}", answer).slot(
            "requested_slot", f"triage_{next_question}" if next_question else None
        )
        if next_question:
            return self.says().listen()
        return self

    def outcome(self, level: str, urgent_wording: Optional[str] = None) -> Events:
        """After the last answer: the form closes, then the outcome is given."""
        self.loop(None).action("action_submit_triage")
        return self.says(
            {"triage": {"level": level, "urgent_wording": urgent_wording, "answers": {}}}
        ).listen()

    def stop_check(self) -> Events:
        self.user("stop", "stop").rejected().utter("utter_ask_confirm_stop_triage").listen()
        self.user("yes", "affirm").action("action_deactivate_loop").loop(None).slot("requested_slot", None)
        return self.action("action_clear_triage").utter("utter_triage_stopped").listen()

    def emergency(self, text: str = "I have chest pain", during_check: bool = False) -> Events:
        self.user(text, "report_emergency").utter(
            "utter_emergency", {"triage": {"level": "emergency", "source": "emergency_sign"}}
        )
        if during_check:
            self.action("action_deactivate_loop").loop(None)
        return self.listen()
