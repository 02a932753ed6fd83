#!/usr/bin/env bash
# The whole test suite (unit, integration, browser), from a fresh clone.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh

# Browser tests drive Debian's chromium; never a test tool's own browser download.
if [ ! -x /usr/bin/chromium ]; then
  echo "test: installing Debian's chromium" >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >&2
fi

pnpm install --frozen-lockfile --reporter=silent
pnpm run test
