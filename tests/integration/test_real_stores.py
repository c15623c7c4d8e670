"""With POSTGRES_* and REDIS_* set, the assistant keeps conversations in PostgreSQL and locks in Redis.

The assistant on a throwaway PostgreSQL cluster and Redis server on loopback ports is started in
the background as soon as the tests are collected (tests/integration/on_real_stores.py).
"""

import psycopg2

from tests.integration.stores import HOST


def test_conversations_go_to_postgres_and_locks_to_redis(on_real_stores):
    assistant_on_real_stores, postgres = on_real_stores.assistant, on_real_stores.postgres
    redis_server = on_real_stores.redis.client
    sender = "real-stores-user"
    reply = assistant_on_real_stores.say(sender, "hello")
    assert "hamstring helper" in reply[0]["text"].lower()
    assistant_on_real_stores.say(sender, "what muscles make up the hamstring?")

    with psycopg2.connect(host=HOST, port=postgres.port, dbname=postgres.database, user=postgres.user) as db:
        with db.cursor() as cursor:
            cursor.execute(
                "select count(*) from events where sender_id = %s and type_name = 'user'", (sender,)
            )
            assert cursor.fetchone()[0] == 2

    commands = redis_server.info("commandstats")
    assert commands.get("cmdstat_set", {}).get("calls", 0) >= 2, "Rasa's Redis lock store took no locks"
    assert not assistant_on_real_stores.db_path.exists(), "the SQLite file must not be used"
