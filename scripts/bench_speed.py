"""Speed, side by side: this assistant and the stock `rasa init` bot, in one run on this machine.

Both bots get the same conversations (tests/speed/conversations.yml) over Rasa's REST channel from
an async load generator: first 1 user, then 10 users at once, each user sending one message,
waiting for the reply, then the next. The stock bot is built in a temporary folder from Rasa's own
`rasa init` template with this project's venv. For each bot: p50/p95/p99 latency, throughput,
server start time (launch to first answered message), resident memory and full training time;
for this assistant, where a message's time goes (each NLU component and policy, the tracker store,
the action server round trip). Writes docs/benchmarks.md and docs/benchmarks.png.

`--workers N` adds this assistant with N Sanic workers and a Redis lock store (Debian's
redis-server on a loopback port), the scale-up path, reported beside the default.

Usage: python scripts/bench_speed.py [--messages 400] [--users 1 10] [--skip-training] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

BIN = ROOT / ".venv" / "bin"
MODEL = ROOT / "models" / "hamstring.tar.gz"
CONVERSATIONS = ROOT / "tests" / "speed" / "conversations.yml"
TARGETS = {
    "throughput_ratio": 1.5,  # at least, at 10 users
    "p95_ratio": 0.7,  # at most, at 10 users
    "start_seconds": 20.0,
    "rss_mb": 1024.0,
    "training_seconds": 180.0,
}
QUIET_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
}


# ----------------------------------------------------------------------------- pure helpers


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation, as numpy's default."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class LoadResult:
    users: int
    latencies: list[float] = field(default_factory=list)  # seconds, one per message
    wall_seconds: float = 0.0
    errors: int = 0

    def summary(self) -> dict:
        ms = [latency * 1000 for latency in self.latencies]
        return {
            "users": self.users,
            "messages": len(self.latencies),
            "errors": self.errors,
            "p50_ms": percentile(ms, 50),
            "p95_ms": percentile(ms, 95),
            "p99_ms": percentile(ms, 99),
            "throughput": len(self.latencies) / self.wall_seconds if self.wall_seconds else 0.0,
        }


def load_conversations(path: Path = CONVERSATIONS) -> list[list[str]]:
    conversations = [c["messages"] for c in yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]]
    for conversation in conversations:
        bad = [text for text in conversation if not isinstance(text, str)]
        if bad:  # an unquoted `no` is YAML's false
            raise ValueError(f"{path}: quote these messages: {bad}")
    return conversations


def conversation_plan(conversations: list[list[str]], messages: int) -> list[list[str]]:
    """Whole conversations, cycled in order, until at least `messages` messages are planned."""
    plan: list[list[str]] = []
    planned = 0
    while planned < messages:
        conversation = conversations[len(plan) % len(conversations)]
        plan.append(conversation)
        planned += len(conversation)
    return plan


# ----------------------------------------------------------------------------- processes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def descendants(pid: int) -> list[int]:
    """The process and all its children, from /proc."""
    children: dict[int, list[int]] = defaultdict(list)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children[int(fields[1])].append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def rasa_server_rss_mb(root_pid: int) -> list[float]:
    """Resident memory of each Rasa server process (not the action server) under root_pid."""
    sizes = []
    for pid in descendants(root_pid):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        args = [a.decode(errors="replace") for a in cmdline]
        # `python scripts/serve.py rasa` here, `rasa run` for the stock bot; never the action server.
        is_python = any(a.endswith(("python", "python3", "/rasa")) for a in args[:2])
        if is_python and "actions" not in args and ("run" in args or "rasa" in args):
            rss = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            sizes.append(rss / 1024)
    return sizes


@dataclass
class Server:
    name: str
    process: subprocess.Popen
    url: str
    start_seconds: float
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def wait_for_first_answer(process: subprocess.Popen, url: str, started: float, log: Path) -> float:
    import requests

    while time.monotonic() - started < 300:
        if process.poll() is not None:
            raise SystemExit(f"server exited early, see {log}")
        try:
            reply = requests.post(
                f"{url}/webhooks/rest/webhook", json={"sender": "bench-start", "message": "hello"}, timeout=5
            )
            if reply.ok and reply.json():
                return time.monotonic() - started
        except (requests.RequestException, ValueError):
            pass
        time.sleep(0.2)
    raise SystemExit(f"server did not answer within 300 s, see {log}")


def start_this_assistant(work: Path, name: str, extra_env: dict | None = None) -> Server:
    rasa_port, action_port = free_port(), free_port()
    env = {
        **os.environ,
        **QUIET_ENV,
        "RASA_HOST": "127.0.0.1",
        "RASA_PORT": str(rasa_port),
        "ACTION_PORT": str(action_port),
        "SQLITE_DB": str(work / f"{name}.db"),
        **(extra_env or {}),
    }
    log = work / f"{name}.log"
    started = time.monotonic()
    process = subprocess.Popen(
        [str(ROOT / "scripts" / "run.sh")],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{rasa_port}"
    return Server(name, process, url, wait_for_first_answer(process, url, started, log), log)


def start_stock_bot(stock_dir: Path, work: Path) -> Server:
    port = free_port()
    log = work / "stock.log"
    started = time.monotonic()
    process = subprocess.Popen(
        [str(BIN / "rasa"), "run", "--model", "models", "--interface", "127.0.0.1", "--port", str(port)],
        cwd=stock_dir,
        env={**os.environ, **QUIET_ENV},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    return Server("stock", process, url, wait_for_first_answer(process, url, started, log), log)


def make_stock_bot(work: Path) -> Path:
    """Rasa's own `rasa init` template, copied as `rasa init --no-prompt` does (without training)."""
    import rasa.cli

    stock_dir = work / "stock-bot"
    shutil.copytree(Path(rasa.cli.__file__).parent / "initial_project", stock_dir)
    return stock_dir


