"""The Rasa server loads its classifiers without Rasa's one-example training step
(rasa_addons/model_loading.py): what it makes of a message is exactly what the same model makes of
it when loaded by Rasa's own Agent.load (`agent`, in this process). Read through the HTTP API of
the assistant that has one (`configured`, with its token)."""

import requests
import yaml

from tests.integration.configured import API_TOKEN
from tests.integration.servers import ROOT

MESSAGES_PER_INTENT = 3


def some_test_messages() -> list[str]:
    """The first examples of each intent and FAQ topic in the held-out NLU test files."""
    messages = []
    for path in sorted((ROOT / "tests" / "nlu").glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            lines = [
                line[2:].strip() for line in item.get("examples", "").splitlines() if line.startswith("- ")
            ]
            messages += [line for line in lines if "[" not in line][:MESSAGES_PER_INTENT]
    return messages


async def test_the_server_parses_each_message_as_rasas_own_load_does(configured, agent):
    messages = some_test_messages()
    assert len(messages) >= 100
    differences = []
    for message in messages:
        served = requests.post(
            f"{configured.assistant.base_url}/model/parse",
            params={"token": API_TOKEN},
            json={"text": message},
            timeout=30,
        ).json()
        loaded_by_rasa = await agent.parse_message(message)
        for key in ("intent", "intent_ranking", "response_selector", "entities"):
            if served.get(key) != loaded_by_rasa.get(key):
                differences.append((message, key, served.get(key), loaded_by_rasa.get(key)))
    assert differences == []
