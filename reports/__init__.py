"""The operators' report: what people ask, what the assistant did not understand, how checks end.

Pure Python over plain event dicts (no Rasa import), except `rasa_store`, the one module that
reads conversations through Rasa's own tracker store classes.
"""
