"""Files that hold conversations or secrets (var/*.db, .run/credentials.yml, .run/endpoints.yml)
are readable by their owner only (mode 0600), whatever the umask and however old the file."""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def write_private(path: Path, text: str) -> None:
    """Writes `text` to a file only its owner can read or write."""
    path.parent.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)
    os.chmod(path, PRIVATE_FILE)  # an existing file keeps its old mode through os.open


def make_private(path: Path) -> None:
    """Restricts an existing file (a database created before this rule) to its owner."""
    if path.exists():
        os.chmod(path, PRIVATE_FILE)
