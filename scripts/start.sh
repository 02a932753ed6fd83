#!/usr/bin/env bash
# The main job: install everything, migrate data/evidence.db (or DATABASE_URL), run an incremental
# ingestion of every saved topic, then serve the API and the dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh

pnpm install --frozen-lockfile --reporter=silent
pnpm run --silent build >/dev/null
node packages/schema/src/migrate-cli.ts
# Ingestion failing (e.g. PubMed unreachable) must not stop the dashboard from coming up.
node scripts/ingest/cli.ts || echo "start: ingestion did not complete (see the line above); serving what is stored."
exec node scripts/serve.ts
