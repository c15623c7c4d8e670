"""The messages for a service fault (clinical/service_messages.yml), with the deployment's routes."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Mapping, Optional

import yaml

from clinical.deployment import load_deployment

MESSAGES_FILE = Path(__file__).with_name("service_messages.yml")
NOT_ANSWERED = "not_answered"
CONVERSATION_UNAVAILABLE = "conversation_unavailable"


@lru_cache(maxsize=1)
def _templates() -> dict[str, str]:
    return yaml.safe_load(MESSAGES_FILE.read_text(encoding="utf-8"))


def service_message(name: str, environ: Optional[Mapping[str, str]] = None) -> str:
    """The named message, with the deployment's emergency number and urgent-care route filled in."""
    return _templates()[name].format_map(load_deployment(environ).as_template_values())
