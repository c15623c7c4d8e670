#!/usr/bin/env bash
# Creates .venv and installs the locked dependency set. Does nothing when the lock is unchanged.
# Two steps, because rasa 3.6 and rasa-sdk 3.6 declare python<3.11 but run on 3.11 (README, "Install").
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
VENV=.venv
STAMP="$VENV/.installed"
want=$(cat requirements/lock.txt requirements/rasa.txt | sha256sum | cut -d' ' -f1)

if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then
  exit 0
fi

echo "==> installing Python dependencies into $VENV (one-off, a few minutes)"
[[ -x "$VENV/bin/python" ]] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade "pip==24.2"
# Step 1: every pinned dependency, resolved for this Python (never with --ignore-requires-python).
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r requirements/lock.txt
# Step 2: rasa and rasa-sdk themselves, without letting pip re-resolve their dependencies.
"$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps --ignore-requires-python -r requirements/rasa.txt
echo "$want" > "$STAMP"
