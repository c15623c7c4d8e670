"""Training is skipped by content, not file times: scripts/train_if_changed.py."""

import json
import os

from scripts.train_if_changed import fingerprint, fingerprints, trained_with, training_needed


def _project(tmp_path):
    (tmp_path / "data" / "nlu").mkdir(parents=True)
    (tmp_path / "data" / "nlu" / "faq.yml").write_text("nlu: []\n")
    (tmp_path / "config.yml").write_text("pipeline: []\n")
    (tmp_path / "domain.yml").write_text("intents: []\n")
    (tmp_path / "rasa_addons").mkdir()
    (tmp_path / "rasa_addons" / "policy.py").write_text("X = 1\n")
    return tmp_path


def test_touching_a_file_changes_nothing_but_editing_it_does(tmp_path):
    root = _project(tmp_path)
    before = fingerprints(root)
    os.utime(root / "data" / "nlu" / "faq.yml", (0, 0))
    assert fingerprints(root) == before
    (root / "data" / "nlu" / "faq.yml").write_text("nlu: [x]\n")
    after = fingerprints(root)
    assert after["data"] != before["data"] and after["code"] == before["code"]


def test_a_renamed_or_new_file_changes_the_fingerprint(tmp_path):
    root = _project(tmp_path)
    before = fingerprint(root, ["data"])
    (root / "data" / "nlu" / "faq.yml").rename(root / "data" / "nlu" / "questions.yml")
    renamed = fingerprint(root, ["data"])
    (root / "data" / "nlu" / "more.yml").write_text("nlu: []\n")
    assert len({before, renamed, fingerprint(root, ["data"])}) == 3


def test_compiled_files_do_not_count(tmp_path):
    root = _project(tmp_path)
    before = fingerprint(root, ["rasa_addons"])
    (root / "rasa_addons" / "__pycache__").mkdir()
    (root / "rasa_addons" / "__pycache__" / "policy.cpython-311.pyc").write_bytes(b"\0")
    assert fingerprint(root, ["rasa_addons"]) == before


def test_what_kind_of_training_is_needed():
    trained = {"data": "d1", "code": "c1"}
    assert training_needed({"data": "d1", "code": "c1"}, trained) is None
    assert training_needed({"data": "d2", "code": "c1"}, trained) == "incremental"
    assert training_needed({"data": "d1", "code": "c2"}, trained) == "full"
    assert training_needed({"data": "d1", "code": "c1"}, {}) == "full", "no record: train fully"


def test_the_record_counts_only_beside_a_model(tmp_path):
    model, stamp = tmp_path / "hamstring.tar.gz", tmp_path / "hamstring.inputs.json"
    stamp.write_text(json.dumps({"data": "d", "code": "c"}))
    assert trained_with(model, stamp) == {}
    model.write_bytes(b"model")
    assert trained_with(model, stamp) == {"data": "d", "code": "c"}
    stamp.write_text("not json")
    assert trained_with(model, stamp) == {}


def test_the_training_code_is_the_nlu_components_and_what_they_import():
    """The check's own code and the safety policies change without training; the NLU pipeline not."""
    from scripts.train_if_changed import code_inputs

    inputs = code_inputs()
    for module in [
        "rasa_addons/story_focus.py",
        "clinical/story.py",
        "rasa_addons/spacy_entities.py",
        "clinical/negation.py",
        "rasa_addons/scope_gate.py",
        "clinical/scope.py",
        "rasa_addons/sentence_features.py",
        "rasa_addons/message_length.py",
    ]:
        assert module in inputs, module
    for module in ["rasa_addons/emergency_policy.py", "clinical/triage_engine.py", "clinical/answers.py"]:
        assert module not in inputs, module
