#!/usr/bin/env bash
# The quick start: dependencies, every service, a build, then all modules in one process.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash infra/local/infra.sh up
npm run --silent build
# a young generation of 64 MiB semi-spaces: fewer scavenges of the short-lived garbage of every
# message (GC fell from 8.9 % to 5.5 % of the process's CPU at 100 orders/s)
exec node --max-semi-space-size=64 dist/apps/all-in-one/src/main.js
