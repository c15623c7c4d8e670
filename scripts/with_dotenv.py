"""Runs a command with the variables of a .env file added to its environment.

  python scripts/with_dotenv.py .env COMMAND [ARG...]

The file is read by python-dotenv, never by a shell: values are taken literally (a `$(...)` or a
`${VAR}` in a value is text, not a command or a variable), and a variable already set in the
environment wins over the file, so tests and one-off overrides are not clobbered. A missing file
adds nothing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Mapping

from dotenv import dotenv_values

# Set for the command, so that a script that re-runs itself through this one does it once.
LOADED_MARK = "HAMSTRING_DOTENV_LOADED"


def environment_with(dotenv_file: Path, environ: Mapping[str, str]) -> dict[str, str]:
    """`environ` plus the file's variables that it does not already set."""
    from_file = dotenv_values(dotenv_file, interpolate=False) if dotenv_file.is_file() else {}
    merged = {name: value for name, value in from_file.items() if value is not None}
    merged.update(environ)
    merged[LOADED_MARK] = "1"
    return merged


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    os.execvpe(argv[2], argv[2:], environment_with(Path(argv[1]), os.environ))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
