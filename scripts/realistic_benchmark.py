"""The whole assistant on messages modelled on real people's posts (tests/realistic/messages.yml).

Each message is sent as the first message of a new conversation to the real assistant (the
trained model in-process, with the action server), and its reply is read from the tracker's
events: which answers it gave (`utter_faq/<topic>`, `utter_causes_<place>`), whether it started
the red-flag check or gave the emergency message, or said it cannot help. Measures, per half:

- in scope: the reply's first answer covers one of the labelled topics (target >= 0.90);
- out of scope: no hamstring answer at all (no FAQ or causes answer, no check) (target >= 0.90);
- urgent or emergency level: the check starts or the emergency message comes (target 1.0).

`--split dev` is the half to study; `--split test` is measured rarely (count it in the README).
Usage: python scripts/realistic_benchmark.py --model models/hamstring.tar.gz --split dev|test|both
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

MESSAGES = ROOT / "tests" / "realistic" / "messages.yml"
TARGETS = {"in_scope_covered": 0.90, "out_of_scope_no_answer": 0.90, "urgent_routed": 1.0}
CHECK_STARTED = "start_triage"
EMERGENCY = "emergency"
CARE_LEVELS = {"urgent", "emergency"}
# Replies that are not about the hamstring: they say what the assistant cannot help with.
NOT_AN_ANSWER = {"utter_out_of_scope", "utter_default", "utter_clinic_contact"}


@dataclass
class Reply:
    """What the assistant did with one message, in order."""

    answers: list[str] = field(
        default_factory=list
    )  # faq/<topic>, ask_causes/<place>, start_triage, emergency
    responses: list[str] = field(default_factory=list)  # every response name, for the error listing

    @property
    def first_answer(self) -> str | None:
        return self.answers[0] if self.answers else None


def read_reply(events: Iterable[dict]) -> Reply:
    """The reply to the last user message, from tracker events (dicts, as Rasa stores them)."""
    events = list(events)
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    reply = Reply()
    for event in events[last_user + 1 :]:
        if event.get("event") == "action" and event.get("name") == "triage_form":
            if CHECK_STARTED not in reply.answers:
                reply.answers.append(CHECK_STARTED)
        if event.get("event") != "bot":
            continue
        name = (event.get("metadata") or {}).get("utter_action") or ""
        reply.responses.append(name)
        if name.startswith("utter_faq/"):
            reply.answers.append(name.removeprefix("utter_"))
        elif name.startswith("utter_causes_"):
            reply.answers.append("ask_causes/" + name.removeprefix("utter_causes_"))
        elif name == "utter_emergency":
            reply.answers.append(EMERGENCY)
        elif name.startswith("utter_ask_triage_") or name == "utter_triage_intro":
            if CHECK_STARTED not in reply.answers:
                reply.answers.append(CHECK_STARTED)
    return reply


def score(messages: list[dict], replies: dict[str, Reply]) -> dict:
    """The three measures over one half, with the messages that missed."""
    in_scope = [m for m in messages if m["topics"] != ["out_of_scope"]]
    out_of_scope = [m for m in messages if m["topics"] == ["out_of_scope"]]
    care = [m for m in messages if m.get("level") in CARE_LEVELS]

    def answer_covers(answer: str | None, m: dict) -> bool:
        # "Call now" answers only an emergency; the check answers any urgent or emergency level.
        if answer == EMERGENCY:
            return m.get("level") == "emergency"
        if answer == CHECK_STARTED and m.get("level") in CARE_LEVELS:
            return True
        return answer in m["topics"]

    def false_call_now(m: dict) -> bool:
        return m.get("level") != "emergency" and EMERGENCY in replies[m["id"]].answers

    def covered(m: dict) -> bool:
        return answer_covers(replies[m["id"]].first_answer, m)

    def any_covers(m: dict) -> bool:
        return any(answer_covers(a, m) for a in replies[m["id"]].answers)

    def hamstring_answer(m: dict) -> bool:
        return bool(replies[m["id"]].answers)

    def routed(m: dict) -> bool:
        return bool({CHECK_STARTED, EMERGENCY} & set(replies[m["id"]].answers))

    def row(m: dict) -> dict:
        r = replies[m["id"]]
        return {
            "id": m["id"],
            "labels": m["topics"],
            "answers": r.answers,
            "responses": r.responses,
            "text": m["text"],
        }

    return {
        "messages": len(messages),
        "in_scope": len(in_scope),
        "in_scope_covered": sum(map(covered, in_scope)) / max(len(in_scope), 1),
        "in_scope_any_answer_covers": sum(map(any_covers, in_scope)) / max(len(in_scope), 1),
        "out_of_scope": len(out_of_scope),
        "out_of_scope_no_answer": sum(not hamstring_answer(m) for m in out_of_scope)
        / max(len(out_of_scope), 1),
        "urgent_or_emergency": len(care),
        "urgent_routed": sum(map(routed, care)) / len(care) if care else 1.0,
        "call_now_without_emergency": sum(map(false_call_now, messages)),
        "in_scope_missed": [row(m) for m in in_scope if not covered(m)],
        "out_of_scope_answered": [row(m) for m in out_of_scope if hamstring_answer(m)],
        "urgent_not_routed": [row(m) for m in care if not routed(m)],
        "call_now_without_emergency_messages": [row(m) for m in messages if false_call_now(m)],
    }


def load_messages(split: str) -> list[dict]:
    messages = yaml.safe_load(MESSAGES.read_text(encoding="utf-8"))["messages"]
    return [m for m in messages if split == "both" or m["split"] == split]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_action_server(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/rasa"),
            "run",
            "actions",
            "--actions",
            "actions",
            "--port",
            str(port),
            "--quiet",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import urllib.request

    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
            return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("the action server did not start")


async def collect_replies(model: Path, messages: list[dict], action_port: int) -> dict[str, Reply]:
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    logging.getLogger("rasa").setLevel(logging.ERROR)
    agent = Agent.load(
        str(model),
        action_endpoint=EndpointConfig(f"http://127.0.0.1:{action_port}/webhook"),
        generator=EndpointConfig(type="rasa_addons.deployment_nlg.DeploymentNLG"),
    )
    replies = {}
    for message in messages:
        sender = f"bench-{uuid.uuid4().hex[:12]}"
        await agent.handle_text(message["text"], sender_id=sender)
        tracker = await agent.tracker_store.retrieve(sender)
        replies[message["id"]] = read_reply(e.as_dict() for e in tracker.events)
    return replies


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", type=Path, default=ROOT / "models/hamstring.tar.gz")
    parser.add_argument("--split", choices=["dev", "test", "both"], default="dev")
    parser.add_argument("--out", type=Path, default=ROOT / ".test-results/realistic")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()

    splits = ["dev", "test"] if args.split == "both" else [args.split]
    messages = load_messages("both" if args.split == "both" else args.split)
    port = _free_port()
    server = start_action_server(port)
    try:
        replies = asyncio.run(collect_replies(args.model, messages, port))
    finally:
        server.terminate()
        server.wait(timeout=30)

    args.out.mkdir(parents=True, exist_ok=True)
    missed_targets = []
    for split in splits:
        result = score([m for m in messages if m["split"] == split], replies)
        (args.out / f"{split}.json").write_text(json.dumps(result, indent=2))
        print(
            f"Realistic messages, {split} half ({result['messages']} messages, {MESSAGES.relative_to(ROOT)})"
        )
        print(
            f"  in scope: first answer covers a labelled topic  {result['in_scope_covered']:.3f}"
            f"  of {result['in_scope']}  (target >= 0.90; any answer in the reply: "
            f"{result['in_scope_any_answer_covers']:.3f})"
        )
        print(
            f"  out of scope: no hamstring answer             {result['out_of_scope_no_answer']:.3f}"
            f"  of {result['out_of_scope']}  (target >= 0.90)"
        )
        print(
            f"  urgent or emergency: check or emergency message {result['urgent_routed']:.3f}"
            f"  of {result['urgent_or_emergency']}  (target 1.0)"
        )
        print(
            f"  'call now' with no emergency label              {result['call_now_without_emergency']}"
            f"  of {result['messages']}  (safety: a person with no warning sign is not sent to"
            " the emergency number)"
        )
        missed_targets += [f"{split}:{k}" for k, t in TARGETS.items() if result[k] < t]
        print(f"  details: {args.out / f'{split}.json'}")
    return 1 if args.check and missed_targets else 0


if __name__ == "__main__":
    sys.exit(main())
