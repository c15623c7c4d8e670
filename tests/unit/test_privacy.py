"""serving/privacy.py: logs name a conversation by a keyed hash, never by the sender id."""

from serving.privacy import conversation_ref

PHONE = "+15551234567"


def test_the_ref_is_short_stable_and_not_the_sender():
    ref = conversation_ref(PHONE, {"LOG_REF_KEY": "k" * 32})
    assert len(ref) == 12 and PHONE not in ref
    assert ref == conversation_ref(PHONE, {"LOG_REF_KEY": "k" * 32})
    assert ref != conversation_ref("+15551234568", {"LOG_REF_KEY": "k" * 32})


def test_the_ref_depends_on_the_key():
    first, second = {"LOG_REF_KEY": "a" * 32}, {"LOG_REF_KEY": "b" * 32}
    assert conversation_ref(PHONE, first) != conversation_ref(PHONE, second)


def test_any_sender_gives_a_ref():
    assert conversation_ref(None, {}) and conversation_ref("\udfff", {})