def timed_training(cwd: Path, out: Path, extra_env: dict | None = None) -> float:
    started = time.monotonic()
    subprocess.run(
        [str(BIN / "rasa"), "train", "--force", "--out", str(out), "--quiet"],
        cwd=cwd,
        env={**os.environ, **QUIET_ENV, **(extra_env or {})},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.monotonic() - started


def start_redis(work: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=work,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    time.sleep(0.5)
    return process, port


# ----------------------------------------------------------------------------- load


async def drive(url: str, plan: list[list[str]], users: int, tag: str) -> LoadResult:
    """`users` simulated people take conversations from the plan in turn until it is used up."""
    import aiohttp

    result = LoadResult(users)
    queue: asyncio.Queue = asyncio.Queue()
    for index, conversation in enumerate(plan):
        queue.put_nowait((f"bench-{tag}-{users}-{index}", conversation))

    async def user(session: aiohttp.ClientSession) -> None:
        while not queue.empty():
            sender, conversation = queue.get_nowait()
            for text in conversation:
                sent = time.perf_counter()
                try:
                    async with session.post(
                        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}
                    ) as reply:
                        await reply.read()
                        ok = reply.status == 200
                except aiohttp.ClientError:
                    ok = False
                result.latencies.append(time.perf_counter() - sent)
                result.errors += not ok

    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        started = time.perf_counter()
        await asyncio.gather(*(user(session) for _ in range(users)))
        result.wall_seconds = time.perf_counter() - started
    return result


def measure(server: Server, plan_for: dict[int, list[list[str]]]) -> dict:
    warm_up = [["hello", "what is a hamstring strain?", "thanks"]] * 2
    asyncio.run(drive(server.url, warm_up, 1, f"{server.name}-warm"))
    loads = {
        users: asyncio.run(drive(server.url, plan, users, server.name)).summary()
        for users, plan in plan_for.items()
    }
    rss = rasa_server_rss_mb(server.process.pid)
    return {"start_seconds": server.start_seconds, "rss_mb": rss, "loads": loads}


# ----------------------------------------------------------------------------- profile


def profile_this_assistant(work: Path, messages: int) -> dict:
    """Where a message's time goes, in this process: the trained model, the deployment's endpoints
    (SQLite tracker store, the real action server), the same conversations one at a time."""
    import logging

    from rasa.core.actions.action import RemoteAction
    from rasa.core.agent import load_agent
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
    from rasa.core.utils import AvailableEndpoints
    from rasa.engine.graph import GraphNode
    from rasa.utils.log_utils import configure_structlog

    from scripts.realistic_benchmark import start_action_server
    from scripts.serve import adjust_rasa

    adjust_rasa()  # Rasa changed as the server changes it
    configure_structlog(logging.WARNING)
    logging.getLogger("rasa").setLevel(logging.WARNING)
    from scripts.render_endpoints import render

    action_port = free_port()
    endpoints_file = work / "profile-endpoints.yml"
    base = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    env = {
        "ACTION_SERVER_URL": f"http://127.0.0.1:{action_port}/webhook",
        "SQLITE_DB": str(work / "profile.db"),
    }
    endpoints_file.write_text(yaml.safe_dump(render(base, env)), encoding="utf-8")
    totals: dict[str, float] = defaultdict(float)
    patched: list[tuple[object, str, object]] = []

    def patch(owner: object, name: str, label_of) -> None:
        original = getattr(owner, name)
        patched.append((owner, name, original))
        if asyncio.iscoroutinefunction(original):

            async def timed(*args, **kwargs):
                started = time.perf_counter()
                try:
                    return await original(*args, **kwargs)
                finally:
                    totals[label_of(args)] += time.perf_counter() - started
        else:

            def timed(*args, **kwargs):
                started = time.perf_counter()
                try:
                    return original(*args, **kwargs)
                finally:
                    totals[label_of(args)] += time.perf_counter() - started

        setattr(owner, name, timed)

    action_server = start_action_server(action_port)
    try:
        plan = conversation_plan(load_conversations(), messages)

        async def run_all() -> tuple[int, float]:
            endpoints = AvailableEndpoints.read_endpoints(str(endpoints_file))
            agent = await load_agent(str(MODEL), endpoints=endpoints)
            patch(GraphNode, "__call__", lambda args: f"graph node {args[0]._node_name}")
            patch(RemoteAction, "run", lambda args: "action server round trip")
            patch(agent.tracker_store, "retrieve", lambda args: "tracker store read")
            patch(agent.tracker_store, "save", lambda args: "tracker store write")
            await agent.handle_message(UserMessage("hello", CollectingOutputChannel(), "profile-warm"))
            totals.clear()
            count, started = 0, time.perf_counter()
            for index, conversation in enumerate(plan):
                for text in conversation:
                    await agent.handle_message(
                        UserMessage(text, CollectingOutputChannel(), f"profile-{index}")
                    )
                    count += 1
            return count, time.perf_counter() - started

        count, wall = asyncio.run(run_all())
    finally:
        for owner, name, original in reversed(patched):
            setattr(owner, name, original)
        action_server.terminate()
    per_message = {label: seconds * 1000 / count for label, seconds in totals.items()}
    per_message["whole message (handle_message)"] = wall * 1000 / count
    return {"messages": count, "ms_per_message": per_message}


# ----------------------------------------------------------------------------- report


def git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def fmt(value: float, digits: int = 1) -> str:
    return "n/a" if value is None or value != value else f"{value:,.{digits}f}"


def write_report(results: dict, out: Path) -> None:
    ours, stock = results["bots"]["ours"], results["bots"].get("stock")
    users = max(ours["loads"])
    lines = [
        "# Speed benchmark",
        "",
        f"Written by `make bench-speed` (scripts/bench_speed.py) on {results['date']},",
        f"commit `{results['commit']}`, {results['cores']} cores. One run: both bots on this machine, one",
        "after the other, the same conversations (tests/speed/conversations.yml) over the REST channel;",
        f"{results['messages']} messages per load level; each simulated user waits for a reply before",
        "sending the next message.",
        "",
    ]
    if stock:
        s_load, o_load = stock["loads"][users], ours["loads"][users]
        throughput_ratio = o_load["throughput"] / s_load["throughput"]
        p95_ratio = o_load["p95_ms"] / s_load["p95_ms"]
        lines += [
            f"## Against the targets (issue 13), {users} concurrent users",
            "",
            "| Measure | This assistant | Stock bot | Target | Met |",
            "|---|---|---|---|---|",
            f"| Throughput (messages/s) | {fmt(o_load['throughput'])} | {fmt(s_load['throughput'])} | "
            f"≥ {TARGETS['throughput_ratio']}× stock: **{throughput_ratio:.2f}×** | "
            f"{'yes' if throughput_ratio >= TARGETS['throughput_ratio'] else 'no'} |",
            f"| p95 latency (ms) | {fmt(o_load['p95_ms'])} | {fmt(s_load['p95_ms'])} | "
            f"≤ {TARGETS['p95_ratio']}× stock: **{p95_ratio:.2f}×** | "
            f"{'yes' if p95_ratio <= TARGETS['p95_ratio'] else 'no'} |",
        ]
        for bot in results["bots"].values():
            if bot is ours or bot is stock or users not in bot["loads"]:
                continue
            load = bot["loads"][users]
            lines.append(
                f"| {bot['label']}: throughput, p95 | {fmt(load['throughput'])} msg/s, "
                f"{fmt(load['p95_ms'])} ms | | **{load['throughput'] / s_load['throughput']:.2f}×**, "
                f"**{load['p95_ms'] / s_load['p95_ms']:.2f}×** stock (the scale-up path, not the default) | |"
            )
    else:
        lines += ["| Measure | This assistant | Stock bot | Target | Met |", "|---|---|---|---|---|"]
    for label, key, target, unit in [
        ("Server start to first answer", "start_seconds", TARGETS["start_seconds"], "s"),
        ("Resident memory per Rasa process", "rss_mb", TARGETS["rss_mb"], "MB"),
        ("Full training (`rasa train --force`)", "training_seconds", TARGETS["training_seconds"], "s"),
    ]:
        value = ours.get(key)
        value = max(value) if isinstance(value, list) and value else value
        other = stock.get(key) if stock else None
        other = max(other) if isinstance(other, list) and other else other
        met = "n/a" if value is None else ("yes" if value <= target else "no")
        lines.append(f"| {label} ({unit}) | {fmt(value)} | {fmt(other)} | ≤ {target:g} {unit} | {met} |")
    lines += [
        "",
        "## Latency and throughput",
        "",
        "| Bot | Users | Messages | Errors | p50 ms | p95 ms | p99 ms | Messages/s |",
    ]
    lines.append("|---|---|---|---|---|---|---|---|")
    for bot in results["bots"].values():
        for load in bot["loads"].values():
            lines.append(
                f"| {bot['label']} | {load['users']} | {load['messages']} | {load['errors']} | "
                f"{fmt(load['p50_ms'])} | {fmt(load['p95_ms'])} | {fmt(load['p99_ms'])} | "
                f"{fmt(load['throughput'])} |"
            )
    if results.get("profile"):
        profile = results["profile"]
        lines += [
            "",
            f"## Where a message's time goes (this assistant, in-process, {profile['messages']} messages,"
            " one at a time)",
            "",
            "NLU components run once per message; policies once per predicted action (a reply is usually",
            "two or three predictions). Graph node names are Rasa's (`run_<component><index>`).",
            "",
            "| Step | ms per message |",
            "|---|---|",
        ]
        for label, ms in sorted(profile["ms_per_message"].items(), key=lambda item: -item[1]):
            if ms >= 0.05:
                lines.append(f"| {label} | {ms:.2f} |")
    lines += ["", "![latency and throughput](benchmarks.png)", ""]
    out.write_text("\n".join(lines), encoding="utf-8")


def draw_chart(results: dict, out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    bots = list(results["bots"].values())
    users_levels = sorted(bots[0]["loads"])
    fig, (latency_axes, throughput_axes) = plt.subplots(1, 2, figsize=(11, 4))
    width = 0.8 / len(bots)
    for index, bot in enumerate(bots):
        for level_index, users in enumerate(users_levels):
            load = bot["loads"].get(users)
            if not load:
                continue
            x = level_index * 4
            values = [load["p50_ms"], load["p95_ms"], load["p99_ms"]]
            latency_axes.bar(
                [x + i + index * width for i in range(3)],
                values,
                width,
                label=bot["label"] if level_index == 0 else None,
                color=f"C{index}",
            )
        throughput_axes.bar(
            [i + index * width for i in range(len(users_levels))],
            [bot["loads"][u]["throughput"] if u in bot["loads"] else 0 for u in users_levels],
            width,
            label=bot["label"],
            color=f"C{index}",
        )
    latency_axes.set_xticks(
        [level * 4 + i + 0.4 - width / 2 for level in range(len(users_levels)) for i in range(3)]
    )
    latency_axes.set_xticklabels(
        [f"p{p}\n{u} user(s)" for u in users_levels for p in (50, 95, 99)], fontsize=8
    )
    latency_axes.set_ylabel("latency (ms)")
    latency_axes.legend()
    throughput_axes.set_xticks([i + 0.4 - width / 2 for i in range(len(users_levels))])
    throughput_axes.set_xticklabels([f"{u} user(s)" for u in users_levels])
    throughput_axes.set_ylabel("messages per second")
    fig.suptitle(f"{results['date']}, commit {results['commit']}, {results['cores']} cores")
    fig.tight_layout()
    fig.savefig(out, dpi=100)
    plt.close(fig)


# ----------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=400, help="messages per load level")
    parser.add_argument("--users", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--skip-training", action="store_true", help="do not time full training")
    parser.add_argument("--no-stock", action="store_true", help="this assistant only (the smoke test)")
    parser.add_argument("--profile-messages", type=int, default=200, help="0: no profile")
    parser.add_argument("--workers", type=int, default=0, help="also measure N Sanic workers with Redis")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()

    if not MODEL.exists():
        raise SystemExit("no trained model: run `make train` first")
    conversations = load_conversations()
    plan_for = {users: conversation_plan(conversations, args.messages) for users in args.users}
    results: dict = {
        "date": dt.date.today().isoformat(),
        "commit": git_commit(),
        "cores": os.cpu_count(),
        "messages": args.messages,
        "bots": {},
    }
    with tempfile.TemporaryDirectory(prefix="bench-speed-") as tmp:
        work = Path(tmp)
        stock_dir = None if args.no_stock else make_stock_bot(work)
        if not args.skip_training:
            print("==> timing full training of this assistant (rasa train --force)", flush=True)
            ours_training = timed_training(ROOT, work / "ours-model")
            stock_training = None
            if stock_dir:
                print("==> timing full training of the stock bot", flush=True)
                stock_training = timed_training(stock_dir, stock_dir / "models")
        else:
            ours_training = stock_training = None
            if stock_dir:
                subprocess.run(
                    [str(BIN / "rasa"), "train", "--out", "models", "--quiet"],
                    cwd=stock_dir,
                    env={**os.environ, **QUIET_ENV},
                    check=True,
                    stdout=subprocess.DEVNULL,
                )

        runs = [("ours", "this assistant", lambda: start_this_assistant(work, "ours"), ours_training)]
        if stock_dir:
            runs.append(
                ("stock", "stock rasa init bot", lambda: start_stock_bot(stock_dir, work), stock_training)
            )
        redis = None
        if args.workers > 1:
            redis, redis_port = start_redis(work)
            runs.append(
                (
                    f"ours-{args.workers}-workers",
                    f"this assistant, {args.workers} Sanic workers + Redis locks",
                    lambda: start_this_assistant(
                        work,
                        f"ours-{args.workers}-workers",
                        {
                            "SANIC_WORKERS": str(args.workers),
                            "REDIS_HOST": "127.0.0.1",
                            "REDIS_PORT": str(redis_port),
                        },
                    ),
                    None,
                )
            )
        try:
            for key, label, start, training in runs:
                print(f"==> {label}: starting", flush=True)
                server = start()
                try:
                    print(f"==> {label}: load", flush=True)
                    measured = measure(server, plan_for)
                finally:
                    server.stop()
                results["bots"][key] = {"label": label, "training_seconds": training, **measured}
                print(f"    started in {server.start_seconds:.1f} s, {measured['loads']}", flush=True)
        finally:
            if redis:
                redis.terminate()
        if args.profile_messages:
            print("==> profile of this assistant", flush=True)
            results["profile"] = profile_this_assistant(work, args.profile_messages)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_report(results, args.out)
    draw_chart(results, args.out.with_suffix(".png"))
    args.out.with_suffix(".json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"==> wrote {args.out} and {args.out.with_suffix('.png')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
