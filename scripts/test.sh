#!/usr/bin/env bash
# The single test command:   bash scripts/test.sh
#
# Runs scripts/setup.sh, then four suites in order, each streaming its own
# output (also saved to target/test-logs/<suite>.log):
#   rust    cargo test on the workspace minus the binding crates
#   python  maturin wheel -> pip install into .venv -> pytest bindings-python/tests (which
#           also checks the .pyi stub against the wheel: tests/test_stubs.py, mypy.stubtest)
#   node    npm run build in bindings-node -> tsc on test/types.test.ts -> node --test test/
#   wasm    scripts/build-wasm.sh -> tsc on test/types/usage.ts -> test/types/results-check.mjs
#           (the declared types against real results) -> test/run-browser.mjs (chromium)
#   packages  scripts/check-packages.sh: the main job runs; the wheel, and npm pack of both
#             npm packages, install into clean projects and compute an NPS there
# Ends with a per-suite table and the line "N passed, M failed"; exits non-zero
# if any suite failed. A suite whose package is missing FAILS, it is not skipped.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
bash scripts/setup.sh
# shellcheck source=scripts/env.sh
source scripts/env.sh

LOG_DIR="$REPO/target/test-logs"
mkdir -p "$LOG_DIR"

need() { # need FILE...: fail the suite if its package isn't there yet
  local f
  for f in "$@"; do
    [ -e "$f" ] || { echo "missing $f: suite cannot run"; return 1; }
  done
}

# --- suites: each runs commands; counts are parsed from its log afterwards ---
suite_rust() {
  need core/Cargo.toml || return 1
  cargo test --workspace \
    --exclude touchpoint-python --exclude touchpoint-node --exclude touchpoint-wasm
}

suite_python() {
  need bindings-python/Cargo.toml bindings-python/tests || return 1
  local wheels="$REPO/target/wheels" whl
  rm -f "$wheels"/*.whl
  maturin build --release -m bindings-python/Cargo.toml -o "$wheels" || return 1
  whl="$(ls -t "$wheels"/*.whl | head -n1)"
  # --no-deps keeps pandas & co. as installed by setup.sh; this proves the wheel installs.
  python -m pip install -q --force-reinstall --no-deps "$whl" || return 1
  python -m pytest bindings-python/tests -q
}

suite_node() {
  need bindings-node/package.json bindings-node/test || return 1
  (cd bindings-node && npm run build &&
    node_modules/.bin/tsc --noEmit -p test/tsconfig.json && echo "node types: test/types.test.ts OK" &&
    node --test test/)
}

suite_wasm() {
  need bindings-wasm/Cargo.toml bindings-wasm/test/browser.html || return 1
  bash scripts/build-wasm.sh &&
    bindings-wasm/test/node_modules/.bin/tsc -p bindings-wasm/test/types && echo "wasm types: test/types/usage.ts OK" &&
    node bindings-wasm/test/types/results-check.mjs &&
    node bindings-wasm/test/run-browser.mjs
}

suite_packages() {
  bash scripts/check-packages.sh
}

# Print "PASSED FAILED" parsed from a suite log.
count_rust() { # sum of "test result: ok. N passed; M failed" lines
  grep -E '^test result: ' "$1" |
    sed -E 's/.* ([0-9]+) passed; ([0-9]+) failed.*/\1 \2/' |
    awk '{p+=$1; f+=$2} END {print p+0, f+0}'
}
count_python() { # pytest's last summary line: "3 passed, 1 failed, 2 errors in 0.1s"
  local line
  line="$(grep -E '[0-9]+ (passed|failed|errors?)\b' "$1" | tail -n1 || true)"
  awk -v s="$line" 'BEGIN {
    n = split(s, w, /[ ,=]+/)
    for (i = 2; i <= n; i++) {
      if (w[i] == "passed") p = w[i-1]
      if (w[i] == "failed" || w[i] ~ /^errors?$/) f += w[i-1]
    }
    print p+0, f+0 }'
}
count_node() { # node --test: "# pass N" / "# fail N" (tap) or "ℹ pass N" (spec)
  local p f
  p="$(grep -E '^(# |ℹ )pass [0-9]+' "$1" | tail -n1 | grep -oE '[0-9]+' || true)"
  f="$(grep -E '^(# |ℹ )fail [0-9]+' "$1" | tail -n1 | grep -oE '[0-9]+' || true)"
  echo "${p:-0} ${f:-0}"
}
count_wasm() { # "wasm (chromium): N passed, M failed"
  grep -E '^wasm \(chromium\): [0-9]+ passed, [0-9]+ failed' "$1" | tail -n1 |
    sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/' | grep . || echo "0 0"
}

count_packages() { # "packages: N passed, M failed"
  grep -E '^packages: [0-9]+ passed, [0-9]+ failed' "$1" | tail -n1 |
    sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/' | grep . || echo "0 0"
}

SUITES=(rust python node wasm packages)
declare -A PASSED FAILED STATUS
any_failed=0
for s in "${SUITES[@]}"; do
  log="$LOG_DIR/$s.log"
  printf '\n===== %s =====\n' "$s"
  set +e
  ("suite_$s") 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  read -r p f < <("count_$s" "$log")
  status=ok
  if [ "$rc" -ne 0 ] || [ "$f" -gt 0 ] || [ "$p" -eq 0 ]; then
    any_failed=1
    status="FAILED (exit $rc$([ "$p$f" != 00 ] || echo ', no test results'))"
    # A suite that broke before reporting any failure still counts as one.
    [ "$f" -gt 0 ] || f=1
  fi
  PASSED[$s]=$p FAILED[$s]=$f STATUS[$s]=$status
done

# --- summary -----------------------------------------------------------------
total_p=0 total_f=0
printf '\n%-8s %8s %8s  %s\n' suite passed failed status
for s in "${SUITES[@]}"; do
  printf '%-8s %8d %8d  %s\n' "$s" "${PASSED[$s]}" "${FAILED[$s]}" "${STATUS[$s]}"
  total_p=$((total_p + PASSED[$s])) total_f=$((total_f + FAILED[$s]))
done
printf '(logs: %s)\n' "${LOG_DIR#"$REPO"/}"
echo "$total_p passed, $total_f failed"
exit "$any_failed"
