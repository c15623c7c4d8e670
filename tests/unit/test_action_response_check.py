"""The action server's response is checked as Rasa checks it, with the schema meta-checked once."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from rasa_addons import action_response_check
from rasa_addons.action_response_check import response_validator, validate_action_result

VALID = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "triage_q1", "value": "yes", "timestamp": None}], "responses": []},
    {"events": [{"event": "active_loop", "name": None}], "responses": [{"response": "utter_triage_intro"}]},
    {},
]
INVALID = [
    {"events": "not a list"},
    {"events": [{"event": "no_such_event"}]},
    {"responses": ["a string, not an object"]},
]


@pytest.mark.parametrize("result", VALID)
def test_accepts_what_rasa_accepts(result: dict) -> None:
    jsonschema.validate(result, RemoteAction.action_response_format_spec())
    assert validate_action_result(None, result) is True


@pytest.mark.parametrize("result", INVALID)
def test_refuses_what_rasa_refuses_with_the_same_error(result: dict) -> None:
    with pytest.raises(jsonschema.ValidationError) as rasas:
        jsonschema.validate(result, RemoteAction.action_response_format_spec())
    with pytest.raises(jsonschema.ValidationError) as ours:
        validate_action_result(None, result)
    assert ours.value.message.startswith(rasas.value.message)
    assert list(ours.value.path) == list(rasas.value.path)


def test_the_schema_is_meta_checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    response_validator.cache_clear()
    checks = []
    original = jsonschema.validators.validator_for(RemoteAction.action_response_format_spec()).check_schema
    monkeypatch.setattr(
        jsonschema.validators.validator_for(RemoteAction.action_response_format_spec()),
        "check_schema",
        lambda schema: checks.append(1) or original(schema),
    )
    for _ in range(5):
        validate_action_result(None, VALID[1])
    assert len(checks) == 1


def test_install_replaces_rasas_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    action_response_check.install()
    action = RemoteAction("action_x", None)
    assert action._validate_action_result(VALID[0]) is True
    with pytest.raises(jsonschema.ValidationError):
        action._validate_action_result(INVALID[0])
