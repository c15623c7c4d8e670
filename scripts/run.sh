#!/usr/bin/env bash
# Starts the action server and the Rasa server (or `rasa shell` with --shell); Ctrl-C stops both.
# Called by `make run` / `make shell` after install and training. Settings, defaults and what is
# refused: serving/settings.py (README, "Configuration for a deployment" and "Security").
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
# Deployment settings and secrets may live in a git-ignored .env. python-dotenv reads it (the
# shell never evaluates it); a variable already set in the environment wins over the file.
# DOTENV_FILE names another file (the tests use their own).
if [[ -z "${HAMSTRING_DOTENV_LOADED:-}" ]]; then
  exec "$BIN/python" scripts/with_dotenv.py "${DOTENV_FILE:-.env}" "$0" "$@"
fi

umask 077  # conversations (var/*.db) and secrets (.run/*.yml) are readable by this user only
export RASA_TELEMETRY_ENABLED=${RASA_TELEMETRY_ENABLED:-false}
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
# Key of the conversation refs in both servers' logs (serving/privacy.py): random per start unless set.
export LOG_REF_KEY=${LOG_REF_KEY:-$("$BIN/python" -c 'import secrets; print(secrets.token_hex(16))')}

# Refuses unsafe settings before anything starts, and says where the two servers will be.
read -r RASA_URL ACTION_URL < <("$BIN/python" scripts/serve.py check)

pids=()
stop_all() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

wait_for() {  # url, tries (half a second each)
  for _ in $(seq "$2"); do
    curl -fsS "$1" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
}

"$BIN/python" scripts/serve.py actions &
pids+=($!)

if [[ "${1:-}" == "--shell" ]]; then
  wait_for "${ACTION_URL}/health" 60
  "$BIN/python" scripts/serve.py shell
  exit 0
fi

# Both servers load at the same time: Rasa needs the action server only when a message comes.
"$BIN/python" scripts/serve.py rasa &
pids+=($!)
wait_for "${ACTION_URL}/health" 60
wait_for "${RASA_URL}/" 240
cat <<MSG

  The hamstring helper is running.
    Chat page:      ${RASA_URL}/chat/
    REST channel:   curl -s ${RASA_URL}/webhooks/rest/webhook -d '{"sender":"me","message":"hello"}'
    Action server:  ${ACTION_URL}/health
  Press Ctrl-C to stop both servers.

MSG
wait -n "${pids[@]}"
