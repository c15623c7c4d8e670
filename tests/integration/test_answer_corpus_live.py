"""The answer corpus through the running assistant: NLU, form validation and the action server.

For a sample of the fresh answer sets (tests/triage_answers/holdout.yml and final.yml, three
answers per question), a conversation starts the check, answers until the question is asked,
sends the corpus answer, and reads what the check recorded from the tracker store (SQLite):
the question's slot, or the question asked again (unclear), or the emergency message. The
reading must never lower the level (no under-triage); wrong readings are written to
.test-results/triage_answers_live.json.

The conversations (about 800 messages) are held in the background as soon as the tests are
collected (tests/integration/early.py), with the spare default assistant (conftest), so that they
overlap with other tests; the test checks the readings.
"""

from __future__ import annotations

import json
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from clinical.triage_engine import NO, NOT_SURE, YES, default_spec
from tests.integration import early

CORPUS = Path(__file__).resolve().parents[1] / "triage_answers"
RESULTS = Path(__file__).resolve().parents[2] / ".test-results" / "triage_answers_live.json"
SPEC = default_spec()
PER_QUESTION = 3
# Answers that lead to each question (any other question gets "/deny").
PATH_TO = {
    "weight_bearing": {"injury": "/affirm"},
    "recent_knee_injury": {"injury": "/affirm", "weight_bearing": "/deny"},
    "ottawa": {"injury": "/affirm", "weight_bearing": "/deny", "recent_knee_injury": "/affirm"},
}


def sample() -> list[dict]:
    answers = []
    for name in ("holdout", "final"):
        answers += yaml.safe_load((CORPUS / f"{name}.yml").read_text(encoding="utf-8"))["answers"]
    chosen: dict[str, list[dict]] = {}
    for answer in answers:
        chosen.setdefault(answer["question"], [])
        if len(chosen[answer["question"]]) < PER_QUESTION:
            chosen[answer["question"]].append(answer)
    return [a for per_question in chosen.values() for a in per_question]


def asked_question(text: str) -> str | None:
    for question in SPEC.questions:
        if question.question in text:
            return question.id
    return None


def path_for(question_id: str) -> dict[str, str]:
    if question_id.startswith("ottawa"):
        return PATH_TO["ottawa"]
    return PATH_TO.get(question_id, {})


def recorded_answer(db_path: Path, sender: str, slot: str) -> str | None:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'slot' ORDER BY id", (sender,)
        ).fetchall()
    values = [json.loads(data).get("value") for (data,) in rows if json.loads(data).get("name") == slot]
    return next((value for value in reversed(values) if value is not None), None)


def live_reading(assistant, answer: dict) -> str:
    chat = assistant.conversation()
    chat.say("check my symptoms")
    path = path_for(answer["question"])
    for _ in range(25):
        current = asked_question(chat.text)
        assert current, f"no question in {chat.text!r}"
        if current == answer["question"]:
            break
        chat.say(path.get(current, "/deny"))
    else:
        raise AssertionError(f"never reached {answer['question']}")
    chat.say(answer["text"])
    if chat.text.startswith("Call ") and any(
        c.get("triage", {}).get("level") == "emergency" for c in chat.custom
    ):
        return "emergency"
    recorded = recorded_answer(assistant.db_path, chat.sender, f"triage_{answer['question']}")
    return recorded or "unclear"


@early.prepare("corpus_readings", after=["spare_assistant"])
def read_the_sample_live() -> tuple[list[dict], list[str]]:
    """The sample's answers and how the running assistant read each."""
    assistant, answers = early.result("spare_assistant"), sample()
    with ThreadPoolExecutor(max_workers=4) as pool:
        return answers, list(pool.map(lambda a: live_reading(assistant, a), answers))


@pytest.fixture
def corpus_readings() -> tuple[list[dict], list[str]]:
    return early.result("corpus_readings")


def test_answers_read_by_the_running_assistant_never_lower_the_level(corpus_readings):
    answers, readings = corpus_readings
    wrong, under = [], []
    for answer, got in zip(answers, readings, strict=False):
        question = SPEC.question(answer["question"])
        expected = answer["expected"]
        flagged = got == "emergency" or question.flags(None if got == "unclear" else got)
        if got != expected and not (got == "emergency" and question.flags(expected)):
            wrong.append({**answer, "read": got})
        if got != "unclear" and (
            (expected in (YES, NOT_SURE) and got == NO) or (question.flags(expected) and not flagged)
        ):
            under.append(f"{answer['id']} {answer['question']}: {answer['text']!r} read {got}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps({"answers": len(answers), "wrong": len(wrong), "wrong_readings": wrong}, indent=1)
    )
    assert len(answers) == PER_QUESTION * len(SPEC.questions)
    assert not under, "\n".join(under)
