"""NLU component: a message longer than the assistant reads is cut before anything else reads it.

People type a few sentences; a 100 KB paste is a mistake or an attack, and every component after
this one costs time in proportion to the text. The first `max_characters` are kept (so an
emergency sign at the start still counts), the original length is put in the parse data as
`message_too_long`, and the EmergencyPolicy answers with `utter_message_too_long`. Listed first
in config.yml's pipeline; not part of training (training examples are short).
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

MESSAGE_TOO_LONG = "message_too_long"
# Telegram's own limit for one message is 4,096 characters; a long story is under 2,000.
DEFAULT_MAX_CHARACTERS = 4000


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class MessageLengthGuard(GraphComponent):
    """Keeps the first `max_characters` of a message and flags that it was cut."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"max_characters": DEFAULT_MAX_CHARACTERS}

    def __init__(self, config: Dict[str, Any]) -> None:
        self._max = int(config["max_characters"])

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MessageLengthGuard:
        return cls({**cls.get_default_config(), **config})

    def process(self, messages: List[Message]) -> List[Message]:
        """Cuts over-long texts and records their length."""
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str) and len(text) > self._max:
                message.set(TEXT, text[: self._max])
                message.set(MESSAGE_TOO_LONG, len(text), add_to_output=True)
        return messages
