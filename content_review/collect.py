"""Gathers every text the assistant can send into one ContentReview, from the data files."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Mapping

from clinical.deployment import load_deployment
from clinical.triage_engine import load_spec
from content_review import sources
from content_review.model import (
    ContentReview,
    DeploymentValue,
    FaqAnswer,
    PlaceCauses,
    Response,
    ResponseGroup,
)
from content_review.triage_view import triage_content

FAQ_PREFIX = "utter_faq/"
CAUSES_PREFIX = "utter_causes_"
CAUSES_QUESTION = "utter_ask_pain_location"
# How the domain's other responses are grouped in the document; any response not named here
# is shown under "Every other response", so none can be left out.
GROUPS = (
    (
        "Emergencies and warning signs",
        "Said at any turn, before the check or inside it, when a message names an emergency sign "
        "or an urgent warning sign; and before the check, for a story that may be serious without "
        "naming an emergency sign.",
        ("utter_emergency", "utter_warning_sign_first", "utter_story_may_be_serious"),
    ),
    (
        "Fallback and out of scope",
        "When the assistant cannot place a message (please rephrase), when it is about something "
        "else, when it asks about bookings or prices, and when it is too long to read.",
        ("utter_default", "utter_out_of_scope", "utter_clinic_contact", "utter_message_too_long"),
    ),
    (
        "Stopping and resuming the check",
        "Around the red-flag check: asked before it stops, and what follows.",
        (
            "utter_ask_confirm_stop_triage",
            "utter_triage_stopped",
            "utter_nothing_to_stop",
            "utter_triage_continue",
        ),
    ),
)


def collect(root: Path, environ: Mapping[str, str], article_path: Path | None = None) -> ContentReview:
    """Everything the document shows, with the deployment's values (from `environ`) filled in."""
    deployment = load_deployment(environ)
    values = deployment.as_template_values()
    responses = _responses(root, values)
    examples = sources.training_examples(root)
    sections = _article(article_path)
    place_titles = _place_titles(responses.get(CAUSES_QUESTION))
    return ContentReview(
        deployment=tuple(
            DeploymentValue(
                placeholder="{" + name + "}",
                variable=name.upper(),
                value=value,
                is_default=not environ.get(name.upper(), "").strip(),
            )
            for name, value in values.items()
        ),
        faq=tuple(
            _faq(resp, examples, list(sections))
            for name, resp in responses.items()
            if name.startswith(FAQ_PREFIX)
        ),
        causes_question=responses.get(CAUSES_QUESTION),
        causes=tuple(
            PlaceCauses(
                place=name[len(CAUSES_PREFIX) :],
                button_title=place_titles.get(name[len(CAUSES_PREFIX) :], ""),
                response=resp,
            )
            for name, resp in responses.items()
            if name.startswith(CAUSES_PREFIX)
        ),
        causes_examples=tuple(examples.get("ask_causes", []) + examples.get("inform_location", [])),
        triage=triage_content(load_spec(root / "clinical" / "triage.yml"), values),
        groups=_groups(responses),
        article_path=_shown_path(article_path, root),
        article_sections=sections,
    )


def _responses(root: Path, values: Mapping[str, str]) -> dict[str, Response]:
    found: dict[str, Response] = {}
    for name, variants, where in sources.raw_responses(root):
        found[name] = sources.response(name, variants, where, values)
    return found


def _shown_path(path: Path | None, root: Path) -> str:
    """The article's path as a reader of this repository would type it (../shared/...)."""
    return os.path.relpath(path, root) if path else ""


def _article(path: Path | None) -> dict[str, str]:
    if path is None or not path.is_file():
        return {}
    return sources.article_sections(path.read_text(encoding="utf-8"))


def _faq(resp: Response, examples: Mapping[str, list[str]], headings: list[str]) -> FaqAnswer:
    topic = resp.name[len(FAQ_PREFIX) :]
    cited = sources.citation(resp.replies[0].text) if resp.replies else ""
    return FaqAnswer(
        topic=topic,
        response=resp,
        citation=cited,
        article_heading=sources.cited_heading(cited, headings),
        examples=tuple(examples.get(f"faq/{topic}", [])),
    )


def _place_titles(question: Response | None) -> dict[str, str]:
    """The button title that names each place: its payload sets the pain_location entity."""
    titles = {}
    for reply in question.replies if question else ():
        for button in reply.buttons:
            _, brace, entities = button.payload.partition("{")
            try:
                place = json.loads(brace + entities).get("pain_location") if brace else None
            except ValueError:
                place = None
            if place:
                titles[place] = button.title
    return titles


def _groups(responses: Mapping[str, Response]) -> tuple[ResponseGroup, ...]:
    shown_elsewhere = {n for n in responses if n.startswith((FAQ_PREFIX, CAUSES_PREFIX))} | {CAUSES_QUESTION}
    groups = []
    for title, about, names in GROUPS:
        groups.append(ResponseGroup(title, about, tuple(responses[n] for n in names if n in responses)))
        shown_elsewhere.update(names)
    rest = tuple(resp for name, resp in responses.items() if name not in shown_elsewhere)
    groups.append(ResponseGroup("Every other response", "Greetings, thanks, goodbyes and the menu.", rest))
    return tuple(groups)
