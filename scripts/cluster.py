"""Starts, stops and shows the scale-out set on loopback: PostgreSQL, Redis, one action server,
two Rasa servers sharing them, and nginx in front (README, "Scaling out and retention").

Usage: python scripts/cluster.py start|stop|status
Settings: the CLUSTER_* variables in operations/cluster.py, from the environment or .env.
Debian's postgresql, redis-server and nginx run as this user's processes (PostgreSQL as the
postgres user when this is root, since it refuses root); nothing is installed as a service.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg2
import redis
import requests
from dotenv import load_dotenv

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from operations.cluster import (  # noqa: E402
    ClusterSettings,
    action_server_command,
    action_server_environment,
    nginx_config,
    postgres_server_options,
    rasa_server_command,
    rasa_server_environment,
    redis_config,
    store_environment,
)

BIN = ROOT / ".venv" / "bin"
RASA_START_SECONDS = 300  # two servers loading the model at once on a busy 2-core machine


class ClusterError(RuntimeError):
    pass


def write_private(path: Path, text: str) -> None:
    """Writes a file only its owner can read (it holds a password)."""
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)


# --- processes this script started: each is the leader of its own session --------------------


def running_pid(settings: ClusterSettings, name: str) -> int | None:
    try:
        pid = int(settings.pid_file(name).read_text().split()[0])
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        # The pid is ours only while it still leads the session it was started in.
        return pid if state != "Z" and os.getsid(pid) == pid else None
    except (OSError, ValueError, IndexError):
        return None


def spawn(settings: ClusterSettings, name: str, command: list[str], env: dict[str, str]) -> None:
    log = open(settings.log_file(name), "ab")
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    settings.pid_file(name).write_text(f"{process.pid}\n")


def stop_process(settings: ClusterSettings, name: str, grace_seconds: float = 20) -> bool:
    pid = running_pid(settings, name)
    if pid is None:
        settings.pid_file(name).unlink(missing_ok=True)
        return False
    os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace_seconds
    while running_pid(settings, name) and time.monotonic() < deadline:
        time.sleep(0.2)
    if running_pid(settings, name):
        os.killpg(pid, signal.SIGKILL)
    settings.pid_file(name).unlink(missing_ok=True)
    return True


def wait_until(check, what: str, seconds: float, alive=lambda: True) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        if not alive():
            raise ClusterError(f"{what} exited while starting")
        time.sleep(0.5)
    raise ClusterError(f"{what} did not start within {seconds:.0f} s")


def program(name: str) -> str | None:
    # nginx lives in /usr/sbin, which is not on every user's PATH.
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")


def http_ok(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).ok
    except requests.RequestException:
        return False


# --- PostgreSQL --------------------------------------------------------------------------------


def postgres_bin(program: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{program}"))
    if not found:
        raise ClusterError("PostgreSQL is not installed (scripts/install-test-tools.sh installs it)")
    return found[-1]


def as_postgres_user(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    # PostgreSQL refuses to run as root; CI runs as root.
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run(prefix + command, capture_output=True, text=True, **kwargs)


def postgres_password(settings: ClusterSettings) -> str:
    if not settings.postgres_password_file.exists():
        write_private(settings.postgres_password_file, secrets.token_urlsafe(24))
    return settings.postgres_password_file.read_text().strip()


def init_postgres(settings: ClusterSettings, password: str) -> None:
    data = settings.postgres_data
    if (data / "PG_VERSION").exists():
        return
    data.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
        if as_postgres_user(["test", "-w", str(data)]).returncode != 0:
            raise ClusterError(
                f"the postgres user cannot reach {data}; set CLUSTER_DATA to a folder it can reach"
            )
    # initdb reads the superuser's password from a file the postgres user owns, removed at once.
    password_file = settings.data_dir / "initdb-password"
    write_private(password_file, password + "\n")
    if os.geteuid() == 0:
        shutil.chown(password_file, "postgres", "postgres")
    try:
        result = as_postgres_user(
            [
                postgres_bin("initdb"),
                "-D",
                str(data),
                "-U",
                "rasa",
                "--auth=scram-sha-256",
                f"--pwfile={password_file}",
            ]
        )
    finally:
        password_file.unlink(missing_ok=True)
    if result.returncode != 0:
        raise ClusterError(f"initdb failed: {result.stderr.strip()}")


def postgres_running(settings: ClusterSettings) -> bool:
    if not (settings.postgres_data / "PG_VERSION").exists():
        return False
    return (
        as_postgres_user([postgres_bin("pg_ctl"), "-D", str(settings.postgres_data), "status"]).returncode
        == 0
    )


def start_postgres(settings: ClusterSettings, password: str) -> None:
    init_postgres(settings, password)
    data = str(settings.postgres_data)
    result = as_postgres_user(
        [
            postgres_bin("pg_ctl"),
            "-D",
            data,
            "-l",
            f"{data}/server.log",
            "-o",
            postgres_server_options(settings),
            "-w",
            "-t",
            "60",
            "start",
        ]
    )
    if result.returncode != 0:
        raise ClusterError(f"PostgreSQL did not start (see {data}/server.log): {result.stderr.strip()}")
    connection = psycopg2.connect(
        host="127.0.0.1", port=settings.postgres_port, dbname="postgres", user="rasa", password=password
    )
    connection.autocommit = True  # CREATE DATABASE cannot run in a transaction
    with connection.cursor() as cursor:
        cursor.execute("select 1 from pg_database where datname = 'rasa'")
        if cursor.fetchone() is None:
            cursor.execute("create database rasa")
    connection.close()


def stop_postgres(settings: ClusterSettings) -> bool:
    if not postgres_running(settings):
        return False
    as_postgres_user([postgres_bin("pg_ctl"), "-D", str(settings.postgres_data), "-m", "fast", "-w", "stop"])
    return True


# --- the whole set -----------------------------------------------------------------------------


def component_names(settings: ClusterSettings) -> list[str]:
    return ["redis", "actions", *(name for name, _ in settings.rasa_servers()), "nginx"]


def render_configs(
    settings: ClusterSettings, base_env: dict[str, str], postgres_pw: str, redis_pw: str
) -> None:
    write_private(settings.run_dir / "redis.conf", redis_config(settings, redis_pw))
    template = (ROOT / "deploy" / "nginx.conf.j2").read_text(encoding="utf-8")
    (settings.run_dir / "nginx.conf").write_text(nginx_config(settings, template), encoding="utf-8")
    for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (settings.run_dir / "nginx-temp" / temp).mkdir(parents=True, exist_ok=True)
    env = {**base_env, **store_environment(settings, postgres_pw, redis_pw)}
    # The rendered files hold passwords and channel secrets: created readable by their owner only.
    for script, source, destination in (
        ("render_endpoints.py", "endpoints.yml", settings.endpoints_file),
        ("render_credentials.py", "credentials.yml", settings.credentials_file),
    ):
        destination.unlink(missing_ok=True)
        subprocess.run(
            [str(BIN / "python"), str(ROOT / "scripts" / script), source, str(destination)],
            cwd=ROOT,
            env=env,
            check=True,
            umask=0o077,
        )


def check_can_start(settings: ClusterSettings) -> None:
    already = [name for name in component_names(settings) if running_pid(settings, name)]
    if already or postgres_running(settings):
        raise ClusterError(f"already running ({', '.join(already) or 'postgres'}): stop it first")
    if not settings.model.exists():
        raise ClusterError(f"no model at {settings.model}: run `make train`")
    for name in ("redis-server", "nginx"):
        if program(name) is None:
            raise ClusterError(f"{name} is not installed (scripts/install-test-tools.sh installs it)")


def start(settings: ClusterSettings) -> None:
    settings.run_dir.mkdir(parents=True, exist_ok=True)
    settings.data_dir.mkdir(mode=0o755, parents=True, exist_ok=True)
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "PYTHONPATH": str(ROOT),
    }
    postgres_pw, redis_pw = postgres_password(settings), secrets.token_urlsafe(24)
    render_configs(settings, env, postgres_pw, redis_pw)

    def alive(name: str):
        return lambda: running_pid(settings, name) is not None

    started = time.monotonic()
    start_postgres(settings, postgres_pw)
    spawn(settings, "redis", [program("redis-server"), str(settings.run_dir / "redis.conf")], env)
    lock_store = redis.Redis(host="127.0.0.1", port=settings.redis_port, password=redis_pw)

    def redis_up() -> bool:
        try:
            return bool(lock_store.ping())
        except redis.RedisError:
            return False

    wait_until(redis_up, "Redis", 30, alive("redis"))
    rasa = BIN / "rasa"
    spawn(settings, "actions", action_server_command(settings, rasa), {**env, **action_server_environment()})
    for name, port in settings.rasa_servers():
        spawn(
            settings,
            name,
            rasa_server_command(settings, port, rasa),
            {**env, **rasa_server_environment(settings)},
        )
    wait_until(
        lambda: http_ok(f"http://127.0.0.1:{settings.action_port}/health"),
        "the action server",
        120,
        alive("actions"),
    )
    for name, port in settings.rasa_servers():
        wait_until(
            lambda port=port: http_ok(f"http://127.0.0.1:{port}/"), name, RASA_START_SECONDS, alive(name)
        )
    nginx = program("nginx")
    config = settings.run_dir / "nginx.conf"
    spawn(settings, "nginx", [nginx, "-p", str(settings.run_dir), "-e", "stderr", "-c", str(config)], env)
    wait_until(lambda: http_ok(f"{settings.url}/"), "nginx", 30, alive("nginx"))
    print(f"The cluster is up in {time.monotonic() - started:.0f} s: {settings.url}")
    print(
        f'  REST:      curl -s {settings.url}/webhooks/rest/webhook -d \'{{"sender":"me","message":"hi"}}\''
    )
    print(f"  Chat page: {settings.url}/chat/")
    print(f"  Logs:      {settings.run_dir}/*.log; stop with `make cluster-down`")


def stop(settings: ClusterSettings) -> None:
    for name in reversed(component_names(settings)):
        if stop_process(settings, name):
            print(f"stopped {name}")
    if stop_postgres(settings):
        print("stopped postgres")


def status(settings: ClusterSettings) -> int:
    health = {
        "actions": f"http://127.0.0.1:{settings.action_port}/health",
        "nginx": f"{settings.url}/",
        **{name: f"http://127.0.0.1:{port}/" for name, port in settings.rasa_servers()},
    }
    down = 0
    rows = [("postgres", postgres_running(settings), f"127.0.0.1:{settings.postgres_port}")]
    for name in component_names(settings):
        pid = running_pid(settings, name)
        up = pid is not None and (name not in health or http_ok(health[name]))
        rows.append((name, up, health.get(name, f"127.0.0.1:{settings.redis_port}")))
    for name, up, where in rows:
        down += not up
        print(f"{name:10} {'up' if up else 'down':5} {where}")
    return 0 if down == 0 else 1


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1] not in ("start", "stop", "status"):
        print(__doc__)
        return 2
    load_dotenv(ROOT / ".env", override=False)
    settings = ClusterSettings.from_env(os.environ, ROOT)
    try:
        if argv[1] == "start":
            check_can_start(settings)
            try:
                start(settings)
            except BaseException:
                stop(settings)  # what this start began, so that a second start can run
                raise
        elif argv[1] == "stop":
            stop(settings)
        else:
            return status(settings)
    except ClusterError as error:
        print(f"cluster: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
