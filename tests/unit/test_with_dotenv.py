"""scripts/with_dotenv.py: .env is read by python-dotenv, literally, and never overrides."""

import subprocess
import sys
from pathlib import Path

from scripts.with_dotenv import LOADED_MARK, environment_with

ROOT = Path(__file__).resolve().parents[2]


def test_file_values_are_added_and_the_environment_wins(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        'RASA_HOST=0.0.0.0\nRASA_PORT=8000\nURGENT_CARE="an urgent treatment centre (or NHS 111)"\n'
    )
    env = environment_with(dotenv, {"RASA_PORT": "5005"})
    assert env["RASA_HOST"] == "0.0.0.0"
    assert env["RASA_PORT"] == "5005"
    assert env["URGENT_CARE"] == "an urgent treatment centre (or NHS 111)"
    assert env[LOADED_MARK] == "1"


def test_values_are_taken_literally(tmp_path):
    marker = tmp_path / "ran"
    dotenv = tmp_path / ".env"
    dotenv.write_text(f"EMERGENCY_NUMBER=$(touch {marker})\nCLINIC_CONTACT=${{HOME}} `touch {marker}`\n")
    env = environment_with(dotenv, {})
    assert env["EMERGENCY_NUMBER"] == f"$(touch {marker})"
    assert env["CLINIC_CONTACT"] == f"${{HOME}} `touch {marker}`"
    assert not marker.exists()


def test_a_missing_file_adds_nothing(tmp_path):
    assert environment_with(tmp_path / "absent", {"A": "1"}) == {"A": "1", LOADED_MARK: "1"}


def test_the_command_runs_with_the_file_values(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("RASA_HOST=192.0.2.10\nEMERGENCY_NUMBER=999\n")
    shown = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "with_dotenv.py"),
            str(dotenv),
            sys.executable,
            "-c",
            "import os; print(os.environ['RASA_HOST'], os.environ['EMERGENCY_NUMBER'])",
        ],
        env={"PATH": "/usr/bin:/bin", "EMERGENCY_NUMBER": "112"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.split() == ["192.0.2.10", "112"]
