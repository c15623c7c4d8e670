#!/usr/bin/env bash
# Debian packages the end-to-end tests need, installed only when missing: Chromium and its driver
# (browser test; a test tool cannot download its own browser here), PostgreSQL and Redis (store
# test), nginx (scale-out test, `make cluster-up`). The assistant itself needs none of them.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v nginx >/dev/null || missing+=(nginx)
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "Missing Debian packages for the tests: run 'sudo apt-get install ${missing[*]}'" >&2
  exit 1
fi
echo "==> installing Debian packages for the tests: ${missing[*]}"
# The tests start each server themselves on loopback: keep the packages' own services from starting
# (Debian's policy-rc.d convention), unless this machine already has a policy.
policy=/usr/sbin/policy-rc.d
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy"
  trap 'rm -f "$policy"' EXIT
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
