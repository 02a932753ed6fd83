#!/usr/bin/env bash
# The offline demo: the main job over synthetic fixture records, in its own database
# (data/demo.db unless DEMO_DATABASE_URL is set), so the default data/evidence.db never holds them.
# Every dashboard page then carries a "demo data" banner. Needs no network.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh

export DATABASE_URL="${DEMO_DATABASE_URL:-data/demo.db}"
pnpm install --frozen-lockfile --reporter=silent
node scripts/serve.ts --check-ports
pnpm run --silent build >/dev/null

# The fixture E-utilities server on a free loopback port; it prints its URL first.
fixture_log="$(mktemp)"
node packages/eutils-fixtures/src/cli.ts --port 0 >"$fixture_log" 2>/dev/null &
fixture_pid=$!
trap 'kill "$fixture_pid" 2>/dev/null || true; rm -f "$fixture_log"' EXIT
for _ in $(seq 100); do
  [ -s "$fixture_log" ] && break
  sleep 0.1
done
EUTILS_BASE_URL="$(head -n1 "$fixture_log")"
export EUTILS_BASE_URL EUTILS_REQUESTS_PER_SECOND=50

node packages/schema/src/migrate-cli.ts
node scripts/ingest/cli.ts || true
echo "Demo data (synthetic fixture records, never to be cited) in $DATABASE_URL"
node scripts/serve.ts
