"""The trained model really uses the project's spaCy pipeline: lemmas and entities in the parse.

`agent` (conftest) is the model loaded in this process by Rasa's own Agent.load."""


def parse_with_tokens(agent, text):
    from rasa.core.channels.channel import UserMessage
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker("nlu-test", agent.domain.slots)
    return agent.processor._parse_message_with_graph(UserMessage(text), tracker, only_output_properties=False)


def test_tokens_carry_spacy_lemmas(agent):
    parsed = parse_with_tokens(agent, "my knees were hurting after running")
    lemmas = [token.lemma for token in parsed["text_tokens"]]
    assert lemmas == ["my", "knee", "be", "hurt", "after", "run"]


async def test_location_entity_comes_from_the_entity_ruler(agent):
    parsed = await agent.parse_message("why does the back of my knee hurt")
    assert parsed["intent"]["name"] == "ask_causes"
    [entity] = parsed["entities"]
    assert entity["entity"] == "pain_location" and entity["value"] == "behind_knee"
    assert entity["extractor"] == "SpacyRulerEntityExtractor"


async def test_emergency_sign_entity_in_the_parse(agent):
    parsed = await agent.parse_message("i think i'm coughing up blood")
    assert {"entity": "emergency_sign", "value": "coughing_blood"}.items() <= parsed["entities"][0].items()
