"""Conversation and lock stores for the integration tests: a SQLite file held locked, Debian's
PostgreSQL started on a loopback port (stopped and started again at will), and a throwaway Redis."""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
import redis

HOST = "127.0.0.1"


@contextmanager
def locked_sqlite(database: Path) -> Iterator[None]:
    """Holds an exclusive lock on the SQLite file, as a long write of another process would."""
    db = sqlite3.connect(database, isolation_level=None)
    db.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        db.execute("ROLLBACK")
        db.close()


def run_as_postgres(args: list[str], check: bool = True) -> int:
    # PostgreSQL refuses to run as root; CI runs as root.
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    done = subprocess.run(prefix + args, check=check, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return done.returncode


class LoopbackPostgres:
    """A throwaway PostgreSQL cluster on 127.0.0.1:`port`, user `rasa` (trust), database `rasa`."""

    user = "rasa"
    database = "rasa"

    def __init__(self, port: int) -> None:
        bindir = next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin"))), None)
        if bindir is None:
            pytest.fail("PostgreSQL is not installed (scripts/install-test-tools.sh)")
        self.bindir = bindir
        self.port = port
        # Outside pytest's per-user temp folder, which the postgres user cannot enter.
        self.parent = Path(tempfile.mkdtemp(prefix="hamstring-pg-"))
        self.parent.chmod(0o755)
        if os.geteuid() == 0:
            shutil.chown(self.parent, "postgres")
        self.data = self.parent / "data"
        run_as_postgres([f"{bindir}/initdb", "-D", str(self.data), "-U", self.user, "--auth=trust"])

    @property
    def environment(self) -> dict[str, str]:
        """The POSTGRES_* settings that put the assistant's tracker store here."""
        return {
            "POSTGRES_HOST": HOST,
            "POSTGRES_PORT": str(self.port),
            "POSTGRES_DB": self.database,
            "POSTGRES_USER": self.user,
        }

    def start(self) -> None:
        options = f"-p {self.port} -k /tmp -c listen_addresses={HOST}"
        run_as_postgres([f"{self.bindir}/pg_ctl", "-D", str(self.data), "-o", options, "-w", "start"])

    def stop(self) -> None:
        run_as_postgres([f"{self.bindir}/pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop"])

    def running(self) -> bool:
        return run_as_postgres([f"{self.bindir}/pg_ctl", "-D", str(self.data), "status"], check=False) == 0

    def create_database(self) -> None:
        run_as_postgres(
            [f"{self.bindir}/createdb", "-h", HOST, "-p", str(self.port), "-U", self.user, self.database]
        )

    def remove(self) -> None:
        shutil.rmtree(self.parent, ignore_errors=True)

    def discard(self) -> None:
        """Stopped (a test may have stopped it already) and deleted."""
        if self.running():
            self.stop()
        self.remove()


def start_loopback_postgres(port: int) -> LoopbackPostgres:
    """A started cluster with the `rasa` database; `discard()` stops and deletes it."""
    server = LoopbackPostgres(port)
    try:
        server.start()
        server.create_database()
    except BaseException:
        server.discard()
        raise
    return server


@contextmanager
def loopback_postgres(port: int) -> Iterator[LoopbackPostgres]:
    """A started cluster with the `rasa` database; stopped and deleted afterwards."""
    server = start_loopback_postgres(port)
    try:
        yield server
    finally:
        server.discard()


class LoopbackRedis:
    """redis-server on 127.0.0.1:`port` with nothing written to disk; `client` talks to it."""

    def __init__(self, port: int) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("Redis is not installed (scripts/install-test-tools.sh)")
        self.port = port
        self.process = subprocess.Popen(
            [binary, "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        self.client = redis.Redis(host=HOST, port=port)
        for _ in range(50):
            try:
                self.client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.1)

    @property
    def environment(self) -> dict[str, str]:
        """The REDIS_* settings that put the assistant's lock store here."""
        return {"REDIS_HOST": HOST, "REDIS_PORT": str(self.port)}

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
