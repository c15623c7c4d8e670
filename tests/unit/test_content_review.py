"""The content-review document shows every text the assistant can send, and its fingerprint and
sign-off warning follow the content (a changed answer needs a new sign-off; reformatting does not).
"""

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from content_review import chromium
from content_review.collect import collect
from content_review.fingerprint import fingerprint
from content_review.render import render_html
from content_review.signoff import SignoffError, add_signoff, read_signoffs, status
from content_review.sources import cited_heading

ROOT = Path(__file__).resolve().parents[2]
SHARED_ARTICLE = ROOT.parent / "shared" / "source" / "article.md"
# A deployment unlike the defaults, so a text left unfilled or filled twice shows up.
ENVIRON = {
    "EMERGENCY_NUMBER": "999",
    "URGENT_CARE": "an urgent treatment centre (or NHS 111)",
    "IN_PERSON_CARE": "the minor injuries unit",
    "CLINIC_CONTACT": "reception on 01234 567890",
}
PLACEHOLDERS = {"{" + name.lower() + "}": value for name, value in ENVIRON.items()}


class _Text(HTMLParser):
    """The text a reader sees: everything outside <style>, character references decoded."""

    def __init__(self):
        super().__init__()
        self.parts, self._in_style = [], False

    def handle_starttag(self, tag, attrs):
        self._in_style = self._in_style or tag == "style"

    def handle_endtag(self, tag):
        self._in_style = self._in_style and tag != "style"

    def handle_data(self, data):
        if not self._in_style:
            self.parts.append(data)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return squash(" ".join(parser.parts))


def filled(text: str) -> str:
    """The deployment's values put in by plain replacement (not the code under test)."""
    for placeholder, value in PLACEHOLDERS.items():
        text = text.replace(placeholder, value)
    return text


def document(root: Path, signoff_file: Path, article: Path | None = None, environ=None) -> tuple[str, str]:
    content = collect(root, ENVIRON if environ is None else environ, article)
    current = fingerprint(content)
    return current, render_html(content, current, status(signoff_file, current), "docs/content-signoff.yml")


@pytest.fixture(scope="module")
def real_document(tmp_path_factory):
    no_signoffs = tmp_path_factory.mktemp("signoff") / "content-signoff.yml"
    _, html = document(ROOT, no_signoffs)
    return html, visible_text(html)


def all_responses():
    files = [ROOT / "domain.yml", *sorted((ROOT / "data").rglob("*.yml"))]
    for path in files:
        for name, variants in (yaml.safe_load(path.read_text()) or {}).get("responses", {}).items():
            for variant in variants:
                yield name, variant


@pytest.mark.parametrize("name, variant", [pytest.param(n, v, id=n) for n, v in all_responses()])
def test_every_response_and_its_buttons_appear_filled_in(real_document, name, variant):
    _, text = real_document
    assert (squash(filled(variant["text"])) in text) is True, name
    for button in variant.get("buttons", []):
        assert (squash(button["title"]) in text) is True, (name, button["title"])


def test_no_text_shown_as_sent_keeps_a_placeholder(real_document):
    html, _ = real_document
    bubbles = re.findall(r'<div class="bubble[^"]*">(.*?)</div>', html, re.S)
    assert len(bubbles) > len(list(all_responses()))  # each response, and the check's texts
    assert [b for b in bubbles if re.search(r"\{\w+\}", b)] == []


def triage_texts():
    spec = yaml.safe_load((ROOT / "clinical" / "triage.yml").read_text())
    for question in spec["questions"]:
        yield f"{question['id']} question", question["question"]
        for number, rewording in enumerate(question["rephrase"], start=1):
            yield f"{question['id']} rewording {number}", rewording
        if question.get("reason"):
            yield f"{question['id']} reason", question["reason"]
    for level_id, level in spec["levels"].items():
        for wording_id, wording in [(level_id, level), *(level.get("variants") or {}).items()]:
            for key in ("name", "headline", "what_to_do"):
                yield f"outcome {wording_id} {key}", wording[key]
    for key in ("intro", "footer", "x_ray_advice", "restart_message"):
        yield key, spec[key]
    for button in spec["answer_buttons"] + spec["outcome_buttons"]:
        yield f"button {button['title']}", button["title"]


@pytest.mark.parametrize("where, wording", [pytest.param(w, t, id=w) for w, t in triage_texts()])
def test_every_question_rewording_and_outcome_of_the_check_appears(real_document, where, wording):
    _, text = real_document
    assert (squash(filled(wording)) in text) is True, where


