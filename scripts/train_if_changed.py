"""Trains the model only when something training reads has changed, judged by content.

Two SHA-256 fingerprints over every file training reads: the data (config, domain, training data)
and the code (the spaCy pipeline's sources, the project's own components and the clinical code
and data they import, the dependency lock). They are computed *before* training starts and
written beside the model only after training succeeds, so a file edited while training runs
leaves a fingerprint that no longer matches, and the next run trains again. File times play no
part (a fresh clone, a `git checkout` or a `touch` cannot fool it either way).

When only the data changed, Rasa's own training cache is used (it fingerprints data by content
and retrains only the parts that read what changed). When code changed, training is forced:
Rasa fingerprints a component by its name and settings, not its source.

Usage: python scripts/train_if_changed.py [--check] [--force]
  --check  print whether training is needed (exit 0: up to date, 1: needed), train nothing
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Iterable

import yaml

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "hamstring.tar.gz"
STAMP = MODEL.with_name("hamstring.inputs.json")
# Everything training reads. Directories are read recursively; only these suffixes count.
DATA_INPUTS = ["config.yml", "domain.yml", "data"]
# The code that runs while training: the spaCy pipeline's sources, the lock, and the modules of
# the project's NLU components in config.yml with the project modules they import (found by
# reading their imports). The project's policies learn nothing (rasa_addons/turns.py), and the
# check's own data and code run only at prediction time: changing them needs no training.
FIXED_CODE_INPUTS = ["nlp", "requirements/lock.txt", "requirements/rasa.txt"]
PROJECT_PACKAGES = {"clinical", "rasa_addons"}


def nlu_component_modules(root: Path = ROOT) -> list[str]:
    """The project's NLU component modules named in config.yml and what they import, as paths."""
    pipeline = yaml.safe_load((root / "config.yml").read_text(encoding="utf-8")).get("pipeline") or []
    names = [c["name"].rsplit(".", 1)[0] for c in pipeline if c["name"].split(".")[0] in PROJECT_PACKAGES]
    found: set[str] = set()
    while names:
        path = names.pop().replace(".", "/") + ".py"
        if path in found or not (root / path).exists():
            continue
        found.add(path)
        for node in ast.walk(ast.parse((root / path).read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.split(".")[0] in PROJECT_PACKAGES
            ):
                names.append(node.module)
    return sorted(found)


def code_inputs(root: Path = ROOT) -> list[str]:
    return FIXED_CODE_INPUTS + nlu_component_modules(root)


SUFFIXES = {".yml", ".yaml", ".py", ".jsonl", ".json", ".txt"}


def input_files(root: Path, inputs: Iterable[str]) -> list[Path]:
    files: list[Path] = []
    for name in inputs:
        path = root / name
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix in SUFFIXES and "__pycache__" not in p.parts
            )
    return sorted(files)


def fingerprint(root: Path, inputs: Iterable[str]) -> str:
    """SHA-256 over each input's path (relative to root) and content, in a fixed order."""
    digest = hashlib.sha256()
    for path in input_files(root, inputs):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def fingerprints(root: Path = ROOT) -> dict[str, str]:
    return {"data": fingerprint(root, DATA_INPUTS), "code": fingerprint(root, code_inputs(root))}


def trained_with(model: Path, stamp: Path) -> dict[str, str]:
    """The fingerprints the current model was trained with; empty when unknown."""
    if not model.exists() or not stamp.exists():
        return {}
    try:
        return json.loads(stamp.read_text(encoding="utf-8"))
    except ValueError:
        return {}


def training_needed(current: dict[str, str], trained: dict[str, str]) -> str | None:
    """None when up to date, "incremental" when only the data changed, else "full"."""
    if current == trained:
        return None
    if trained and trained.get("code") == current["code"]:
        return "incremental"
    return "full"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()

    current = fingerprints()
    needed = "full" if args.force else training_needed(current, trained_with(MODEL, STAMP))
    label = f"data {current['data'][:10]}, code {current['code'][:10]}"
    if needed is None:
        print(f"==> model is up to date ({label})")
        return 0
    if args.check:
        print(f"==> training needed: {needed} ({label})")
        return 1
    print(f"==> training, {needed} ({label})", flush=True)
    STAMP.unlink(missing_ok=True)
    command = [
        str(ROOT / ".venv" / "bin" / "rasa"),
        "train",
        "--fixed-model-name",
        "hamstring",
        "--out",
        "models",
    ]
    subprocess.run(
        command + ["--quiet"] + (["--force"] if needed == "full" else []),
        cwd=ROOT,
        env=os.environ,
        check=True,
    )
    STAMP.write_text(json.dumps(current) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
