#!/usr/bin/env bash
# Debian packages the end-to-end tests need, installed only when missing: Chromium and its driver
# (browser test; a test tool cannot download its own browser here), PostgreSQL and Redis (store
# test). The assistant itself needs none of them.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "Missing Debian packages for the tests: run 'sudo apt-get install ${missing[*]}'" >&2
  exit 1
fi
echo "==> installing Debian packages for the tests: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