def test_the_check_table_shows_order_level_and_conditions(real_document):
    html, _ = real_document
    row = re.search(r'<tr id="q-weight_bearing">(.*?)</tr>', html, re.S).group(1)
    cells = [visible_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells[0] == "10"
    assert cells[3] == "Urgent, get seen in person today"
    assert cells[4] == "Yes"  # not sure counts as yes
    assert cells[5] == "Asked only when #9 injury flagged."


def test_whole_outcome_messages_name_the_deployments_number_and_routes(real_document):
    _, text = real_document
    assert "Emergency: Yes to #1 chest_breathing; no to the others asked Call 999 now." in text
    assert "Go to an urgent treatment centre (or NHS 111) today." in text
    assert "ask for one at the minor injuries unit." in text  # the X-ray advice


def test_each_knowledge_answer_shows_its_examples_and_the_article_section_it_cites(tmp_path):
    article = tmp_path / "article.md"
    article.write_text(
        "# Title\n\n## Effective Treatments\n\nIntro.\n\n### Medications\n\n"
        "Paracetamol and NSAIDs, said the article.\n\n### Advanced Treatment Options\n\nPRP.\n"
    )
    content = collect(ROOT, ENVIRON, article)
    medicines = next(answer for answer in content.faq if answer.topic == "medicines")
    assert medicines.citation == "From the article: Treatments: Medications"
    assert medicines.article_heading == "Medications"
    assert len(medicines.examples) >= 20
    _, html = document(ROOT, tmp_path / "none.yml", article)
    card = re.search(r'<article class="card faq" id="faq-medicines">(.*?)</article>', html, re.S).group(1)
    shown = visible_text(card)
    assert "Article section: Medications Paracetamol and NSAIDs, said the article." in shown
    assert all(squash(example) in shown for example in medicines.examples)


@pytest.mark.skipif(not SHARED_ARTICLE.is_file(), reason=f"no article on this machine: {SHARED_ARTICLE}")
def test_every_article_citation_names_a_section_of_the_article():
    content = collect(ROOT, ENVIRON, SHARED_ARTICLE)
    cited = [answer for answer in content.faq if answer.citation.startswith("From the article")]
    assert cited, "no answer cites the article"
    assert [a.topic for a in cited if a.article_heading not in content.article_sections] == []


@pytest.mark.parametrize(
    "citation, heading",
    [
        ("From the article: Symptoms of Hamstring Tendinopathy", "Symptoms of Hamstring Tendinopathy"),
        ("From the article: Pes Anserine Bursitis", "Pes Anserine Bursitis: A Lesser-Known Cause"),
        ("From the article: Common Causes, Lower Hamstring Pain, with our review", "Lower Hamstring Pain"),
        ("From our clinical review: first days after a strain", ""),
    ],
)
def test_a_citation_names_the_longest_matching_heading(citation, heading):
    headings = [
        "Hamstring Tendinopathy: A Common Culprit",
        "Symptoms of Hamstring Tendinopathy",
        "Pes Anserine Bursitis: A Lesser-Known Cause",
        "Lower Hamstring Pain",
        "Strain",
    ]
    assert cited_heading(citation, headings) == heading


def data_copy(tmp_path: Path) -> Path:
    """The files the document is made from, copied so that a test may change them."""
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy(ROOT / "domain.yml", root / "domain.yml")
    (root / "clinical").mkdir()
    shutil.copy(ROOT / "clinical" / "triage.yml", root / "clinical" / "triage.yml")
    return root


def rewrite_yaml(path: Path, change=lambda data: None, **dump_options) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, **dump_options))


def test_changing_one_answer_changes_the_fingerprint_and_raises_the_warning(tmp_path):
    root, signoffs = data_copy(tmp_path), tmp_path / "content-signoff.yml"
    signoffs.write_text("# who signed what\nsignoffs: []\n")
    before, _ = document(root, signoffs)
    add_signoff(signoffs, before, before[:12], "A Reviewer", "Physiotherapist")
    _, signed_html = document(root, signoffs)
    assert "Signed off" in visible_text(signed_html) and "Not signed off" not in visible_text(signed_html)

    def soften_medicines(data):
        data["responses"]["utter_faq/medicines"][0]["text"] += " Ask a pharmacist."

    rewrite_yaml(root / "data/nlu/responses/faq_diagnosis_treatment.yml", soften_medicines)
    after, html = document(root, signoffs)
    assert after != before
    warning = status(signoffs, after).warning()
    assert warning.startswith("Content changed since the last sign-off: A Reviewer (Physiotherapist)")
    assert "Not signed off" in visible_text(html) and warning in visible_text(html)


