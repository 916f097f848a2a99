#!/usr/bin/env bash
# The quick start: dependencies, every service, a build, then all modules in one process.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash infra/local/infra.sh up
npm run --silent build
exec node dist/apps/all-in-one/src/main.js
