#!/usr/bin/env bash
# The whole test suite on other dates and in other time zones: every run must pass, whatever "now" is.
# Each case runs `pnpm run test` under Debian's faketime (LD_PRELOAD, so node, the ingestion CLI and
# chromium all see the fake clock; it keeps ticking from the given time, and the faketime wrapper
# shares one clock with every child process) in a time zone far from UTC:
#   2031-02-28 23:59 — the UTC/local day, month and year roll over while tests run (no leap day);
#   2028-02-29 12:00 — a leap day;
#   Pacific/Kiritimati (UTC+14) and America/Adak (UTC−10/−9): the local date differs from UTC's.
# Usage: bash scripts/test-clock.sh [--quick]   (--quick: the two combined cases instead of all four)
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh

if ! command -v faketime >/dev/null; then
  echo "test-clock: faketime is missing (Debian: apt-get install faketime)" >&2
  exit 2
fi

cases=(
  "Pacific/Kiritimati|2031-02-28 23:59:00"
  "America/Adak|2028-02-29 12:00:00"
)
if [ "${1:-}" != "--quick" ]; then
  cases+=(
    "America/Adak|2031-02-28 23:59:00"
    "Pacific/Kiritimati|2028-02-29 12:00:00"
  )
fi

failed=()
for case in "${cases[@]}"; do
  tz="${case%%|*}"; at="${case#*|}"
  echo "test-clock: TZ=$tz faketime '$at' pnpm run test" >&2
  # FAKETIME and TZ are in turbo's globalEnv, so a faked run never replays a cached result.
  if ! TZ="$tz" faketime "$at" pnpm run test; then failed+=("TZ=$tz at $at"); fi
done

if [ ${#failed[@]} -gt 0 ]; then
  printf 'test-clock: failed: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "test-clock: all ${#cases[@]} clock cases passed" >&2
