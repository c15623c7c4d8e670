"""A turn queued behind a dead server's lock ticket gets the lock once that ticket expires.

The scene of tests/integration/test_scale_out.py in small: a ticket that is never released (its
server was killed), and the same conversation's retried turn asking for the lock a moment later.
"""

import asyncio

import pytest
from rasa.core.lock_store import InMemoryLockStore, LockStore
from rasa.utils.endpoints import EndpointConfig

from rasa_addons.lock_store import QueuedRedisLockStore, QueuedTicketLifetime
from scripts.render_endpoints import render
from serving.ticket_lifetime import ticket_lifetime

LIFETIME = 1.0
POLL = 0.5  # Rasa looks once a second with its 60 s lifetime; the same ratio, shorter


class QueuedInMemoryLockStore(QueuedTicketLifetime, InMemoryLockStore):
    pass


def test_a_ticket_with_nothing_ahead_lives_the_lifetime():
    assert ticket_lifetime(60, [], now=1000.0) == 60


def test_a_ticket_lives_the_lifetime_after_the_last_ticket_ahead_expires():
    assert ticket_lifetime(60, [1059.5, 1030.0], now=1000.0) == pytest.approx(119.5)


def test_expired_tickets_ahead_do_not_lengthen_it():
    assert ticket_lifetime(60, [990.0], now=1000.0) == 60


async def turn_after_dead_ticket(store: LockStore) -> str:
    store.issue_ticket("conversation", LIFETIME)  # held by a server that was killed
    await asyncio.sleep(0.2)  # nginx passes the turn to the other server
    async with store.lock("conversation", lock_lifetime=LIFETIME, wait_time_in_seconds=POLL):
        return "served"


async def test_the_retried_turn_is_served_when_the_dead_ticket_expires():
    result = await asyncio.wait_for(turn_after_dead_ticket(QueuedInMemoryLockStore()), timeout=3 * LIFETIME)
    assert result == "served"


async def test_rasas_own_store_never_serves_it():
    # Why the mixin exists: both tickets expire between two looks and the waiter waits forever.
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(turn_after_dead_ticket(InMemoryLockStore()), timeout=3 * LIFETIME)


def test_rasa_builds_the_store_named_in_the_rendered_endpoints():
    endpoints = render({}, {"REDIS_HOST": "127.0.0.1", "REDIS_PORT": "6390", "REDIS_PASSWORD": "pw"})
    store = LockStore.create(EndpointConfig.from_dict(endpoints["lock_store"]))
    assert isinstance(store, QueuedRedisLockStore)
    connection = store.red.connection_pool.connection_kwargs
    assert (connection["host"], connection["port"], connection["password"], connection["db"]) == (
        "127.0.0.1",
        6390,
        "pw",
        1,
    )
