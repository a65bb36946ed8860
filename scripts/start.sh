#!/usr/bin/env bash
# Installs what is missing, builds, and starts Cadenza. Without DATABASE_URL it runs
# on the embedded default: PostgreSQL under .data/, migrated, the demo school seeded
# on first start; the URL and demo logins are printed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
cd "$root"
echo "cadenza: building (cached after the first time)" >&2
nx run-many -t build -p api console portal --outputStyle=static >"$root/tmp-build.log" 2>&1 || { cat "$root/tmp-build.log"; exit 1; }
rm -f "$root/tmp-build.log"
exec node dist/server/apps/api/src/main.js
