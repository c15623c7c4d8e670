"""connectors/rest_request.py: every bad REST body is a 4xx with a reason, good ones are read."""

import json

import pytest

from connectors.rest_request import (
    MAX_BODY_BYTES,
    Refusal,
    RestRequest,
    clean_message,
    read_rest_request,
    token_matches,
)


def body(value) -> bytes:
    return json.dumps(value).encode("utf-8")


@pytest.mark.parametrize(
    "message",
    [
        "hello",
        "",
        "   \n\t ",
        "😀 my hamstring 🦵",
        "ألم خلف الركبة",
        "<script>alert(1)</script><b>bold</b>",
        "'; DROP TABLE events; --",
        "x" * 100_000,
    ],
)
def test_any_text_is_a_message(message):
    assert read_rest_request(body({"sender": "s1", "message": message})) == RestRequest("s1", message)


def test_metadata_is_kept_when_it_is_an_object():
    parsed = read_rest_request(body({"sender": "s1", "message": "hi", "metadata": {"page": "/chat"}}))
    assert parsed.metadata == {"page": "/chat"}


def test_the_client_cannot_choose_the_input_channel():
    parsed = read_rest_request(body({"sender": "s1", "message": "hi", "input_channel": "twilio"}))
    assert parsed == RestRequest("s1", "hi")


def test_control_characters_are_dropped_from_the_message():
    assert read_rest_request(body({"sender": "s1", "message": "a\x00b\x07c\nd"})).message == "abc\nd"


@pytest.mark.parametrize(
    "raw, status",
    [
        (b"", 400),
        (b"{bad json", 400),
        (b'{"sender": "s1", "message": "hi"', 400),
        (b"\xff\xfe\x00binary", 400),
        (bytes(range(256)), 400),
        (b'""', 400),
        (b"null", 400),
        (b"[]", 400),
        (b"42", 400),
        (b'"hi"', 400),
        (b"[" * 100_000 + b"]" * 100_000, 400),
        (body({"message": "hello"}), 400),
        (body({"sender": None, "message": "hello"}), 400),
        (body({"sender": 5, "message": "hello"}), 400),
        (body({"sender": ["a"], "message": "hello"}), 400),
        (body({"sender": "", "message": "hello"}), 400),
        (body({"sender": "   ", "message": "hello"}), 400),
        (body({"sender": "x" * 129, "message": "hello"}), 400),
        (body({"sender": "a\nb", "message": "hello"}), 400),
        (body({"sender": "s1"}), 400),
        (body({"sender": "s1", "message": 5}), 400),
        (body({"sender": "s1", "message": {"text": "hi"}}), 400),
        (body({"sender": "s1", "message": ["hi"]}), 400),
        (body({"sender": "s1", "message": "hi", "metadata": "x"}), 400),
        (b'{"sender": "s1", "message": "\\ud800"}', 400),
        (b'{"sender": "\\udfff", "message": "hi"}', 400),
        (body({"sender": "s1", "message": "x" * MAX_BODY_BYTES}), 413),
    ],
)
def test_bad_bodies_are_refused_with_a_client_error(raw, status):
    with pytest.raises(Refusal) as refused:
        read_rest_request(raw)
    assert refused.value.status == status
    assert refused.value.reason


def test_a_missing_sender_is_refused_not_put_in_a_shared_conversation():
    with pytest.raises(Refusal, match="sender"):
        read_rest_request(body({"message": "hello"}))


def test_clean_message_refuses_what_is_not_text():
    for value in (None, 1, 1.5, True, [], {}):
        with pytest.raises(Refusal):
            clean_message(value)


@pytest.mark.parametrize(
    "header, matches",
    [
        ("Bearer the-token-1234567890", True),
        ("bearer the-token-1234567890", True),
        ("Bearer  the-token-1234567890 ", True),
        ("Bearer the-token-123456789", False),
        ("Bearer the-token-1234567890x", False),
        ("the-token-1234567890", False),
        ("Basic the-token-1234567890", False),
        ("Bearer", False),
        ("", False),
        (None, False),
    ],
)
def test_token_matches_only_the_bearer_token(header, matches):
    assert token_matches(header, "the-token-1234567890") is matches
