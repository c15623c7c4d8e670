"""The action server's response is checked against Rasa's schema with a validator built once.

Rasa 3.6's RemoteAction checks every response with `jsonschema.validate(result, schema)`, which
first checks the schema itself against the JSON Schema meta-schema: with jsonschema 4.17 that
meta-check of Rasa's large events schema cost more than half of the Rasa server's time per message
in the red-flag check (README, "Speed"). The response is checked the same way, against the same
schema, with the same error; only the meta-check of a schema that never changes happens once.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Text

from jsonschema import validators
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction

_ADVICE = (
    ". Failed to validate Action server response from API, make sure your response from the "
    "Action endpoint is valid."
)


@lru_cache(maxsize=1)
def response_validator() -> Any:
    """Rasa's response schema, checked once, as a reusable validator."""
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(_: RemoteAction, result: Dict[Text, Any]) -> bool:
    """RemoteAction._validate_action_result, with the validator built once."""
    error = best_match(response_validator().iter_errors(result))
    if error is not None:
        error.message += _ADVICE
        raise error
    return True


def install() -> None:
    """Used for every RemoteAction of this process."""
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
