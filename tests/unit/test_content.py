"""Every answer the assistant can give: safe per the clinical notes, short, sourced, with follow-ups."""

import re
from pathlib import Path

import pytest
import yaml

from content_review.sources import example_texts

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())
FAQ_RESPONSES = {
    name: variants
    for path in sorted((ROOT / "data/nlu/responses").glob("*.yml"))
    for name, variants in yaml.safe_load(path.read_text())["responses"].items()
}
ALL_RESPONSES = {**DOMAIN["responses"], **FAQ_RESPONSES}
TRIAGE_TEXT = (ROOT / "clinical/triage.yml").read_text()


def nlu_examples(folder: str) -> dict[str, list[str]]:
    examples: dict[str, list[str]] = {}
    for path in sorted((ROOT / folder).rglob("*.yml")):
        for block in yaml.safe_load(path.read_text()).get("nlu", []):
            if "intent" in block:
                examples.setdefault(block["intent"], []).extend(example_texts(block))
    return examples


def normalise(text: str) -> str:
    """Lower case, punctuation and spacing folded: how near-identical examples are compared."""
    return re.sub(r"\W+", " ", text.lower()).strip()


TRAINING = nlu_examples("data/nlu")
HELD_OUT = nlu_examples("tests/nlu")  # the held-out test set the benchmark reports
DEV = nlu_examples("tests/nlu_dev")  # the development set, for error analysis and tuning
URGENT = nlu_examples("tests/nlu_urgent")  # urgent signs the benchmark checks are routed to the check
# Messages modelled on real people's posts (both halves): never trained on.
REALISTIC = {
    "realistic": [
        m["text"] for m in yaml.safe_load((ROOT / "tests/realistic/messages.yml").read_text())["messages"]
    ]
}
FAQ_KEYS = sorted(name.split("/", 1)[1] for name in FAQ_RESPONSES)


def texts():
    for name, variants in ALL_RESPONSES.items():
        for variant in variants:
            yield name, variant["text"]
    yield "clinical/triage.yml", TRIAGE_TEXT


# Claims the clinical review (shared/source/clinical-notes.md) says must never be made.
BANNED_CLAIMS = {
    "tendinopathy called a calf strain": (
        r"tendinopathy[^.]*\b(referred to|called|known) as\b[^.]*calf strain"
    ),
    "bone fragment felt through the skin": r"(bone fragment|piece of bone)[^.]*through the skin",
    "a dose for a person": r"\b\d+(\.\d+)?\s?(mg|milligrams?|g|ml|tablets?|pills?|capsules?)\b",
    "PRP presented as proven": (
        r"\bPRP\b[^.]*\b(is proven|proven to|works well|is effective|speeds up healing)\b"
    ),
    "ibuprofen straight after an injury": r"ibuprofen[^.]*\b(straight away|immediately|right away)\b",
    "steroid injections for a fresh strain": (
        r"steroid injections?\b(?:(?!\bnot\b)[^.])*\b(help|used for|recommended for) (a )?(fresh|new|acute)"
    ),
    "heat in the first days": r"\b(apply|use) heat\b[^.]*first (few )?(days|72)",
    "origin placed at the knee": r"\borigin\b[^.]*\b(below|at) the knee",
}


@pytest.mark.parametrize("claim, pattern", BANNED_CLAIMS.items())
def test_no_answer_makes_a_banned_claim(claim, pattern):
    offenders = [name for name, text in texts() if re.search(pattern, text, re.IGNORECASE)]
    assert offenders == [], f"{claim}: {offenders}"


@pytest.mark.parametrize(
    "key, required",
    [
        ("anatomy", ["biceps femoris", "semitendinosus", "semimembranosus"]),
        ("tendinopathy", ["not a calf strain"]),
        ("strength_exercises", ["Nordic", "51%"]),
        ("advanced_treatments", ["weak"]),
        ("medicines", ["paracetamol", "48 hours", "pharmacist"]),
        ("pes_anserine", ["sartorius", "gracilis", "semitendinosus"]),
        ("first_days_care", ["20 minutes", "72 hours"]),
        ("other_causes", ["Baker", "DVT", "meniscus"]),
    ],
)
def test_answers_say_what_the_clinical_notes_add(key, required):
    text = FAQ_RESPONSES[f"utter_faq/{key}"][0]["text"]
    for phrase in required:
        assert phrase.lower() in text.lower(), f"{key} must mention {phrase!r}"


@pytest.mark.parametrize("name", sorted(FAQ_RESPONSES))
def test_faq_answer_is_short_sourced_and_offers_follow_ups(name):
    variant = FAQ_RESPONSES[name][0]
    body, _, source = variant["text"].rpartition("(From ")
    assert source.endswith(")"), "each answer ends with the section it comes from"
    assert 40 <= len(body.split()) <= 90
    assert 2 <= len(variant.get("buttons", [])) <= 3


def all_buttons():
    for name, variants in ALL_RESPONSES.items():
        for variant in variants:
            for button in variant.get("buttons", []):
                yield name, button["payload"]


@pytest.mark.parametrize("name, payload", sorted(set(all_buttons())))
def test_every_button_sends_something_the_assistant_understands(name, payload):
    if payload.startswith("/"):
        intent = re.match(r"/(\w+)", payload).group(1)
        # An intent is a name, or a one-key mapping to its settings (use_entities).
        names = {i if isinstance(i, str) else next(iter(i)) for i in DOMAIN["intents"]}
        assert intent in names
    else:
        assert any(
            payload in examples for examples in TRAINING.values()
        ), f"{payload!r} is not a training example"


def test_every_faq_topic_has_enough_varied_training_examples():
    for key in FAQ_KEYS:
        examples = TRAINING[f"faq/{key}"]
        assert len(examples) >= 20, key
        normalised = {normalise(e) for e in examples}
        assert len(normalised) >= len(examples) - 1, f"{key} has near-identical examples"


def test_every_intent_has_at_least_twenty_training_examples_and_no_two_alike():
    for intent, examples in TRAINING.items():
        assert len(examples) >= 20, intent
        normalised = [normalise(e) for e in examples]
        alike = sorted({n for n in normalised if normalised.count(n) > 1})
        assert alike == [], f"{intent} has near-identical examples: {alike}"


@pytest.mark.parametrize(
    "held_out",
    [HELD_OUT, DEV, URGENT, REALISTIC],
    ids=["test set", "development set", "urgent signs", "realistic messages"],
)
def test_held_out_examples_never_appear_in_training(held_out):
    seen = {normalise(e) for examples in TRAINING.values() for e in examples}
    leaked = [e for examples in held_out.values() for e in examples if normalise(e) in seen]
    assert leaked == []


def test_every_topic_is_in_the_held_out_set_and_the_conversation_tests():
    stories = "".join(p.read_text() for p in (ROOT / "tests/stories").glob("*.yml"))
    for key in FAQ_KEYS:
        assert f"faq/{key}" in HELD_OUT, key
        assert f"intent: faq/{key}" in stories, key
    assert len(HELD_OUT["report_emergency"]) >= 40
