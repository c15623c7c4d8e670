"""The scale-out set on one machine: which ports, files and commands each server gets.

Pure: reads settings from an environment mapping and renders config text; scripts/cluster.py
starts and stops the processes. Every server listens on 127.0.0.1 only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import jinja2

DEFAULTS = {
    "CLUSTER_DIR": ".run/cluster",
    "CLUSTER_DATA": "var/cluster",
    "CLUSTER_PORT": "5080",
    "CLUSTER_RASA_PORTS": "5081,5082",
    "CLUSTER_ACTION_PORT": "5085",
    "CLUSTER_POSTGRES_PORT": "5433",
    "CLUSTER_REDIS_PORT": "6380",
    "CLUSTER_RETRY_POST": "1",
    "TICKET_LOCK_LIFETIME": "60",  # Rasa's own variable and default: how long a turn may hold its lock
    "MODEL": "models/hamstring.tar.gz",
}

HOST = "127.0.0.1"


@dataclass(frozen=True)
class ClusterSettings:
    root: Path
    run_dir: Path  # pid files, logs, rendered configs: recreated on every start
    data_dir: Path  # PostgreSQL's data and its password: kept across restarts
    nginx_port: int
    rasa_ports: tuple[int, ...]
    action_port: int
    postgres_port: int
    redis_port: int
    retry_post: bool  # nginx passes a POST whose server died to the next server
    model: Path
    lock_lifetime: int  # seconds; a dead server's lock on a conversation is freed only after it

    @classmethod
    def from_env(cls, env: Mapping[str, str], root: Path) -> ClusterSettings:
        def get(name: str) -> str:
            return env.get(name) or DEFAULTS[name]

        def path(name: str) -> Path:
            value = Path(get(name))
            return value if value.is_absolute() else root / value

        rasa_ports = tuple(int(port) for port in get("CLUSTER_RASA_PORTS").split(",") if port.strip())
        if not rasa_ports:
            raise ValueError("CLUSTER_RASA_PORTS names no port")
        return cls(
            root=root,
            run_dir=path("CLUSTER_DIR"),
            data_dir=path("CLUSTER_DATA"),
            nginx_port=int(get("CLUSTER_PORT")),
            rasa_ports=rasa_ports,
            action_port=int(get("CLUSTER_ACTION_PORT")),
            postgres_port=int(get("CLUSTER_POSTGRES_PORT")),
            redis_port=int(get("CLUSTER_REDIS_PORT")),
            retry_post=get("CLUSTER_RETRY_POST") not in ("0", "false", "no"),
            model=path("MODEL"),
            lock_lifetime=int(get("TICKET_LOCK_LIFETIME")),
        )

    @property
    def response_timeout(self) -> int:
        """How long a Rasa server works on one turn: the wait for a dead server's lock, then the turn.

        Without --enable-api, `rasa run` ignores --response-timeout and Sanic cancels a turn after
        60 s, answering 200 with no message and saving nothing: a turn lost without a sign.
        """
        return 2 * self.lock_lifetime

    @property
    def proxy_read_timeout(self) -> int:
        return self.response_timeout + 10

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.nginx_port}"

    @property
    def postgres_data(self) -> Path:
        return self.data_dir / "postgres"

    @property
    def postgres_password_file(self) -> Path:
        return self.data_dir / "postgres-password"

    @property
    def endpoints_file(self) -> Path:
        return self.run_dir / "endpoints.yml"

    @property
    def credentials_file(self) -> Path:
        return self.run_dir / "credentials.yml"

    def rasa_servers(self) -> list[tuple[str, int]]:
        """(name, port) of each Rasa server: rasa-1, rasa-2, ..."""
        return [(f"rasa-{index}", port) for index, port in enumerate(self.rasa_ports, start=1)]

    def pid_file(self, name: str) -> Path:
        return self.run_dir / f"{name}.pid"

    def log_file(self, name: str) -> Path:
        return self.run_dir / f"{name}.log"


def store_environment(
    settings: ClusterSettings, postgres_password: str, redis_password: str
) -> dict[str, str]:
    """The variables scripts/render_endpoints.py turns into Rasa's SQL tracker and Redis lock stores."""
    return {
        "POSTGRES_HOST": HOST,
        "POSTGRES_PORT": str(settings.postgres_port),
        "POSTGRES_DB": "rasa",
        "POSTGRES_USER": "rasa",
        "POSTGRES_PASSWORD": postgres_password,
        "REDIS_HOST": HOST,
        "REDIS_PORT": str(settings.redis_port),
        "REDIS_PASSWORD": redis_password,
        "ACTION_SERVER_URL": f"http://{HOST}:{settings.action_port}/webhook",
    }


def rasa_server_command(settings: ClusterSettings, port: int, rasa: Path) -> list[str]:
    # No --cors: the chat page comes through nginx from the same origin.
    return [
        str(rasa),
        "run",
        "--model",
        str(settings.model),
        "--interface",
        HOST,
        "--port",
        str(port),
        "--endpoints",
        str(settings.endpoints_file),
        "--credentials",
        str(settings.credentials_file),
        "--quiet",
    ]


def rasa_server_environment(settings: ClusterSettings) -> dict[str, str]:
    # Sanic reads SANIC_* variables into its config; Rasa reads TICKET_LOCK_LIFETIME.
    return {
        "SANIC_RESPONSE_TIMEOUT": str(settings.response_timeout),
        "TICKET_LOCK_LIFETIME": str(settings.lock_lifetime),
    }


def action_server_command(settings: ClusterSettings, rasa: Path) -> list[str]:
    # rasa-sdk has no --interface flag; it binds to SANIC_HOST (see action_server_environment).
    return [
        str(rasa),
        "run",
        "actions",
        "--actions",
        "actions",
        "--port",
        str(settings.action_port),
        "--quiet",
    ]


def action_server_environment() -> dict[str, str]:
    return {"SANIC_HOST": HOST}


def redis_config(settings: ClusterSettings, password: str) -> str:
    # Only locks live in Redis: nothing is written to disk.
    return "\n".join(
        [
            f"bind {HOST}",
            f"port {settings.redis_port}",
            f"requirepass {password}",
            'save ""',
            "appendonly no",
            "daemonize no",
            f"dir {settings.run_dir}",
            "",
        ]
    )


def postgres_server_options(settings: ClusterSettings) -> str:
    # TCP on loopback only; no Unix socket, so no shared socket folder is needed.
    return f"-p {settings.postgres_port} -c listen_addresses={HOST} -c unix_socket_directories=''"


def nginx_config(settings: ClusterSettings, template: str) -> str:
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return environment.from_string(template).render(
        host=HOST,
        port=settings.nginx_port,
        rasa_ports=settings.rasa_ports,
        run_dir=settings.run_dir,
        retry_post=settings.retry_post,
        lock_lifetime=settings.lock_lifetime,
        proxy_read_timeout=settings.proxy_read_timeout,
    )
