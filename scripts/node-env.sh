#!/usr/bin/env bash
# Sourced by the project's scripts: puts Node 24 first on PATH (from the npm
# registry's `node` package when the machine's own node is older) and installs
# the workspace's packages when package-lock.json changed since the last install.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
wanted="$(tr -dc '0-9' < "$root/.nvmrc")"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" != "$wanted" ]; then
  local_node="$root/.tools/node/node_modules/.bin"
  if [ ! -x "$local_node/node" ]; then
    echo "cadenza: provisioning Node $wanted from the npm registry into .tools/node" >&2
    mkdir -p "$root/.tools/node"
    npm install --prefix "$root/.tools/node" --no-save --no-package-lock --loglevel=error "node@$wanted" >&2
  fi
  export PATH="$local_node:$PATH"
fi
if [ "$(node_major)" != "$wanted" ]; then
  echo "cadenza: Node $wanted is required, found $(node --version 2>/dev/null || echo none)" >&2
  exit 1
fi

stamp="$root/node_modules/.cadenza-installed"
if [ ! -f "$stamp" ] || [ "$root/package-lock.json" -nt "$stamp" ]; then
  echo "cadenza: installing packages" >&2
  # npm install, not npm ci: the registry lacks an optional wasm build that the lock file
  # names, which npm ci refuses and npm install skips. The lock file still pins every version;
  # --no-save keeps npm from rewriting it on each new machine (to change it, run npm yourself).
  (cd "$root" && npm install --no-save --loglevel=error --no-fund --no-audit >&2)
  touch "$stamp"
fi
export PATH="$root/node_modules/.bin:$PATH"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
