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


LEX = "run_LexicalSyntacticFeaturizer5"


def _tall(kind: str, attribute: str, origin: str, rows: int, sparse: bool) -> Features:
    matrix = np.arange(rows * 3, dtype=float).reshape(rows, 3)
    return Features(scipy.sparse.coo_matrix(matrix) if sparse else matrix, kind, attribute, origin)


def test_kept_token_features_are_cut_to_the_configured_rows():
    component = SentenceFeaturesOnly({**SentenceFeaturesOnly.get_default_config(), "sequence_rows": 1})
    message = Message({TEXT: "my hammy hurts a lot"})
    message.add_features(_tall(FEATURE_TYPE_SEQUENCE, TEXT, LEX, 5, sparse=True))
    message.add_features(_tall(FEATURE_TYPE_SEQUENCE, TEXT, LEX, 5, sparse=False))
    message.add_features(_tall(FEATURE_TYPE_SENTENCE, TEXT, "run_CountVectorsFeaturizer6", 1, sparse=True))
    message.add_features(_tall(FEATURE_TYPE_SEQUENCE, RESPONSE, LEX, 4, sparse=True))
    [message] = component.process([message])
    sparse_rows, dense_rows, sentence, response = message.features
    assert sparse_rows.features.shape == (1, 3) and sparse_rows.is_sparse()
    assert sparse_rows.features.toarray().tolist() == [[0.0, 1.0, 2.0]]
    assert dense_rows.features.tolist() == [[0.0, 1.0, 2.0]]
    assert sentence.features.shape == (1, 3)
    assert response.features.shape == (4, 3)  # the answers' own features are not the message's


def test_by_default_every_row_is_kept():
    component = SentenceFeaturesOnly(SentenceFeaturesOnly.get_default_config())
    message = Message({TEXT: "my hammy hurts a lot"})
    message.add_features(_tall(FEATURE_TYPE_SEQUENCE, TEXT, LEX, 5, sparse=True))
    [message] = component.process([message])
    assert message.features[0].features.shape == (5, 3)
