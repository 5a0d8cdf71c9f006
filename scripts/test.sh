#!/usr/bin/env bash
# Runs every test: installs what is missing, builds the wall-board, lints, type-checks, runs vitest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
bootstrap --browser --promtool
start=$(date +%s)
say "building the wall-board…"
"${PNPM[@]}" --filter @pulse/wallboard build >/dev/null
say "linting and checking the format (biome.json; fix with: pnpm lint:fix)…"
"${PNPM[@]}" exec biome check --diagnostic-level=error .
say "type-checking…"
"${PNPM[@]}" exec tsc -p tsconfig.json --noEmit
say "running the tests…"
mkdir -p .tmp
status=0
"${PNPM[@]}" exec vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json "$@" || status=$?
if [ -f .tmp/vitest.json ]; then
  # a file that fails outside its tests (in beforeAll, say) counts as a failed suite: name it, never print "0 failed" alone
  node -e 'const r=require("./.tmp/vitest.json"); const bad=r.testResults.filter((f)=>f.status==="failed"&&f.assertionResults.every((a)=>a.status!=="failed")); console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : "") + (bad.length ? `; ${bad.length} file(s) failed outside their tests: ${bad.map((f)=>require("path").relative(process.cwd(),f.name)).join(", ")}` : ""))'
fi
say "tests took $(( $(date +%s) - start )) s"
exit $status
