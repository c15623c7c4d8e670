"""clinical/service_messages.yml: every fault message gives the deployment's emergency route."""

import pytest
import yaml

from clinical.service_messages import (
    CONVERSATION_UNAVAILABLE,
    MESSAGES_FILE,
    NOT_ANSWERED,
    service_message,
)

DEPLOYMENT = {"EMERGENCY_NUMBER": "999", "URGENT_CARE": "an urgent treatment centre (or NHS 111)"}


def test_the_file_holds_the_messages_the_code_uses():
    assert set(yaml.safe_load(MESSAGES_FILE.read_text(encoding="utf-8"))) == {
        NOT_ANSWERED,
        CONVERSATION_UNAVAILABLE,
    }


@pytest.mark.parametrize("name", [NOT_ANSWERED, CONVERSATION_UNAVAILABLE])
def test_each_message_says_what_happened_and_names_the_emergency_route(name):
    text = service_message(name, DEPLOYMENT)
    assert text.startswith("Sorry, ")
    assert "call 999 now" in text
    assert "go to an urgent treatment centre (or NHS 111) today" in text
    assert "{" not in text


def test_the_defaults_name_the_common_numbers():
    assert "999 in the UK" in service_message(NOT_ANSWERED, {})
