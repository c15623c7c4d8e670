#!/usr/bin/env bash
# Debian's Chromium and ChromeDriver for the browser test; a test tool cannot download its own browser here.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "Chromium is missing: run 'sudo apt-get install chromium chromium-driver'" >&2
  exit 1
fi
echo "==> installing Debian's chromium and chromium-driver"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
