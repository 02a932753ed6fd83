#!/usr/bin/env bash
# The main job: install everything, migrate data/evidence.db (or DATABASE_URL), run an incremental
# ingestion of every saved topic, then serve the API and the dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh

pnpm install --frozen-lockfile --reporter=silent
# A busy port is reported now, before the build and the ingestion print anything.
node scripts/serve.ts --check-ports
pnpm run --silent build >/dev/null
node packages/schema/src/migrate-cli.ts
# Ingestion failing (e.g. PubMed unreachable) must not stop the dashboard from coming up; its own
# last line says what failed and that stored studies are unchanged.
node scripts/ingest/cli.ts || true
exec node scripts/serve.ts
