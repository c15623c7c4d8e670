"""Rasa's Redis lock store, with a ticket issued behind others living long enough to be served.

Rasa issues each ticket `lock_lifetime` seconds from now, so a turn queued behind a dead server's
ticket can expire together with it and then wait forever (serving/ticket_lifetime.py explains
when). Here a ticket lives `lock_lifetime` from when the tickets ahead of it expire; everything
else is Rasa's RedisLockStore. Named in the endpoints file by scripts/render_endpoints.py.
"""

from __future__ import annotations

import time
from typing import Text

from rasa.core.lock_store import LOCK_LIFETIME, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from serving.ticket_lifetime import ticket_lifetime


class QueuedTicketLifetime(LockStore):
    """Lock store mixin: a ticket's lifetime starts when the tickets ahead of it expire."""

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        lock = self.get_lock(conversation_id)
        expiries = [ticket.expires for ticket in lock.tickets] if lock else []
        return super().issue_ticket(conversation_id, ticket_lifetime(lock_lifetime, expiries, time.time()))


class QueuedRedisLockStore(QueuedTicketLifetime, RedisLockStore):
    """RedisLockStore with QueuedTicketLifetime; built by Rasa from the `lock_store` endpoint."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        # What Rasa does for `type: redis` (rasa/core/lock_store.py, _create_from_endpoint_config).
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)