def test_a_new_question_example_is_shown_but_needs_no_new_signoff(tmp_path):
    root = data_copy(tmp_path)
    before, _ = document(root, tmp_path / "none.yml")
    path = root / "data/nlu/faq/diagnosis_treatment.yml"

    def add_example(data):
        data["nlu"][0]["examples"] += "- is there a pill that fixes a sore hammy overnight\n"

    rewrite_yaml(path, add_example)
    after, html = document(root, tmp_path / "none.yml")
    assert "is there a pill that fixes a sore hammy overnight" in visible_text(html)
    assert after == before, "the sign-off is for what the assistant says, not its training data"


def test_reformatting_the_data_files_keeps_the_fingerprint(tmp_path):
    root = data_copy(tmp_path)
    before, _ = document(root, tmp_path / "none.yml")
    # Other quoting, line folding and indentation; the same texts.
    responses = sorted((root / "data/nlu/responses").glob("*.yml"))
    for path in [root / "domain.yml", *responses, root / "clinical/triage.yml"]:
        rewrite_yaml(path, width=60, indent=4, default_style='"')
    assert (root / "domain.yml").read_text() != (ROOT / "domain.yml").read_text()
    assert document(root, tmp_path / "none.yml")[0] == before


def test_the_deployments_values_are_part_of_the_fingerprint(tmp_path):
    none = tmp_path / "none.yml"
    assert document(ROOT, none)[0] != document(ROOT, none, environ={**ENVIRON, "EMERGENCY_NUMBER": "112"})[0]


def test_a_signoff_is_for_the_fingerprint_read_and_needs_a_name_and_role(tmp_path):
    signoffs = tmp_path / "content-signoff.yml"
    current = "ab" * 32
    with pytest.raises(SignoffError, match="not the current content"):
        add_signoff(signoffs, current, "cd" * 6, "A Reviewer", "GP")
    with pytest.raises(SignoffError, match="not the current content"):
        add_signoff(signoffs, current, "abab", "A Reviewer", "GP")  # too short to be sure
    with pytest.raises(SignoffError, match="name and role"):
        add_signoff(signoffs, current, current, "  ", "GP")
    assert not signoffs.exists()
    add_signoff(signoffs, current, current[:12].upper(), "A Reviewer", "GP", "all sections")
    assert read_signoffs(signoffs)[-1].fingerprint == current and status(signoffs, current).signed


def test_the_repositorys_signoff_file_is_readable_and_keeps_its_comments_when_signed(tmp_path):
    copy = tmp_path / "content-signoff.yml"
    shutil.copy(ROOT / "docs" / "content-signoff.yml", copy)
    entries = read_signoffs(copy)
    add_signoff(copy, "ef" * 32, "ef" * 6, "A Reviewer", "GP")
    assert copy.read_text().startswith((ROOT / "docs" / "content-signoff.yml").read_text().split("\n")[0])
    assert len(read_signoffs(copy)) == len(entries) + 1


def run_check(signoff_file: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts/content_review.py"), "--signoff-file", str(signoff_file)]
        + ["check"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", **ENVIRON},
    )


def test_the_run_check_warns_until_the_current_content_is_signed(tmp_path):
    signoffs = tmp_path / "content-signoff.yml"
    signoffs.write_text("signoffs: []\n")
    unsigned = run_check(signoffs)
    assert unsigned.returncode == 0 and unsigned.stderr.startswith("WARNING: Content not signed off")
    current = fingerprint(collect(ROOT, ENVIRON, SHARED_ARTICLE))
    add_signoff(signoffs, current, current, "A Reviewer", "GP")
    signed = run_check(signoffs)
    assert signed.returncode == 0 and signed.stderr == ""


@pytest.mark.skipif(
    chromium.chromium_path() is None, reason="chromium is not installed: scripts/install-test-tools.sh"
)
def test_the_document_prints_to_a_pdf_with_pages(tmp_path, real_document):
    html_file = tmp_path / "content-review.html"
    html_file.write_text(real_document[0], encoding="utf-8")
    pdf = chromium.print_pdf(html_file, tmp_path / "content-review.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 1


def test_examples_are_read_in_both_of_rasas_forms():
    from content_review.sources import example_texts

    lines = {"intent": "faq/anatomy", "examples": "- what is a hamstring\n- where is it\n"}
    listed = {
        "intent": "faq/anatomy",
        "examples": [
            {"text": "my physio said biceps femoris, which one is that?", "metadata": {"source": "u"}}
        ],
    }
    assert example_texts(lines) == ["what is a hamstring", "where is it"]
    assert example_texts(listed) == ["my physio said biceps femoris, which one is that?"]
