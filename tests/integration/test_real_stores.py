"""With POSTGRES_* and REDIS_* set, the assistant keeps conversations in PostgreSQL and locks in Redis.

Starts a throwaway PostgreSQL cluster and a Redis server on loopback ports, then the assistant.
"""

import shutil
import subprocess
import time
from pathlib import Path

import psycopg2
import pytest
import redis

from tests.integration.conftest import assistant_ports, service_port, start_assistant, stop_assistant
from tests.integration.stores import loopback_postgres

PG_PORT, REDIS_PORT = service_port(0), service_port(1)


@pytest.fixture(scope="module")
def postgres():
    with loopback_postgres(PG_PORT) as server:
        yield server


@pytest.fixture(scope="module")
def redis_server():
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("Redis is not installed (scripts/install-test-tools.sh)")
    process = subprocess.Popen(
        [binary, "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=REDIS_PORT)
    for _ in range(50):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.1)
    yield client
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def assistant_on_real_stores(tmp_path_factory, postgres, redis_server):
    env = {
        **postgres.environment,
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": str(REDIS_PORT),
    }
    process, assistant = start_assistant(Path(tmp_path_factory.mktemp("stores")), *assistant_ports(8), env)
    yield assistant
    stop_assistant(process)


def test_conversations_go_to_postgres_and_locks_to_redis(assistant_on_real_stores, redis_server):
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
