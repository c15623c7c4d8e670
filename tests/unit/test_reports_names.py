"""The names the report reads are still the domain's (reports/names.py)."""

from pathlib import Path

import yaml

from reports import names

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


def test_the_replies_the_report_looks_for_are_domain_responses_or_actions():
    responses = set(DOMAIN["responses"])
    for reply in (
        names.OUT_OF_SCOPE_REPLY,
        names.CLINIC_CONTACT_REPLY,
        names.EMERGENCY_REPLY,
        names.CHECK_STOPPED_REPLY,
        *(names.REPHRASE_REPLIES - {"action_default_fallback"}),  # Rasa's own action
    ):
        assert reply in responses, reply
    assert names.CHECK_OUTCOME_ACTION in DOMAIN["actions"]


def test_the_intents_slots_and_form_the_report_looks_for_are_in_the_domain():
    intents = {i if isinstance(i, str) else next(iter(i)) for i in DOMAIN["intents"]}
    assert {names.FAQ_INTENT, names.START_CHECK_INTENT, *names.CAUSES_INTENTS} <= intents
    assert names.TRIAGE_FORM in DOMAIN["forms"]
    assert names.PLACE_ENTITY in DOMAIN["entities"]
    assert any(slot.startswith(names.TRIAGE_SLOT_PREFIX) for slot in DOMAIN["slots"])


def test_the_report_sees_the_replies_the_fallback_rules_give():
    rules = yaml.safe_load((ROOT / "data" / "rules" / "fallback.yml").read_text(encoding="utf-8"))["rules"]
    actions = {step["action"] for rule in rules for step in rule["steps"] if "action" in step}
    assert actions <= {names.OUT_OF_SCOPE_REPLY, names.CLINIC_CONTACT_REPLY, *names.REPHRASE_REPLIES}
