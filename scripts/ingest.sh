#!/usr/bin/env bash
# `pnpm ingest` for people who have not sourced the toolchain: bash scripts/ingest.sh [ARGS…]
# (e.g. `bash scripts/ingest.sh --topic tvns`, `bash scripts/ingest.sh import FILE`).
set -euo pipefail
# No cd: file arguments stay relative to where the command was typed.
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/bootstrap.sh"
exec node "$here/ingest/cli.ts" "$@"
