#!/usr/bin/env bash
# Debian's PostgreSQL and Redis, for the test that runs the assistant on real stores.
# The assistant itself needs neither (SQLite and an in-memory lock store by default).
set -euo pipefail
have_postgres() { compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; }
if have_postgres && command -v redis-server >/dev/null; then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "PostgreSQL or Redis is missing: run 'sudo apt-get install postgresql redis-server'" >&2
  exit 1
fi
echo "==> installing Debian's postgresql and redis-server (for the store test)"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server >/dev/null
