"""SentenceFeaturesOnly: the message's token-level count features go, everything else stays."""

import numpy as np
import scipy.sparse
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, RESPONSE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_addons.sentence_features import SentenceFeaturesOnly


def _features(kind: str, attribute: str, origin) -> Features:
    return Features(scipy.sparse.coo_matrix(np.ones((1, 3))), kind, attribute, origin)


def _message() -> Message:
    message = Message({TEXT: "my hammy hurts", RESPONSE: "Rest it for a few days."})
    for origin in ["run_CountVectorsFeaturizer6", "run_LexicalSyntacticFeaturizer5"]:
        message.add_features(_features(FEATURE_TYPE_SEQUENCE, TEXT, origin))
    message.add_features(_features(FEATURE_TYPE_SENTENCE, TEXT, "run_CountVectorsFeaturizer6"))
    message.add_features(_features(FEATURE_TYPE_SEQUENCE, RESPONSE, "run_CountVectorsFeaturizer6"))
    message.add_features(_features(FEATURE_TYPE_SEQUENCE, TEXT, ["a", "train_LexicalSyntacticFeaturizer5"]))
    return message


def _kept(message: Message) -> list[tuple]:
    return [(f.type, f.attribute, f.origin) for f in message.features]


def test_only_the_count_featurizers_token_features_of_the_message_are_dropped():
    component = SentenceFeaturesOnly(SentenceFeaturesOnly.get_default_config())
    [message] = component.process([_message()])
    assert _kept(message) == [
        (FEATURE_TYPE_SEQUENCE, TEXT, "run_LexicalSyntacticFeaturizer5"),
        (FEATURE_TYPE_SENTENCE, TEXT, "run_CountVectorsFeaturizer6"),
        (FEATURE_TYPE_SEQUENCE, RESPONSE, "run_CountVectorsFeaturizer6"),
        (FEATURE_TYPE_SEQUENCE, TEXT, ["a", "train_LexicalSyntacticFeaturizer5"]),
    ]


def test_training_examples_are_read_the_same_way():
    component = SentenceFeaturesOnly(SentenceFeaturesOnly.get_default_config())
    data = component.process_training_data(TrainingData([_message()]))
    assert _kept(data.training_examples[0]) == _kept(component.process([_message()])[0])
