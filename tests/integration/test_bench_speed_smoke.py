"""Smoke test of the speed benchmark (scripts/bench_speed.py) on a tiny load: it starts this
assistant, drives it over REST, and writes its table and chart. The benchmark itself is
`make bench-speed`, not part of `make test`."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_speed_runs_on_a_tiny_load(tmp_path):
    out = tmp_path / "benchmarks.md"
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
            "--profile-messages",
            "6",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
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
