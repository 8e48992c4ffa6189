#!/usr/bin/env bash
# Proves the packages a user installs work outside the repo, and that the main job runs:
#   1. the main job (the CX report over the sample data) prints its report;
#   2. the Python wheel installs with pip (and its dependency, pyarrow) into a brand-new virtual
#      environment, computes an NPS and gets an RFM table;
#   3. `npm pack` of bindings-node installs into a scratch project and computes the same NPS in Node;
#      its entry (touchpoint.js) exports the TouchpointError class, which a thrown error and an
#      …Async rejection are instances of, and ESM named imports work;
#   4. `npm pack` of the wasm package installs into a scratch project and computes it in Chromium;
#   5. the TypeScript type tests of both npm packages (bindings-node/test/types.test.ts,
#      bindings-wasm/test/types/usage.ts) type-check against the INSTALLED packages' .d.ts, which
#      must be self-contained (the shared types/results.d.ts is inlined into each).
# Needs the artifacts the test suites build (target/wheels, the .node addon, bindings-wasm/pkg).
# Prints "ok - …" / "not ok - …" per check and ends with "packages: N passed, M failed".
set -uo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
# shellcheck source=scripts/env.sh
source scripts/env.sh
WORK="$REPO/target/pkgcheck"
rm -rf "$WORK" && mkdir -p "$WORK"
EXPECTED_NPS="33.333"   # nps([10, 9, 3]): 2 promoters, 1 detractor of 3
passed=0 failed=0
check() { # check NAME COMMAND...: run it, report, keep going
  local name="$1"; shift
  if ( "$@" ) >"$WORK/$name.log" 2>&1; then
    passed=$((passed + 1)); echo "ok - $name"
  else
    failed=$((failed + 1)); echo "not ok - $name"; sed 's/^/    /' "$WORK/$name.log" | tail -n 30
  fi
}

main_job() {
  cargo run -q --release -p touchpoint --example cx_report >"$WORK/report.txt" &&
    grep -q '^touchpoint CX report' "$WORK/report.txt" &&
    grep -q '^customers by furthest journey stage' "$WORK/report.txt" &&
    grep -q 'records rejected' "$WORK/report.txt"
}

