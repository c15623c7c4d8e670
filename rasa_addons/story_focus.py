"""NLU component: in a message that tells a story, the classifiers weigh the question most.

Placed after the tokenizer and the entity extractor (which read the whole message, so a warning
sign or a place in the background still counts) and before the featurizers. For a story
(clinical.story), the question sentences' tokens are counted twice (reading only the question
sentences was measured too, and lost most out-of-scope stories: README, "Realistic messages");
the questions are put in the parse data as `story_questions`, and every story is flagged
`story: true` (clinical.emergency: the emergency intent alone does not decide for a story, whose
words the classifiers share with every other story). Any message is then capped at
`max_tokens` tokens. Sentences come from the project's
spaCy pipeline (its sentencizer). Tokens are matched to sentences by offset: tokens times
question sentences, bounded by MessageLengthGuard's 4,000 characters.
"""

from __future__ import annotations

from typing import Any, Dict, List, Type

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS, TOKENS_NAMES
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from clinical.emergency import STORY
from clinical.story import Sentence, capped, focus, is_story, questions

STORY_QUESTIONS = "story_questions"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class StoryFocus(GraphComponent):
    """Gives a story's question sentences the most weight, and caps what the classifiers read."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [SpacyTokenizer]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # max_tokens: the classifiers read at most this many tokens of any message (the first and
        # the last half; None: all). Training pads every batch to its longest message, so a few
        # long stories made every training step several times slower.
        return {"max_tokens": None}

    def __init__(self, config: Dict[str, Any]) -> None:
        self._max_tokens = config["max_tokens"]

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> StoryFocus:
        return cls({**cls.get_default_config(), **config})

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        # Training stories are read the way messages are, so the model learns from their questions.
        self.process([m for m in training_data.training_examples if m.get(TEXT)])
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            doc = message.get(SPACY_DOCS[TEXT])
            tokens = message.get(TOKENS_NAMES[TEXT])
            if doc is None or not tokens:
                continue
            sentences = [Sentence(s.text, s.start_char, s.end_char) for s in doc.sents]
            if is_story(len(sentences), len(tokens)):
                message.set(STORY, True, add_to_output=True)
            asked = questions(focus(sentences, len(tokens)))
            if asked:
                tokens = tokens + [t for t in tokens if any(s.start <= t.start < s.end for s in asked)]
                message.set(STORY_QUESTIONS, [s.text for s in asked], add_to_output=True)
            message.set(TOKENS_NAMES[TEXT], capped(tokens, self._max_tokens))
        return messages
