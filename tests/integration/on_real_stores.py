"""The assistant with POSTGRES_* and REDIS_* set: conversations in a throwaway PostgreSQL, locks in
a throwaway Redis (tests/integration/stores.py), started in the background like the other servers.

Shared by test_real_stores.py (what goes where) and test_postgres_down.py (PostgreSQL stopped and
started again under it, mid-conversation).
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.integration import early
from tests.integration.servers import Assistant, port, start_assistant
from tests.integration.stores import LoopbackPostgres, LoopbackRedis, start_loopback_postgres


@dataclass
class OnRealStores:
    assistant: Assistant
    postgres: LoopbackPostgres
    redis: LoopbackRedis

    def stop(self, grace_seconds: float = 30) -> None:
        self.assistant.stop(grace_seconds)
        self.redis.stop()
        self.postgres.discard()


@early.prepare("on_real_stores")
def start_on_real_stores() -> OnRealStores:
    postgres = start_loopback_postgres(port("real_stores_postgres"))
    try:
        redis_server = LoopbackRedis(port("real_stores_redis"))
    except BaseException:
        postgres.discard()
        raise
    try:
        env = {**postgres.environment, **redis_server.environment}
        assistant = start_assistant(early.folder("stores"), "real_stores", env)
    except BaseException:
        redis_server.stop()
        postgres.discard()
        raise
    return OnRealStores(assistant, postgres, redis_server)
