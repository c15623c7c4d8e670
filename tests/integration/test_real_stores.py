"""With POSTGRES_* and REDIS_* set, the assistant keeps conversations in PostgreSQL and locks in Redis.

Starts a throwaway PostgreSQL cluster and a Redis server on loopback ports, then the assistant
(in the background, as soon as the tests are collected: tests/integration/early.py).
"""

from dataclasses import dataclass

import psycopg2
import pytest

from tests.integration import early
from tests.integration.servers import Assistant, port, start_assistant
from tests.integration.stores import ThrowawayPostgres, ThrowawayRedis

PG_PORT, REDIS_PORT = port("real_stores_postgres"), port("real_stores_redis")


@dataclass
class OnRealStores:
    assistant: Assistant
    postgres: ThrowawayPostgres
    redis: ThrowawayRedis

    def stop(self, grace_seconds: float = 30) -> None:
        self.assistant.stop(grace_seconds)
        self.redis.stop()
        self.postgres.stop()


@early.prepare("on_real_stores")
def start_on_real_stores() -> OnRealStores:
    postgres = ThrowawayPostgres(PG_PORT).start()
    redis_server = ThrowawayRedis(REDIS_PORT)
    env = {
        "POSTGRES_HOST": "127.0.0.1",
        "POSTGRES_PORT": str(PG_PORT),
        "POSTGRES_DB": "rasa",
        "POSTGRES_USER": "rasa",
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": str(REDIS_PORT),
    }
    try:
        assistant = start_assistant(early.folder("stores"), "real_stores", env)
    except BaseException:
        redis_server.stop()
        postgres.stop()
        raise
    return OnRealStores(assistant, postgres, redis_server)


@pytest.fixture(scope="module")
def on_real_stores() -> OnRealStores:
    return early.result("on_real_stores")


def test_conversations_go_to_postgres_and_locks_to_redis(on_real_stores):
    assistant_on_real_stores, redis_server = on_real_stores.assistant, on_real_stores.redis.client
    sender = "real-stores-user"
    reply = assistant_on_real_stores.say(sender, "hello")
    assert "hamstring helper" in reply[0]["text"].lower()
    assistant_on_real_stores.say(sender, "what muscles make up the hamstring?")

    with psycopg2.connect(host="127.0.0.1", port=PG_PORT, dbname="rasa", user="rasa") as db:
        with db.cursor() as cursor:
            cursor.execute(
                "select count(*) from events where sender_id = %s and type_name = 'user'", (sender,)
            )
            assert cursor.fetchone()[0] == 2

    commands = redis_server.info("commandstats")
    assert commands.get("cmdstat_set", {}).get("calls", 0) >= 2, "Rasa's Redis lock store took no locks"
    assert not assistant_on_real_stores.db_path.exists(), "the SQLite file must not be used"
