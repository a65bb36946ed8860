#!/usr/bin/env bash
# Runs a command with the project's Node and packages in place.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
cd "$root"
exec "$@"
