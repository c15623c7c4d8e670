"""What the content-review document shows, as plain frozen dataclasses.

A field marked NOT_FINGERPRINTED is shown but left out of the content fingerprint: where a text
lives (a file may be split or renamed without changing a word) and the article's own text
(kept outside this repository, in ../shared/source/, so it is missing on a fresh clone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

NOT_FINGERPRINTED = {"fingerprinted": False}


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    """One variant of a response, with the deployment's values filled in."""

    text: str
    buttons: tuple[Button, ...] = ()
    # Anything else the variant carries (custom JSON, image, channel, condition), as short text.
    extras: tuple[str, ...] = ()


@dataclass(frozen=True)
class Response:
    name: str
    replies: tuple[Reply, ...]
    where: str = field(default="", metadata=NOT_FINGERPRINTED)


@dataclass(frozen=True)
class FaqAnswer:
    topic: str
    response: Response
    # The answer's closing "(From the article: ...)" or "(From our clinical review: ...)".
    citation: str
    # The article heading the citation names, or "" when it names none (clinical review).
    article_heading: str
    # Shown so the reviewer sees which questions reach the answer, but not fingerprinted: the
    # sign-off is for what the assistant says, and training data changes every week.
    examples: tuple[str, ...] = field(default=(), metadata=NOT_FINGERPRINTED)


@dataclass(frozen=True)
class PlaceCauses:
    place: str
    button_title: str
    response: Response


@dataclass(frozen=True)
class TriageRow:
    order: int
    id: str
    asks_about: str
    question: str
    rephrase: tuple[str, ...]
    level: str
    not_sure_counts_as_yes: bool
    conditions: tuple[str, ...]
    reason: str
    yes_phrases: tuple[str, ...]
    no_phrases: tuple[str, ...]


@dataclass(frozen=True)
class OutcomeWording:
    level: str
    name: str
    headline: str
    what_to_do: str


@dataclass(frozen=True)
class ExampleOutcome:
    title: str
    text: str


@dataclass(frozen=True)
class TriageContent:
    intro: str
    rows: tuple[TriageRow, ...]
    answer_buttons: tuple[Button, ...]
    outcomes: tuple[OutcomeWording, ...]
    x_ray_advice: str
    footer: str
    outcome_buttons: tuple[Button, ...]
    restart_message: str
    examples: tuple[ExampleOutcome, ...]


@dataclass(frozen=True)
class DeploymentValue:
    placeholder: str
    variable: str
    value: str
    is_default: bool


@dataclass(frozen=True)
class ResponseGroup:
    title: str
    about: str
    responses: tuple[Response, ...]


@dataclass(frozen=True)
class ContentReview:
    deployment: tuple[DeploymentValue, ...]
    faq: tuple[FaqAnswer, ...]
    causes_question: Response | None
    causes: tuple[PlaceCauses, ...]
    causes_examples: tuple[str, ...] = field(metadata=NOT_FINGERPRINTED)
    triage: TriageContent
    groups: tuple[ResponseGroup, ...]
    article_path: str = field(default="", metadata=NOT_FINGERPRINTED)
    article_sections: Mapping[str, str] = field(default_factory=dict, metadata=NOT_FINGERPRINTED)
