"""The messages the assistant did not understand, as Rasa NLU training data for a person to correct.

Each distinct message (lower case, spaces collapsed) is one example, filed under the intent the
model guessed (faq/<topic> for the FAQ; the most frequent guess when the same words got several).
"""

from __future__ import annotations

import io
import re
from collections import Counter, defaultdict
from typing import Iterable

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from reports.grouping import normalise
from reports.period import Period
from reports.summary import Unrecognised

# Filed here when the model guessed nothing at all (an empty intent ranking).
NO_GUESS_INTENT = "out_of_scope"

HEADER = """\
# Messages the assistant did not understand, {first} to {last} (UTC), from `make export-unrecognised`:
# out of scope, "please rephrase", and answered with an intent or FAQ topic under {threshold}.
# Each is filed under the intent the model guessed: move it to the right intent, delete what
# should not be learned, and REMOVE ANYTHING THAT IDENTIFIES A PERSON (names, phone numbers,
# e-mail or postal addresses, dates of birth, record numbers, places and dates that point to
# someone) before moving it into data/nlu/.
"""


def training_examples(messages: Iterable[Unrecognised]) -> dict[str, list[str]]:
    """Intent -> its examples, one per distinct message, both sorted."""
    guesses: dict[str, Counter] = defaultdict(Counter)
    wording: dict[str, str] = {}
    for message in messages:
        text = example_text(message.text)
        if not text or text.startswith("/"):
            continue
        key = normalise(text)
        guesses[key][message.guessed_intent or NO_GUESS_INTENT] += 1
        wording.setdefault(key, text)
    by_intent: dict[str, list[str]] = defaultdict(list)
    for key, counts in guesses.items():
        intent = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]
        by_intent[intent].append(wording[key])
    return {intent: sorted(by_intent[intent], key=str.casefold) for intent in sorted(by_intent)}


def example_text(text: str) -> str:
    """One line, and no bracket pair that Rasa would read as an entity annotation ("[x](y)")."""
    one_line = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\]\s*([({\[])", r"] \1", one_line)


def nlu_yaml(messages: Iterable[Unrecognised], period: Period, threshold: float) -> str:
    """The NLU file (version 3.1) with its warning header."""
    document = {
        "version": DoubleQuotedScalarString("3.1"),
        "nlu": [
            {"intent": intent, "examples": LiteralScalarString("".join(f"- {e}\n" for e in examples))}
            for intent, examples in training_examples(messages).items()
        ],
    }
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    out.write(HEADER.format(first=period.first_day, last=period.last_day, threshold=threshold))
    yaml.dump(document, out)
    return out.getvalue()
