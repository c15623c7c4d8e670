"""The pure parts of the speed benchmark: percentiles and the conversation plan."""

from scripts.bench_speed import conversation_plan, load_conversations, percentile


def test_percentile_interpolates_like_numpy():
    values = [10.0, 20.0, 30.0, 40.0]
    assert percentile(values, 50) == 25.0
    assert percentile(values, 0) == 10.0
    assert percentile(values, 100) == 40.0
    assert abs(percentile(values, 95) - 38.5) < 1e-9


def test_the_plan_cycles_whole_conversations_until_the_count_is_reached():
    conversations = [["a", "b"], ["c"], ["d", "e", "f"]]
    plan = conversation_plan(conversations, 7)
    assert plan == [["a", "b"], ["c"], ["d", "e", "f"], ["a", "b"]]
    assert sum(map(len, plan)) >= 7


def test_the_benchmark_conversations_include_a_check_an_interruption_and_an_emergency():
    conversations = load_conversations()
    texts = [text for conversation in conversations for text in conversation]
    assert "can you check my symptoms" in texts
    assert "what causes pain behind the knee?" in texts
    assert any("short of breath" in text for text in texts)
    assert len(texts) >= 30
