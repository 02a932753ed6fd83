#!/usr/bin/env bash
# `pnpm retag` for people who have not sourced the toolchain: bash scripts/retag.sh [--all]
set -euo pipefail
# No cd: file arguments stay relative to where the command was typed.
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/bootstrap.sh"
exec node "$here/retag/cli.ts" "$@"
