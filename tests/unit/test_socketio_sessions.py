"""connectors/socketio_polling.py: conversation ids are issued by the server and unguessable."""

import pytest

from connectors.socketio_polling import SESSION_ID, new_session_id, session_id_for


def test_new_ids_are_128_random_bits_in_hex():
    ids = {new_session_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(SESSION_ID.match(i) for i in ids)


def test_a_returning_widget_keeps_an_id_of_the_issued_form():
    issued = new_session_id()
    assert session_id_for(issued) == issued


@pytest.mark.parametrize(
    "requested",
    [
        "+15551234567",
        "whatsapp:+15551234567",
        "123456789",
        "default",
        "test-user",
        "A" * 32,
        "0" * 31,
        "0" * 33,
        "",
        None,
        42,
        ["0" * 32],
    ],
)
def test_any_other_id_is_replaced_by_a_new_one(requested):
    given = session_id_for(requested)
    assert given != requested and SESSION_ID.match(given)
