#!/usr/bin/env bash
# Runs the whole product on embedded defaults: a local redis-server (AOF, under ./data unless
# REDIS_URL is set), the server with embedded ClickHouse (chDB), the simulator feeding it, and the
# wall-board at the URL it prints. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
bootstrap
say "building the wall-board…"
"${PNPM[@]}" --filter @pulse/wallboard build >/dev/null
exec node --import tsx scripts/demo.ts "$@"
