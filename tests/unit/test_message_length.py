"""The MessageLengthGuard: a message longer than the assistant reads is cut first and flagged."""

from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_addons.message_length import MESSAGE_TOO_LONG, MessageLengthGuard


def test_a_long_message_is_cut_and_flagged_with_its_length():
    guard = MessageLengthGuard({"max_characters": 10})
    message = Message(data={TEXT: "chest pain " + "x" * 100_000})
    guard.process([message])
    assert message.get(TEXT) == "chest pain"
    assert message.get(MESSAGE_TOO_LONG) == 100_011
    assert MESSAGE_TOO_LONG in message.as_dict(only_output_properties=True)


def test_a_message_within_the_limit_is_untouched():
    guard = MessageLengthGuard(MessageLengthGuard.get_default_config())
    message = Message(data={TEXT: "why does the back of my knee hurt?"})
    guard.process([message])
    assert message.get(TEXT) == "why does the back of my knee hurt?"
    assert message.get(MESSAGE_TOO_LONG) is None
