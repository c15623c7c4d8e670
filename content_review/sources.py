"""Reading the project's data files: responses, training examples, the article's sections."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator, Mapping

import yaml

from content_review.model import Button, Reply, Response

# PyYAML's C loader when it is built in: data/nlu holds thousands of examples.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Markdown ATX headings ("## Title"); the document title (level 1) is no section.
_HEADING = re.compile(r"^(#{2,6})\s+(.+?)\s*#*\s*$")
_CITATION_START = "(From "


class _KeepUnknown(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(text: str, values: Mapping[str, str]) -> str:
    """Fills {name} placeholders the way the assistant does; unknown names stay as written.

    Like Rasa's templated responses, "{{" and "}}" stand for one brace (button payloads).
    """
    try:
        return text.format_map(_KeepUnknown(values))
    except (ValueError, IndexError, AttributeError, KeyError):
        return text  # not a template (a stray brace): shown exactly as written


def load_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def data_files(root: Path) -> list[Path]:
    return sorted((root / "data").rglob("*.yml"))


def raw_responses(root: Path) -> Iterator[tuple[str, list[Mapping[str, Any]], str]]:
    """(name, variants, file) for every response: domain.yml first, then data/ files."""
    for path in [root / "domain.yml", *data_files(root)]:
        for name, variants in ((load_yaml(path) or {}).get("responses") or {}).items():
            yield name, variants, str(path.relative_to(root))


def response(name: str, variants: list[Mapping[str, Any]], where: str, values: Mapping[str, str]) -> Response:
    return Response(name=name, replies=tuple(_reply(v, values) for v in variants), where=where)


def _reply(variant: Mapping[str, Any], values: Mapping[str, str]) -> Reply:
    extras = []
    for key in sorted(set(variant) - {"text", "buttons"}):
        shown = variant[key] if isinstance(variant[key], str) else json.dumps(variant[key], sort_keys=True)
        extras.append(f"{key}: {fill(shown, values)}")
    return Reply(
        text=fill(variant.get("text") or "", values),
        buttons=buttons(variant.get("buttons") or (), values),
        extras=tuple(extras),
    )


def buttons(raw: Any, values: Mapping[str, str]) -> tuple[Button, ...]:
    return tuple(Button(title=fill(b["title"], values), payload=fill(b["payload"], values)) for b in raw)


def example_texts(block: Mapping[str, Any]) -> list[str]:
    """An intent block's examples, in either of Rasa's forms: "- example" lines, or a list of
    {text, metadata} (used where each example keeps the address of the post it came from)."""
    raw = block.get("examples")
    if isinstance(raw, str):
        return [line.strip()[2:].strip() for line in raw.splitlines() if line.strip().startswith("- ")]
    return [item["text"].strip() for item in raw or [] if isinstance(item, Mapping) and item.get("text")]


def training_examples(root: Path) -> dict[str, list[str]]:
    """Every intent's examples from data/nlu, in file order."""
    examples: dict[str, list[str]] = {}
    for path in sorted((root / "data" / "nlu").rglob("*.yml")):
        for block in (load_yaml(path) or {}).get("nlu") or []:
            if "intent" in block:
                examples.setdefault(block["intent"], []).extend(example_texts(block))
    return examples


def citation(text: str) -> str:
    """The closing "(From the article: ...)" of an answer, without its brackets; "" if none."""
    _, found, source = text.rpartition(_CITATION_START)
    if not found or not source.rstrip().endswith(")"):
        return ""
    return "From " + source.rstrip()[:-1]


def article_sections(markdown: str) -> dict[str, str]:
    """Each heading's own text (up to the next heading of any level), by heading title."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in markdown.splitlines():
        heading = _HEADING.match(line)
        if heading:
            current = sections.setdefault(heading.group(2), [])
        elif line.startswith("# "):
            current = None
        elif current is not None:
            current.append(line)
    return {title: "\n".join(lines).strip() for title, lines in sections.items()}


def cited_heading(citation_text: str, headings: list[str]) -> str:
    """The article heading a citation names: "Treatments: Medications" names "Medications".

    A heading matches when its title, or its part before a colon, appears in the citation as
    whole words; the longest match wins ("Symptoms of Hamstring Tendinopathy" over "Hamstring
    Tendinopathy"). A clinical-review citation names no heading.
    """
    if not citation_text.startswith("From the article"):
        return ""
    best, best_length = "", 0
    cited = citation_text.lower()
    for heading in headings:
        for name in {heading, heading.split(":", 1)[0]}:
            pattern = r"(?<!\w)" + re.escape(name.lower().strip()) + r"(?!\w)"
            if len(name) > best_length and re.search(pattern, cited):
                best, best_length = heading, len(name)
    return best
