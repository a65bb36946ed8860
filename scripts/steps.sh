#!/usr/bin/env bash
# The test suite's step runner, sourced by scripts/test.sh: each step runs to its end
# whatever the steps before it did, and `report_steps` lists every failed step at the end
# and fails if any did.
#   step "name" command [args...]     runs one step (a command or a shell function)
#   report_steps                      prints the failed steps; returns 1 if there were any

failed_steps=()

step() {
  local name="$1"
  shift
  printf '\n=== %s\n' "$name"
  # In a subshell with -e of its own, so a step made of several commands stops at its first
  # failure (an `if` or `||` around it would switch -e off inside), and the caller goes on.
  local code=0 errexit=0
  case $- in *e*) errexit=1 ;; esac
  set +e
  (
    set -euo pipefail
    "$@"
  )
  code=$?
  if [ "$errexit" -eq 1 ]; then set -e; fi
  if [ "$code" -ne 0 ]; then
    failed_steps+=("$name (exit $code)")
    printf '=== failed: %s (exit %s)\n' "$name" "$code"
  fi
  return 0
}

report_steps() {
  if [ "${#failed_steps[@]}" -eq 0 ]; then
    printf '\nevery step passed\n'
    return 0
  fi
  printf '\n%s step(s) failed:\n' "${#failed_steps[@]}"
  printf '  - %s\n' "${failed_steps[@]}"
  return 1
}
