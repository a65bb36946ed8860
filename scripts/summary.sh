#!/usr/bin/env bash
# Adds up the Jest JSON reports in a folder into one closing line.
node -e '
const fs = require("node:fs"), path = require("node:path");
const dir = process.argv[1];
let passed = 0, failed = 0, skipped = 0;
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
  const r = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
  passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + (r.numTodoTests || 0);
}
if (passed + failed === 0) { console.error("no test ran"); process.exit(1); }
console.log(`\ntests: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
process.exit(failed ? 1 : 0);
' "$1"
