"""Smoke test of the speed benchmark (scripts/bench_speed.py) on a tiny load: it starts this
assistant, drives it over REST, and writes its table and chart. The benchmark itself is
`make bench-speed`, not part of `make test`.

The run is begun in the background as soon as the tests are collected (tests/integration/
early.py): it starts its own servers on free ports and takes about 45 s, so it overlaps with
other tests; the test waits for it and checks what it wrote."""

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.integration import early
from tests.integration.servers import ROOT


@dataclass
class BenchRun:
    finished: subprocess.CompletedProcess
    out: Path


@early.prepare("bench_run")
def run_bench_on_a_tiny_load() -> BenchRun:
    out = early.folder("bench") / "benchmarks.md"
    finished = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "bench_speed.py"),
            "--no-stock",
            "--skip-training",
            "--messages",
            "12",
            "--users",
            "1",
            "3",
            # Whole conversations until 8 messages: the two of questions (7 messages) and the
            # red-flag check, whose form calls the action server whatever the NLU reads the
            # questions as (the profile must show that round trip).
            "--profile-messages",
            "8",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return BenchRun(finished, out)


@pytest.fixture
def bench_run() -> BenchRun:
    return early.result("bench_run")


def test_bench_speed_runs_on_a_tiny_load(bench_run):
    finished, out = bench_run.finished, bench_run.out
    assert finished.returncode == 0, finished.stdout[-2000:] + finished.stderr[-2000:]
    report = out.read_text(encoding="utf-8")
    rows = [line for line in report.splitlines() if line.startswith("| this assistant |")]
    assert len(rows) == 2, report
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        users, messages, errors = int(cells[1]), int(cells[2]), int(cells[3])
        assert users in (1, 3) and messages >= 12 and errors == 0, row
        assert all(float(cell.replace(",", "")) > 0 for cell in cells[4:]), row
    assert "graph node run_DIETClassifier" in report and "action server round trip" in report
    assert out.with_suffix(".png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
