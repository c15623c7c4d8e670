"""Throwaway PostgreSQL and Redis servers on loopback ports (Debian's packages), for the store
tests and the report test."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import redis


def run_as_postgres(args: list[str]) -> None:
    # PostgreSQL refuses to run as root; CI runs as root.
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(prefix + args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class ThrowawayPostgres:
    """A new PostgreSQL cluster with a database `rasa` owned by the trusted user `rasa`."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.bindir = next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin"))), None)
        if self.bindir is None:
            raise RuntimeError("PostgreSQL is not installed (scripts/install-test-tools.sh)")
        # Outside pytest's per-user temp folder, which the postgres user cannot enter.
        self.parent = Path(tempfile.mkdtemp(prefix="hamstring-pg-"))
        self.parent.chmod(0o755)
        if os.geteuid() == 0:
            shutil.chown(self.parent, "postgres")
        self.data = self.parent / "data"
        self.running = False

    def start(self) -> ThrowawayPostgres:
        run_as_postgres([f"{self.bindir}/initdb", "-D", str(self.data), "-U", "rasa", "--auth=trust"])
        options = f"-p {self.port} -k /tmp -c listen_addresses=127.0.0.1"
        run_as_postgres([f"{self.bindir}/pg_ctl", "-D", str(self.data), "-o", options, "-w", "start"])
        self.running = True
        run_as_postgres(
            [f"{self.bindir}/createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "rasa", "rasa"]
        )
        return self

    def stop(self) -> None:
        if self.running:
            run_as_postgres([f"{self.bindir}/pg_ctl", "-D", str(self.data), "-m", "fast", "stop"])
            self.running = False
        shutil.rmtree(self.parent, ignore_errors=True)


class ThrowawayRedis:
    """redis-server with nothing written to disk; `client` talks to it."""

    def __init__(self, port: int) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("Redis is not installed (scripts/install-test-tools.sh)")
        self.port = port
        self.process = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        self.client = redis.Redis(port=port)
        for _ in range(50):
            try:
                self.client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
