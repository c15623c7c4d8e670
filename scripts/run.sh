#!/usr/bin/env bash
# Starts the action server and the Rasa server (or `rasa shell` with --shell); Ctrl-C stops both.
# Called by `make run` / `make shell` after install and training.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
MODEL=${MODEL:-models/hamstring.tar.gz}
RASA_HOST=${RASA_HOST:-0.0.0.0}
RASA_PORT=${RASA_PORT:-5005}
ACTION_PORT=${ACTION_PORT:-5055}
export ACTION_SERVER_URL=${ACTION_SERVER_URL:-http://127.0.0.1:${ACTION_PORT}/webhook}
export RASA_TELEMETRY_ENABLED=${RASA_TELEMETRY_ENABLED:-false}
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"

# Deployment settings and channel secrets may live in a git-ignored .env; a variable already
# set in the environment wins over the file (so tests and one-off overrides are not clobbered).
if [[ -f .env ]]; then
  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ "$line" =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    name=${BASH_REMATCH[1]}
    [[ -n "${!name+x}" ]] || eval "export $name=${BASH_REMATCH[2]}"
  done < .env
fi

mkdir -p .run var
"$BIN/python" scripts/render_endpoints.py endpoints.yml .run/endpoints.yml
"$BIN/python" scripts/render_credentials.py credentials.yml .run/credentials.yml

pids=()
stop_all() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

"$BIN/rasa" run actions --actions actions --port "$ACTION_PORT" --quiet &
pids+=($!)
for _ in $(seq 60); do
  curl -fsS "http://127.0.0.1:${ACTION_PORT}/health" >/dev/null 2>&1 && break
  sleep 0.5
done

if [[ "${1:-}" == "--shell" ]]; then
  "$BIN/rasa" shell --model "$MODEL" --endpoints .run/endpoints.yml --quiet
  exit 0
fi

"$BIN/rasa" run --model "$MODEL" --interface "$RASA_HOST" --port "$RASA_PORT" \
  --credentials .run/credentials.yml --endpoints .run/endpoints.yml --cors "*" --quiet &
pids+=($!)
for _ in $(seq 240); do
  curl -fsS "http://127.0.0.1:${RASA_PORT}/" >/dev/null 2>&1 && break
  sleep 0.5
done
cat <<MSG

  The hamstring helper is running.
    Chat page:      http://localhost:${RASA_PORT}/chat/
    REST channel:   curl -s localhost:${RASA_PORT}/webhooks/rest/webhook -d '{"sender":"me","message":"hello"}'
    Action server:  http://127.0.0.1:${ACTION_PORT}/health
  Press Ctrl-C to stop both servers.

MSG
wait -n "${pids[@]}"
