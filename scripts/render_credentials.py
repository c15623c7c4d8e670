"""Writes the credentials file Rasa runs with: credentials.yml plus each messaging platform
whose secrets are set in the environment (a platform with none set stays off).

Usage: python scripts/render_credentials.py SOURCE DESTINATION
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Mapping

import yaml

# Channel -> (credentials key -> environment variable); a channel is on when all required are set.
CHANNELS: dict[str, dict[str, Any]] = {}


def render(base: dict[str, Any], env: Mapping[str, str]) -> dict[str, Any]:
    credentials = dict(base or {})
    for channel, spec in CHANNELS.items():
        required = spec["required"]
        if all(env.get(var) for var in required.values()):
            values = {key: env[var] for key, var in required.items()}
            values.update({key: env[var] for key, var in spec.get("optional", {}).items() if env.get(var)})
            credentials[channel] = values
    return credentials


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__)
        return 2
    base = yaml.safe_load(Path(argv[1]).read_text(encoding="utf-8"))
    Path(argv[2]).write_text(yaml.safe_dump(render(base, os.environ), sort_keys=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
