#!/usr/bin/env bash
# `pnpm digest` for cron and systemd, without a sourced toolchain: bash scripts/digest.sh
# (the Node flags live in the root package.json's digest script).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/bootstrap.sh"
exec pnpm --silent --dir "$here/.." digest "$@"
