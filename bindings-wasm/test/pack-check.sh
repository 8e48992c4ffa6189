#!/usr/bin/env bash
# The npm package as users get it: pack bindings-wasm/pkg, install the tarball into a
# scratch project, and check the INSTALLED copy:
#   1. a page importing the bare name 'touchpoint-wasm' (import map -> node_modules) computes
#      the shared NPS/CSAT/CES vectors in Chromium (pack/index.html);
#   2. the whole browser suite against the installed entry (browser.html?pkg=...);
#   3. the Node snippet of the quickstart (initSync + readFileSync);
#   4. the TypeScript usage file against the installed .d.ts.
# Run after scripts/build-wasm.sh:   bash bindings-wasm/test/pack-check.sh
# The scratch project lives in target/wasm-pack-check (served by run-browser.mjs, which
# serves the repo root).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$REPO/scripts/env.sh"
HERE="$REPO/bindings-wasm/test"
SCRATCH="$REPO/target/wasm-pack-check"

rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
tarball="$(cd "$REPO/bindings-wasm/pkg" && npm pack --silent --pack-destination "$SCRATCH")"
echo "pack-check: packed $tarball:"
tar -tzf "$SCRATCH/$tarball" | sed 's/^/  /'
cd "$SCRATCH"
printf '{ "name": "scratch", "private": true, "type": "module" }\n' >package.json
npm install --silent --no-audit --no-fund "./$tarball"
cp "$HERE/pack/index.html" "$HERE/pack/node-init.mjs" "$HERE/pack/tsconfig.json" .
cp "$HERE/types/usage.ts" .

rel="${SCRATCH#"$REPO"}"
node "$HERE/run-browser.mjs" "$rel/index.html"
node "$HERE/run-browser.mjs" "/bindings-wasm/test/browser.html?pkg=$rel/node_modules/touchpoint-wasm/touchpoint_wasm.js"
node node-init.mjs
"$HERE/node_modules/.bin/tsc" -p tsconfig.json && echo "pack-check: types of the installed package OK"
echo "pack-check: OK"
