#!/usr/bin/env bash
# The whole test suite, as CI runs it: install, lint (module boundaries included),
# type-check, unit, integration (real PostgreSQL and Redis), build, API end-to-end,
# and browser journeys in Chromium against the embedded default.
# Every step runs whatever the steps before it did; the end lists the failed steps and
# prints a closing "N passed, N failed" line, and the exit is non-zero if anything failed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
source "$(dirname "${BASH_SOURCE[0]}")/steps.sh"
cd "$root"

results="$root/tmp/test-results"
rm -rf "$results" && mkdir -p "$results"
jest() { node --experimental-vm-modules --no-warnings=ExperimentalWarning node_modules/jest/bin/jest.js "$@"; }

install_chromium() {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
}

project_graph() { nx show projects >/dev/null; }

type_check() {
  tsc -p tsconfig.json
  tsc -p libs/web/tsconfig.spec.json
  tsc -p apps/console-e2e/tsconfig.json
  tsc -p apps/portal-e2e/tsconfig.json
}

browser_tests() {
  local data port pg_port api_pid
  data="$(mktemp -d)"
  # The embedded PostgreSQL runs as its own system user when started as root: it must reach the folder.
  chmod 755 "$data"
  free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
  port="$(free_port)"
  pg_port="$(free_port)"
  CADENZA_DATA_DIR="$data" PORT="$port" EMBEDDED_PG_PORT="$pg_port" LOG_LEVEL=warn node dist/server/apps/api/src/main.js >"$results/api.log" 2>&1 &
  api_pid=$!
  # This function runs in the step's subshell, so the trap ends with the step. The trap runs after the function has
  # returned, when its locals are gone: their values are written into it now.
  # shellcheck disable=SC2064
  trap "kill $api_pid 2>/dev/null || true; wait $api_pid 2>/dev/null || true; rm -rf '$data'" EXIT
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; then break; fi
    if ! kill -0 "$api_pid" 2>/dev/null; then cat "$results/api.log"; return 1; fi
    sleep 0.5
  done
  CADENZA_E2E_URL="http://127.0.0.1:$port" jest -c jest.browser.config.js --json --outputFile="$results/browser.json"
}

if [ ! -x /usr/bin/chromium ]; then
  step "installing Chromium (Debian package) for the browser tests" install_chromium
fi

step "project graph" project_graph
step "lint" eslint . --max-warnings=0
step "type-check" type_check
step "unit tests (server and shared)" jest -c jest.server.config.js --selectProjects unit --json --outputFile="$results/unit.json"
step "unit tests (web)" node node_modules/jest/bin/jest.js -c jest.web.config.cjs --json --outputFile="$results/web.json"
step "integration tests (PostgreSQL, Redis)" jest -c jest.server.config.js --selectProjects integration --passWithNoTests --json --outputFile="$results/integration.json"
step "build" nx run-many -t build -p api worker console portal --outputStyle=static
step "API end-to-end tests" jest -c jest.server.config.js --selectProjects e2e --json --outputFile="$results/e2e.json"
step "browser tests (Chromium) against the embedded default" browser_tests

tests_ok=0
bash scripts/summary.sh "$results" || tests_ok=$?
report_steps || exit 1
exit "$tests_ok"
