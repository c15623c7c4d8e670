"""`make report` and `make export-unrecognised` on conversations held with the running assistant.

Seven conversations go through a running assistant (the spare default assistant, conftest) into
its SQLite tracker store: an FAQ answer, an out-of-scope message, a please-rephrase message, an
FAQ answer given with a low topic confidence, a finished red-flag check, a check stopped at its
second question, and an emergency. Rasa's own tracker stores copy those seven into a SQLite file of
their own, the store the report reads, so that other conversations are not counted.
The report must count each in its place, the export must hold the messages it did not
understand, and the exported file must pass the project's own `rasa data validate`
(scripts/validate.sh) inside a copy of the project's data.

The conversations and the commands (`make report` on the file and on PostgreSQL, `make
export-unrecognised`, the validation) run in the background as soon as the tests are collected
(tests/integration/early.py): about 40 s that overlap with other tests. The tests check what
they made.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from PIL import Image, ImageChops

from tests.integration import early
from tests.integration.servers import RESULTS, ROOT, Assistant, port
from tests.integration.stores import HOST, loopback_postgres

PG_PORT = port("report_postgres")

FAQ = "what muscles make up the hamstring?"
OUT_OF_SCOPE = "what is the capital of france"
REPHRASE = "asdfgh qwerty"
# Answered from the FAQ, though the ResponseSelector's topic confidence was about 0.2 (tried by hand).
LOW_CONFIDENCE = "hamstring foam roller"
EMERGENCY = "I have chest pain and my calf is swollen"


class Page(HTMLParser):
    """The report's start tags (their attributes) and its text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[dict] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(dict(attrs))

    def handle_data(self, data):
        self.text.append(data)

    def one(self, **wanted) -> dict:
        found = [a for a in self.tags if all(a.get(k.replace("_", "-")) == v for k, v in wanted.items())]
        assert len(found) == 1, f"{wanted}: {len(found)} elements"
        return found[0]


def _hold_conversations(assistant: Assistant) -> list[str]:
    """The seven conversations, each checked as it happens; returns their sender ids."""
    chat = assistant.conversation()
    chat.say(FAQ)
    assert "biceps femoris" in chat.text

    out_of_scope = assistant.conversation()
    out_of_scope.say(OUT_OF_SCOPE)
    assert "Sorry, I can't help with that" in out_of_scope.text

    rephrase = assistant.conversation()
    rephrase.say(REPHRASE)
    assert "Sorry, I didn't quite get that" in rephrase.text

    unsure = assistant.conversation()
    unsure.say(LOW_CONFIDENCE)
    assert unsure.text and "Sorry" not in unsure.text  # answered, not a fallback

    finished = assistant.conversation()
    finished.say("check my symptoms")
    for _ in range(25):
        finished.say("no")
        if finished.custom:
            break
    assert finished.custom[0]["triage"]["level"] == "self_care"

    stopped = assistant.conversation()
    stopped.say("check my symptoms")
    stopped.say("no")
    assert "cold, pale or blue" in stopped.text  # the second question (leg_circulation)
    stopped.say("stop")
    stopped.say("yes")
    assert "stopped the check" in stopped.text

    emergency = assistant.conversation()
    emergency.say(EMERGENCY)
    assert emergency.custom[0]["triage"]["source"] == "emergency_sign"
    return [c.sender for c in (chat, out_of_scope, rephrase, unsure, finished, stopped, emergency)]


