"""The running assistant over Rasa's REST channel: the foundation's promises."""

import sqlite3


def test_hello_gets_a_greeting(assistant):
    reply = assistant.say("a", "hello")
    assert reply, "no reply"
    assert "hamstring helper" in reply[0]["text"].lower()
    assert any(b["payload"] == "/start_triage" for b in reply[0]["buttons"])


def test_hamstring_muscles_question_names_the_three_muscles(chat):
    chat.say("what muscles make up the hamstring?")
    for muscle in ("biceps femoris", "semitendinosus", "semimembranosus"):
        assert muscle in chat.text.lower()
    assert "(From the article" in chat.text


def test_conversations_are_kept_in_the_sqlite_tracker_store(chat, assistant):
    chat.say("hello")
    chat.say("are you a bot?")
    with sqlite3.connect(assistant.db_path) as db:
        user_turns = db.execute(
            "select count(*) from events where sender_id = ? and type_name = 'user'", (chat.sender,)
        ).fetchone()[0]
    assert user_turns == 2
