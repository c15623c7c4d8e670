"""Renders the content review as one self-contained HTML page (Jinja2, autoescaped)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from content_review.model import ContentReview
from content_review.signoff import MIN_PREFIX, SignoffStatus

TEMPLATE = "document.html.j2"


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(Path(__file__).parent),
        autoescape=True,  # every text comes from data files: none is trusted as markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(
    content: ContentReview,
    fingerprint: str,
    signoff: SignoffStatus,
    signoff_file: str,
    generated_at: dt.datetime | None = None,
) -> str:
    generated_at = generated_at or dt.datetime.now(dt.UTC)
    response_count = (
        len(content.faq)
        + len(content.causes)
        + (1 if content.causes_question else 0)
        + sum(len(group.responses) for group in content.groups)
    )
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            content=content,
            fingerprint=fingerprint,
            short_fingerprint=fingerprint[:MIN_PREFIX],
            signoff=signoff,
            signoff_file=signoff_file,
            generated_at=generated_at.strftime("%Y-%m-%d %H:%M UTC"),
            response_count=response_count,
        )
    )
