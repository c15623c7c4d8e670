"""A restart on the default store (Rasa's SQL tracker store on a SQLite file): a red-flag check
stopped halfway goes on where it was, and the next answer is taken for the open question.

A default assistant of its own is started, answers three questions of the check, is stopped (both
servers), started again on the same file and ports, and the check is answered to its outcome. This
runs in the background as soon as the tests are collected (tests/integration/early.py): two
server starts that overlap with other tests. The test checks what was said and kept."""

import json
import sqlite3
from dataclasses import dataclass, field

import pytest

from tests.integration import early
from tests.integration.servers import start_assistant

FIRST_QUESTION = "chest pain, sudden shortness of breath"
OPEN_QUESTION = "tight bandage or cast"  # the fourth question, open when the server stops
NEXT_QUESTION = "hard fall, a road accident"


@dataclass
class Restart:
    """The check's replies before and after the restart, and what the store kept."""

    first_reply: str = ""  # to "check my symptoms"
    open_question: str = ""  # the last reply before the servers stopped
    stopped: bool = False  # both servers had stopped before the second start
    after_restart: str = ""  # the reply to the next answer, from the restarted servers
    outcome: dict = field(default_factory=dict)
    sent: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # the user turns in the SQLite file


def user_turns(db_path, sender: str) -> list[str]:
    with sqlite3.connect(db_path) as db:
        rows = db.execute(
            "select data from events where sender_id = ? and type_name = 'user' order by id", (sender,)
        )
        return [json.loads(data)["text"] for (data,) in rows]


@early.prepare("restart")
def answer_a_check_across_a_restart() -> Restart:
    assistant, seen = start_assistant(early.folder("restart"), "restart"), Restart()
    try:
        chat = assistant.conversation()
        seen.first_reply = " ".join(m.get("text", "") for m in chat.say("check my symptoms"))
        for answer in ("/deny", "no", "/deny"):
            chat.say(answer)
        seen.open_question = chat.text
        assistant.stop()
        seen.stopped = assistant.server.stopped
        assistant.start_again()

        chat.say("/deny")
        seen.after_restart = chat.text
        seen.sent = ["check my symptoms", "/deny", "no", "/deny", "/deny"]
        while not chat.custom and len(seen.sent) < 30:
            seen.sent.append("/deny")
            chat.say("/deny")
        seen.outcome = chat.custom[0]["triage"] if chat.custom else {}
        seen.kept = user_turns(assistant.db_path, chat.sender)
    finally:
        assistant.stop()
    return seen


@pytest.fixture
def restart() -> Restart:
    return early.result("restart")


def test_a_check_goes_on_where_it_was_after_a_restart(restart):
    assert FIRST_QUESTION in restart.first_reply
    assert OPEN_QUESTION in restart.open_question, restart.open_question
    assert restart.stopped, "the first servers are stopped"
    assert (
        NEXT_QUESTION in restart.after_restart
    ), f"the answer went to the open question: {restart.after_restart}"

    assert restart.outcome.get("level") == "self_care", restart.outcome
    answers = restart.outcome["answers"]
    assert [answers[q] for q in ("chest_breathing", "leg_circulation", "cauda_equina", "compartment")] == [
        "no"
    ] * 4
    assert restart.kept == restart.sent, "each turn kept once, in order"