python_wheel() {
  local whl
  whl="$(ls -t target/wheels/touchpoint-*-abi3-*.whl | head -n1)" || return 1
  python3 -m venv "$WORK/venv" &&
    # The wheel's one dependency, pyarrow (per-customer results are Arrow tables), comes
    # from the package index (or pip's cache).
    "$WORK/venv/bin/pip" install -q "$whl" &&
    (cd "$WORK" && "$WORK/venv/bin/python" -c "
import touchpoint
r = touchpoint.nps([10, 9, 3])
print(r)
assert f\"{r['nps']:.3f}\" == '$EXPECTED_NPS', r
ds = touchpoint.Dataset.from_events([{'customer_id': 'a', 'timestamp': 0, 'channel': 'web', 'kind': 'purchase', 'value': 5}])
rows = ds.rfm()['per_customer']
print(type(rows).__name__, rows.num_rows)
assert rows.column('rfm').to_pylist() == ['111'], rows
")
}

node_package() {
  local tgz app="$WORK/node-app"
  tgz="$(cd bindings-node && npm pack --silent --pack-destination "$WORK" | tail -n1)" || return 1
  mkdir -p "$app" && cd "$app" && echo '{"name":"scratch","private":true}' >package.json &&
    npm install --silent --no-audit --no-fund "$WORK/$tgz" &&
    node -e "
const { nps } = require('touchpoint');
const r = nps([10, 9, 3]);
console.log(r);
if (r.nps.toFixed(3) !== '$EXPECTED_NPS') process.exit(1);
" &&
    # The package's entry (touchpoint.js) from ESM: named imports, the TouchpointError class
    # (thrown, and rejected by an …Async form), and an …Async reader.
    node --input-type=module -e "
import assert from 'node:assert/strict';
import { nps, Dataset, TouchpointError } from 'touchpoint';
import * as all from 'touchpoint';
assert.equal(typeof TouchpointError, 'function');
assert.equal(all._registerErrorClass, undefined);
assert.throws(() => nps([11]), (e) => e instanceof TouchpointError && e instanceof Error &&
  e.name === 'TouchpointError' && e.code === 'OUT_OF_RANGE' && e.record === 'answer 1');
await assert.rejects(Dataset.readCsvAsync('customer_id,timestamp,channel,kind\\nc1,bad,web,x\\n'),
  (e) => e instanceof TouchpointError && e.code === 'INVALID_RECORD' && e.record === 'line 2' && e.field === 'timestamp');
const ds = await Dataset.readCsvAsync('customer_id,timestamp,channel,kind\\nc1,2026-01-01T00:00:00Z,web,page_view\\n');
assert.ok(ds instanceof Dataset);
assert.equal(ds.eventCount, 1);
console.log('TouchpointError and readCsvAsync OK from the packed package');
"
}

wasm_package() {
  local tgz app="$WORK/web-app" entry
  tgz="$(cd bindings-wasm/pkg && npm pack --silent --pack-destination "$WORK" | tail -n1)" || return 1
  mkdir -p "$app" && cd "$app" && echo '{"name":"scratch-web","private":true}' >package.json &&
    npm install --silent --no-audit --no-fund "$WORK/$tgz" || return 1
  entry="$(node -p "const p=require('./node_modules/touchpoint-wasm/package.json'); p.module || p.main")"
  cat >index.html <<HTML
<!doctype html><meta charset="utf-8"><title>touchpoint-wasm from npm pack</title>
<script type="module">
  window.__results = { passed: 0, failed: 0, failures: [], done: false };
  try {
    const mod = await import('./node_modules/touchpoint-wasm/$entry');
    if (typeof mod.default === 'function') await mod.default();
    const r = mod.nps([10, 9, 3]);
    console.log(JSON.stringify(r));
    if (r.nps.toFixed(3) === '$EXPECTED_NPS') window.__results.passed = 1;
    else window.__results.failures.push({ name: 'nps', message: JSON.stringify(r) });
  } catch (e) {
    window.__results.failures.push({ name: 'load', message: String(e && e.stack || e) });
  }
  window.__results.failed = window.__results.failures.length;
  window.__results.done = true;
</script>
HTML
  node "$REPO/bindings-wasm/test/run-browser.mjs" "/target/pkgcheck/web-app/index.html"
}

# Run after node_package / wasm_package: their scratch projects hold the installed packages.
node_package_types() {
  local app="$WORK/node-app"
  [ -d "$app/node_modules/touchpoint" ] || { echo "node-app has no installed touchpoint"; return 1; }
  sed "s#'\.\./touchpoint\.js'#'touchpoint'#" bindings-node/test/types.test.ts >"$app/types.test.ts" &&
    cp bindings-node/test/tsconfig.json "$app/tsconfig.json" &&
    ! grep -q "'\.\./" "$app/types.test.ts" &&
    bindings-node/node_modules/.bin/tsc --noEmit -p "$app/tsconfig.json"
}

wasm_package_types() {
  local app="$WORK/web-app"
  [ -d "$app/node_modules/touchpoint-wasm" ] || { echo "web-app has no installed touchpoint-wasm"; return 1; }
  cp bindings-wasm/test/types/usage.ts bindings-wasm/test/pack/tsconfig.json "$app/" &&
    bindings-wasm/test/node_modules/.bin/tsc -p "$app/tsconfig.json"
}

check main-job main_job
check python-wheel-clean-venv python_wheel
check node-npm-pack node_package
check wasm-npm-pack-chromium wasm_package
check node-npm-pack-types node_package_types
check wasm-npm-pack-types wasm_package_types
echo "packages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
