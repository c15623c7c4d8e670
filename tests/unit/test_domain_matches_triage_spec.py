"""domain.yml must declare exactly what clinical/triage.yml asks, in the same order."""

from pathlib import Path

import yaml

from clinical.triage_engine import default_spec

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())
IDS = default_spec().question_ids


def test_form_asks_every_question_in_the_reviewed_order():
    assert DOMAIN["forms"]["triage_form"]["required_slots"] == [f"triage_{qid}" for qid in IDS]


def test_every_question_has_a_slot_and_an_ask_action():
    for qid in IDS:
        assert DOMAIN["slots"][f"triage_{qid}"]["values"] == ["yes", "no", "not_sure"]
        assert f"action_ask_triage_{qid}" in DOMAIN["actions"]


def test_emergency_response_is_a_plain_response_naming_the_deployment_number():
    text = DOMAIN["responses"]["utter_emergency"][0]["text"]
    assert "{emergency_number}" in text
    assert "utter_emergency" not in DOMAIN["actions"], "must not need the action server"


def test_the_checks_buttons_send_intents_the_domain_declares():
    spec = default_spec()
    intents = {i if isinstance(i, str) else next(iter(i)) for i in DOMAIN["intents"]}
    payloads = [button["payload"] for button in [*spec.answer_buttons, *spec.outcome_buttons]]
    assert [p for p in payloads if p.startswith("/") and p[1:] not in intents] == []
    assert [b["title"] for b in spec.answer_buttons] == ["Yes", "No", "Not sure"]
    assert spec.restart_message
