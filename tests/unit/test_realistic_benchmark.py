"""How the realistic benchmark reads a reply and scores it (scripts/realistic_benchmark.py)."""

from scripts.realistic_benchmark import Reply, read_reply, score


def bot(action):
    return {"event": "bot", "text": "...", "metadata": {"utter_action": action}}


def test_reply_lists_answers_in_order_from_the_last_user_message_on():
    events = [
        {"event": "user", "text": "old"},
        bot("utter_faq/anatomy"),
        {"event": "user", "text": "new"},
        bot("utter_warning_sign_first"),
        bot("utter_faq/grades_recovery"),
        bot("utter_faq/return_to_play"),
    ]
    reply = read_reply(events)
    assert reply.answers == ["faq/grades_recovery", "faq/return_to_play"]
    assert reply.first_answer == "faq/grades_recovery"


def test_check_emergency_and_causes_are_answers_but_out_of_scope_is_not():
    assert read_reply([{"event": "user"}, {"event": "action", "name": "triage_form"}]).answers == [
        "start_triage"
    ]
    assert read_reply([{"event": "user"}, bot("utter_emergency")]).answers == ["emergency"]
    assert read_reply([{"event": "user"}, bot("utter_causes_upper")]).answers == ["ask_causes/upper"]
    assert read_reply([{"event": "user"}, bot("utter_out_of_scope")]).answers == []


def test_score_counts_each_measure_on_its_own_messages():
    messages = [
        {"id": "a", "topics": ["faq/return_to_play"], "level": "self_care", "text": "a"},
        {"id": "b", "topics": ["faq/imaging"], "level": "see_doctor", "text": "b"},
        {"id": "c", "topics": ["out_of_scope"], "level": "none", "text": "c"},
        {"id": "d", "topics": ["faq/avulsion"], "level": "urgent", "text": "d"},
    ]
    replies = {
        "a": Reply(answers=["faq/return_to_play"]),
        "b": Reply(answers=["faq/anatomy", "faq/imaging"]),
        "c": Reply(answers=["faq/medicines"]),
        "d": Reply(answers=["start_triage"]),
    }
    result = score(messages, replies)
    assert result["in_scope_covered"] == 2 / 3  # b's first answer is not its topic
    assert result["in_scope_any_answer_covers"] == 1.0
    assert result["out_of_scope_no_answer"] == 0.0
    assert result["urgent_routed"] == 1.0


def test_call_now_answers_only_an_emergency_and_is_counted_when_it_is_not_one():
    messages = [
        {"id": "a", "topics": ["faq/return_to_play"], "level": "self_care", "text": "a"},
        {"id": "b", "topics": ["faq/serious_injury_signs"], "level": "emergency", "text": "b"},
        {"id": "c", "topics": ["out_of_scope"], "level": "none", "text": "c"},
    ]
    replies = {
        "a": Reply(answers=["emergency"]),
        "b": Reply(answers=["emergency"]),
        "c": Reply(answers=["emergency"]),
    }
    result = score(messages, replies)
    assert result["in_scope_covered"] == 1 / 2, "'call now' covers only the emergency"
    assert result["call_now_without_emergency"] == 2
    assert [r["id"] for r in result["call_now_without_emergency_messages"]] == ["a", "c"]
