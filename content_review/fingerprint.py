"""The content fingerprint: sha256 over the normalised content the document shows.

Normalised, so that reformatting a data file (quotes, folding, indentation, key order) changes
nothing, while any change to a word, a button, a level or a condition changes the fingerprint.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import fields, is_dataclass
from typing import Any, Mapping

_SPACES = re.compile(r"[ \t\r\f\v]+")


def normalise_text(text: str) -> str:
    """Runs of spaces folded to one, each line trimmed, no blank lines at either end."""
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()


def canonical(value: Any) -> Any:
    """The value as plain JSON data, without the fields marked NOT_FINGERPRINTED."""
    if is_dataclass(value):
        shown = [f.name for f in fields(value) if f.metadata.get("fingerprinted", True)]
        return {name: canonical(getattr(value, name)) for name in shown}
    if isinstance(value, Mapping):
        return {str(key): canonical(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [canonical(item) for item in value]
    if isinstance(value, str):
        return normalise_text(value)
    return value


def fingerprint(content: Any) -> str:
    data = json.dumps(canonical(content), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()