def _make(target: str, endpoints: Path | None, out_dir: Path, env: dict | None = None) -> Path:
    """Runs the make target; without `endpoints`, on the store `make run` would use with `env`."""
    variables = [f"ENDPOINTS={endpoints}"] if endpoints else []
    done = subprocess.run(
        ["make", "--no-print-directory", target, *variables, f"REPORT_DIR={out_dir}"],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    path = Path(done.stdout.strip().splitlines()[-1])
    assert path.exists() and path.parent == out_dir
    assert oct(path.stat().st_mode & 0o777) == "0o600"  # health information: the owner's only
    return path


@dataclass
class ReportRuns:
    """What the commands made of the seven conversations."""

    senders: list[str]
    report: Path  # `make report` on the SQLite file holding the seven
    html: str
    export: Path  # `make export-unrecognised` on the same file
    validation: subprocess.CompletedProcess  # scripts/validate.sh in a copy of the project, with the export
    postgres_html: str  # `make report` with POSTGRES_* as `make run` uses them, on a copy in PostgreSQL


@early.prepare("report_runs", after=["spare_assistant"])
def run_the_commands() -> ReportRuns:
    tmp = early.folder("report")
    senders = _hold_conversations(early.result("spare_assistant"))
    store_config = {"type": "SQL", "dialect": "sqlite", "db": str(tmp / "conversations.db")}
    running = {"type": "SQL", "dialect": "sqlite", "db": str(early.result("spare_assistant").db_path)}
    asyncio.run(_copy_conversations(running, store_config, senders))
    endpoints = tmp / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump({"tracker_store": store_config}), encoding="utf-8")

    out_dir = RESULTS / "report-e2e"
    shutil.rmtree(out_dir, ignore_errors=True)
    report = _make("report", endpoints, out_dir)
    export = _make("export-unrecognised", endpoints, tmp / "export")
    validation = _validate_with(export, tmp / "project")
    # A throwaway PostgreSQL holding the same conversations, copied with Rasa's own tracker stores.
    with loopback_postgres(PG_PORT) as postgres:
        target = {"type": "SQL", "dialect": "postgresql", "url": HOST, "port": PG_PORT}
        target |= {"db": postgres.database, "username": postgres.user}
        asyncio.run(_copy_conversations(store_config, target, senders))
        postgres_report = _make("report", None, tmp / "postgres-report", env=postgres.environment)
    return ReportRuns(
        senders,
        report,
        report.read_text(encoding="utf-8"),
        export,
        validation,
        postgres_report.read_text(encoding="utf-8"),
    )


