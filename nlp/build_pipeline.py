"""Builds the project's own spaCy pipeline from the pattern files beside this script.

No pretrained spaCy model can be downloaded here, so the pipeline is a blank English
tokenizer, a rule-based sentencizer (for long messages), the lookup lemmatizer (tables from the
`spacy-lookups-data` package, saved into the pipeline so nothing is fetched at run time) and an
EntityRuler whose patterns live in `nlp/patterns/*.jsonl`. Rasa's `SpacyNLP` loads the result
by path (see config.yml).

Usage: python nlp/build_pipeline.py OUTPUT_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy
import srsly

PATTERNS_DIR = Path(__file__).parent / "patterns"
PIPELINE_NAME = "hamstring_en"
PIPELINE_VERSION = "1.0.0"


def load_patterns(patterns_dir: Path = PATTERNS_DIR) -> list[dict]:
    """Reads every pattern file; each line is one EntityRuler pattern with label and id."""
    patterns: list[dict] = []
    for path in sorted(patterns_dir.glob("*.jsonl")):
        patterns.extend(srsly.read_jsonl(path))
    return patterns


def build_pipeline(patterns: list[dict]) -> spacy.Language:
    """Returns blank English with a lookup lemmatizer and our EntityRuler."""
    nlp = spacy.blank("en")
    nlp.meta["name"] = PIPELINE_NAME
    nlp.meta["version"] = PIPELINE_VERSION
    nlp.meta["description"] = "Hamstring assistant: lookup lemmas + rule-based entities"
    # Sentence boundaries from punctuation, for long messages (rasa_addons/story_focus.py).
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    # initialize() loads the lemma lookup tables from spacy-lookups-data.
    nlp.initialize()
    ruler.add_patterns(patterns)
    return nlp


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    output = Path(argv[1])
    nlp = build_pipeline(load_patterns())
    output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    print(f"spaCy pipeline '{PIPELINE_NAME}' with {len(nlp.get_pipe('entity_ruler'))} patterns -> {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
