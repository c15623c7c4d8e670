"""A restart on the default store (Rasa's SQL tracker store on a SQLite file): a red-flag check
stopped halfway goes on where it was, and the next answer is taken for the open question.

The default assistant (conftest) is stopped and started again on the same file; the tests after
this one talk to the restarted servers."""

import json
import sqlite3

FIRST_QUESTION = "chest pain, sudden shortness of breath"
OPEN_QUESTION = "tight bandage or cast"  # the fourth question, open when the server stops
NEXT_QUESTION = "hard fall, a road accident"


def user_turns(db_path, sender: str) -> list[str]:
    with sqlite3.connect(db_path) as db:
        rows = db.execute(
            "select data from events where sender_id = ? and type_name = 'user' order by id", (sender,)
        )
        return [json.loads(data)["text"] for (data,) in rows]


def test_a_check_goes_on_where_it_was_after_a_restart(assistant):
    chat = assistant.conversation()
    chat.say("check my symptoms")
    assert FIRST_QUESTION in chat.text
    chat.say("/deny")
    chat.say("no")
    chat.say("/deny")
    assert OPEN_QUESTION in chat.text, chat.text

    assistant.stop()
    assert assistant.server.stopped, "the first servers are stopped"
    assistant.start_again()

    chat.say("/deny")
    assert NEXT_QUESTION in chat.text, f"the answer went to the open question: {chat.text}"
    sent = ["check my symptoms", "/deny", "no", "/deny", "/deny"]
    while not chat.custom and len(sent) < 30:
        sent.append("/deny")
        chat.say("/deny")
    outcome = chat.custom[0]["triage"]

    assert outcome["level"] == "self_care"
    answers = outcome["answers"]
    assert [answers[q] for q in ("chest_breathing", "leg_circulation", "cauda_equina", "compartment")] == [
        "no"
    ] * 4
    assert user_turns(assistant.db_path, chat.sender) == sent, "each turn kept once, in order"
