#!/usr/bin/env bash
# The whole test command: static checks, unit tests, then integration and system tests against
# the real services (started by the jest global setup when they are down).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh

echo "[test] lint";        npm run --silent lint
echo "[test] type-check";  npm run --silent typecheck && npx tsc -p bench/tsconfig.json --noEmit
echo "[test] dependency rules"; npm run --silent deps:check
echo "[test] deployment manifests, alert rules, dashboard"; node scripts/validate-manifests.mjs --self-test

reports=$(mktemp -d)
status=0
echo "[test] unit and integration tests"
npx jest --selectProjects unit integration --ci --json --outputFile="$reports/a.json" || status=$?
echo "[test] system tests"
npx jest --selectProjects system --ci --runInBand --json --outputFile="$reports/b.json" || status=$?

node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const file of process.argv.slice(1)) {
    if (!fs.existsSync(file)) { failed += 1; continue; }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  }
  console.log(`tests: ${passed} passed, ${failed} failed`);
' "$reports/a.json" "$reports/b.json"
exit "$status"