def _validate_with(export: Path, project: Path) -> subprocess.CompletedProcess:
    """The project's own check, with the warnings it tolerates (scripts/validate.sh), run on a copy
    of the project's data with the exported file in it."""
    shutil.copytree(ROOT / "data", project / "data")
    for name in ("domain.yml", "config.yml"):
        shutil.copy(ROOT / name, project / name)
    shutil.copy(export, project / "data" / "nlu" / "unrecognised.yml")
    (project / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "validate.sh", project / "scripts" / "validate.sh")
    (project / ".venv").symlink_to(ROOT / ".venv")
    return subprocess.run(
        [str(project / "scripts" / "validate.sh")],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def report_runs() -> ReportRuns:
    return early.result("report_runs")


@pytest.fixture
def report(report_runs):
    return report_runs.report, report_runs.html, report_runs.senders


def test_each_conversation_is_counted_in_its_place(report):
    _, html, _ = report
    page = Page(html)
    assert page.one(id="total-conversations")["data-count"] == "7"
    assert page.one(data_channel="rest")["data-conversations"] == "7"
    assert page.one(data_topic="faq/anatomy")["data-count"] == "1"
    assert page.one(data_topic="red-flag check (started)")["data-count"] == "2"
    assert page.one(id="out-of-scope")["data-count"] == "1"
    assert page.one(data_message=OUT_OF_SCOPE)["data-count"] == "1"
    assert page.one(id="please-rephrase")["data-count"] == "1"
    assert page.one(data_message=REPHRASE)["data-count"] == "1"
    assert page.one(id="low-confidence")["data-count"] == "1"
    unsure = page.one(data_message=LOW_CONFIDENCE)
    assert unsure["data-intent"].startswith("faq/") and float(unsure["data-confidence"]) < 0.7
    assert page.one(data_level="self_care")["data-count"] == "1"
    assert page.one(data_ending="outcome")["data-count"] == "1"
    assert page.one(data_ending="stopped")["data-count"] == "1"
    assert page.one(data_question="leg_circulation")["data-stopped"] == "1"
    assert page.one(id="emergencies-outside-check")["data-count"] == "1"
    assert page.one(id="emergencies-during-check")["data-count"] == "0"
    # Two FAQ answers, a check outcome and the emergency message: 4 of the 7 reached an answer.
    assert page.one(id="reached-answer")["data-count"] == "4"
    assert page.one(id="reached-knowledge")["data-count"] == "2"
    for part in ("reached-check-outcome", "reached-emergency"):
        assert page.one(id=part)["data-count"] == "1"


def test_the_page_warns_and_never_shows_who_wrote(report):
    _, html, senders = report
    assert "This page holds health information." in "".join(Page(html).text)
    for sender in senders:
        assert sender not in html
        assert hashlib.sha256(sender.encode()).hexdigest()[:12] not in html  # not even the logs' hash


def test_a_screenshot_of_the_report(report):
    path, _, _ = report
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium is not installed (make test-integration installs it)")
    screenshot = RESULTS / "report-e2e" / "report.png"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
        + ["--window-size=1100,5000", f"--screenshot={screenshot}", path.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    # Chromium shoots the whole window: cut the blank space below the page.
    image = Image.open(screenshot).convert("RGB")
    content = ImageChops.difference(image, Image.new("RGB", image.size, "white")).getbbox()
    assert content is not None
    image.crop((0, 0, image.width, min(image.height, content[3] + 40))).save(screenshot)
    assert screenshot.stat().st_size > 50_000


def test_the_export_files_each_unrecognised_message_once_under_the_guessed_intent(report_runs):
    text = report_runs.export.read_text(encoding="utf-8")
    assert text.startswith("# ") and "REMOVE ANYTHING THAT IDENTIFIES A PERSON" in text.split("version:")[0]
    document = yaml.safe_load(text)
    assert document["version"] == "3.1"
    examples = {entry["intent"]: entry["examples"].splitlines() for entry in document["nlu"]}
    assert f"- {OUT_OF_SCOPE}" in examples["out_of_scope"]
    [rephrase_intent] = [intent for intent, lines in examples.items() if f"- {REPHRASE}" in lines]
    assert rephrase_intent != "nlu_fallback"
    [unsure_intent] = [intent for intent, lines in examples.items() if f"- {LOW_CONFIDENCE}" in lines]
    assert unsure_intent.startswith("faq/")
    every_example = [line for lines in examples.values() for line in lines]
    assert len(every_example) == len(set(every_example))
    assert f"- {FAQ}" not in every_example and f"- {EMERGENCY}" not in every_example


def test_the_export_passes_rasa_data_validate_in_a_copy_of_the_project(report_runs):
    done = report_runs.validation
    assert done.returncode == 0, done.stdout + done.stderr
    assert "rasa data validate: clean" in done.stdout


async def _copy_conversations(source_config: dict, target_config: dict, senders: list[str]) -> None:
    """Each sender's whole conversation, read and saved by Rasa's own tracker stores."""
    from rasa.core.tracker_store import TrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.utils.endpoints import EndpointConfig

    domain = Domain.load(str(ROOT / "domain.yml"))
    source = TrackerStore.create(EndpointConfig.from_dict(source_config), domain=domain)
    target = TrackerStore.create(EndpointConfig.from_dict(target_config), domain=domain)
    for sender in senders:
        await target.save(await source.retrieve_full_tracker(sender))


def _data_attributes(html: str) -> list[dict]:
    return [
        {key: value for key, value in tag.items() if key.startswith("data-") or key == "id"}
        for tag in Page(html).tags
        if any(key.startswith("data-") for key in tag)
    ]


def test_the_report_reads_postgresql_as_make_run_configures_it(report_runs):
    """POSTGRES_* as for `make run`, no endpoints file: the same counts as from the SQLite file."""
    sqlite_html, postgres_html, senders = report_runs.html, report_runs.postgres_html, report_runs.senders
    assert _data_attributes(postgres_html) == _data_attributes(sqlite_html)
    assert Page(postgres_html).one(id="total-conversations")["data-count"] == "7"
    assert not any(sender in postgres_html for sender in senders)
