"""serving/turn_faults.py: each turn's faults are its own, and decide the message sent after it."""

import asyncio

import pytest

from clinical.service_messages import CONVERSATION_UNAVAILABLE, NOT_ANSWERED
from serving.turn_faults import (
    TurnFaults,
    record_action_call_failure,
    record_store_unavailable,
    watching_turn,
)


@pytest.mark.parametrize(
    "faults, turn_failed, expected",
    [
        (TurnFaults(), False, None),
        (TurnFaults(action_call_failed=True), False, NOT_ANSWERED),
        (TurnFaults(), True, NOT_ANSWERED),
        (TurnFaults(store_unavailable=True), True, CONVERSATION_UNAVAILABLE),
        # Nothing of the turn was kept: that is what the person must know, whatever else failed.
        (TurnFaults(action_call_failed=True, store_unavailable=True), True, CONVERSATION_UNAVAILABLE),
    ],
)
def test_the_message_after_a_turn(faults, turn_failed, expected):
    assert faults.service_message_name(turn_failed) == expected


def test_faults_are_recorded_in_the_turn_they_happen_in():
    with watching_turn() as faults:
        record_action_call_failure()
        record_store_unavailable()
    assert faults == TurnFaults(action_call_failed=True, store_unavailable=True)


def test_a_fault_outside_any_turn_is_not_recorded_anywhere():
    record_action_call_failure()  # an action server call with no turn around it: no one to tell
    with watching_turn() as faults:
        pass
    assert faults == TurnFaults()


async def test_turns_handled_at_the_same_time_keep_their_own_faults():
    async def turn(fails: bool) -> TurnFaults:
        with watching_turn() as faults:
            await asyncio.sleep(0.01)  # both turns are open here
            if fails:
                record_action_call_failure()
            await asyncio.sleep(0.01)
            return faults

    failing, fine = await asyncio.gather(turn(True), turn(False))
    assert failing.action_call_failed and not fine.action_call_failed
