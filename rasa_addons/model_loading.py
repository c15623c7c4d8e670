"""Loads the trained classifiers without Rasa's one-example training step: half the model's load.

Rasa 3.6 builds each TensorFlow model it loads (DIETClassifier, ResponseSelector) by training it
on one example (`RasaModel.load`: compile, `fit` one batch, then `load_weights`), only so that its
weights exist before they are overwritten. Tracing that training step is most of the server's
start (about 6 of its 12 s of model loading here). The weights can be made by one prediction run
eagerly instead (no tracing), before the same `load_weights`; then the prediction function is
traced on the loaded weights as Rasa does. The predictions are the same (compared on the NLU test
sets). `load_weights(...).assert_existing_objects_matched()` fails the start if any weight the
model made was not in the saved model; values it has and the model does not make are the
optimizer's, which prediction never reads.

`use_inference_load()` is called by scripts/serve.py before the Rasa server loads its model.
"""

from __future__ import annotations

from typing import Any, Optional

import rasa
import tensorflow as tf
from rasa.utils.tensorflow.model_data import RasaModelData
from rasa.utils.tensorflow.models import RasaModel

_rasa_load = RasaModel.load.__func__


def _load_for_inference(
    cls: type[RasaModel],
    model_file_name: str,
    model_data_example: RasaModelData,
    predict_data_example: Optional[RasaModelData] = None,
    finetune_mode: bool = False,
    *args: Any,
    **kwargs: Any,
) -> RasaModel:
    if finetune_mode or predict_data_example is None:  # training goes on: Rasa's own load
        return _rasa_load(
            cls, model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs
        )
    model = cls(*args, **kwargs)
    config = kwargs.get("config", {})
    model.compile(optimizer=tf.keras.optimizers.Adam(), run_eagerly=config.get("run_eagerly"))
    traced = model._run_eagerly
    model._run_eagerly = True  # makes every weight, without tracing a function
    model.run_inference(predict_data_example)
    model._run_eagerly = traced
    model.load_weights(model_file_name).assert_existing_objects_matched().expect_partial()
    # What the eager run kept (the label embeddings, the prediction function) is made again from
    # the loaded weights, and the function traced once, as Rasa's load ends.
    model.prepared_for_prediction = False
    model._tf_predict_step = None
    model.run_inference(predict_data_example)
    return model


def use_inference_load() -> None:
    if not rasa.__version__.startswith("3.6."):
        return  # written against Rasa 3.6's RasaModel; any other version loads its own way
    RasaModel.load = classmethod(_load_for_inference)
