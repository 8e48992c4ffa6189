#!/usr/bin/env bash
# Install everything the test suite (scripts/test.sh) needs. Idempotent: each
# step checks first and prints "ok (...)" when nothing has to be done, so a
# repeat run takes a few seconds.
#
#   bash scripts/setup.sh      # run it
#   source scripts/setup.sh    # ...or source it: also puts .venv/.tools on PATH
#
# Steps:
#   1. apt:  rustc-web cargo-web rust-web-src chromium (Debian rustc 1.96 + std
#            source, used by scripts/build-wasm.sh; chromium for the wasm tests)
#   2. venv: $REPO/.venv with maturin pytest pyarrow pandas polars mypy pyspark lifetimes
#            (mypy.stubtest checks the Python stub against the compiled module:
#            tests/test_stubs.py; pyspark runs touchpoint.spark's tests in local mode, with
#            Java 17: tests/test_spark.py; lifetimes 0.11.3 is the reference the value area is
#            compared with live: tests/test_lifetimes.py)
#   3. wasm-bindgen CLI in $REPO/.tools/bin, exactly the version pinned in the
#      workspace Cargo.toml (the CLI and the crate must match)
#   4. npm:  node_modules for bindings-node/ and bindings-wasm/test/
#   5. wasm-opt (binaryen, from npm: a JS/wasm build) in $REPO/.tools/bin, the
#      pinned version, used by scripts/build-wasm.sh
# Nothing is exported except through scripts/env.sh.

_tp_setup() (
  set -euo pipefail

  REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  cd "$REPO"
  export DEBIAN_FRONTEND=noninteractive
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

  step() { printf 'setup: %-14s %s\n' "$1" "$2"; }
  die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

  # --- 1. apt packages ------------------------------------------------------
  apt_pkgs=(rustc-web cargo-web rust-web-src chromium)
  command -v node >/dev/null && command -v npm >/dev/null || apt_pkgs+=(nodejs npm)
  command -v cc >/dev/null || apt_pkgs+=(build-essential)
  missing=()
  for p in "${apt_pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
      || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    step apt "ok (${apt_pkgs[*]})"
  else
    step apt "installing ${missing[*]}"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi

  # --- 2. python venv -------------------------------------------------------
  VENV="$REPO/.venv"
  py_mods=(maturin pytest pyarrow pandas polars mypy pyspark lifetimes statsmodels vaderSentiment)
  # find_spec is cheap: it locates modules without importing pandas & co.
  venv_ok() {
    [ -x "$VENV/bin/python" ] && [ -x "$VENV/bin/maturin" ] &&
      "$VENV/bin/python" -c 'import sys, importlib.util as u
sys.exit(any(u.find_spec(m) is None for m in sys.argv[1:]))' "${py_mods[@]}" 2>/dev/null
  }
  if venv_ok; then
    step venv "ok (.venv: ${py_mods[*]})"
  else
    if [ ! -x "$VENV/bin/python" ]; then
      step venv "creating .venv"
      python3 -m venv "$VENV" || die "python3 -m venv failed (apt-get install python3-venv?)"
    fi
    step venv "pip install ${py_mods[*]}"
    "$VENV/bin/python" -m pip install -q "${py_mods[@]}"
    venv_ok || die "venv still incomplete after pip install"
  fi

  # --- 3. wasm-bindgen CLI --------------------------------------------------
  # Version comes from the workspace pin, e.g. wasm-bindgen = "=0.2.130".
  wbg_ver="$(grep -E '^wasm-bindgen[[:space:]]*=' Cargo.toml | head -n1 |
    grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -n1 || true)"
  [ -n "$wbg_ver" ] || die "no 'wasm-bindgen = \"=X.Y.Z\"' pin in Cargo.toml"
  wbg_has() { [ -x "$1" ] && [ "$("$1" --version 2>/dev/null)" = "wasm-bindgen $wbg_ver" ]; }
  TOOLS_BIN="$REPO/.tools/bin"
  CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
  if wbg_has "$TOOLS_BIN/wasm-bindgen"; then
    step wasm-bindgen "ok ($wbg_ver in .tools/bin)"
  elif wbg_has "$CARGO_BIN/wasm-bindgen"; then
    step wasm-bindgen "copying $wbg_ver from $CARGO_BIN"
    mkdir -p "$TOOLS_BIN"
    cp "$CARGO_BIN/wasm-bindgen" "$TOOLS_BIN/wasm-bindgen"
  else
    step wasm-bindgen "cargo install wasm-bindgen-cli $wbg_ver (takes a few minutes)"
    cargo_bin="$(command -v cargo || echo /usr/bin/cargo)"
    install=("$cargo_bin" install wasm-bindgen-cli --version "$wbg_ver" --root "$REPO/.tools" --force)
    # --locked first; its lockfile can reference a crate version that has since
    # vanished from the index (seen: webpki-roots 1.0.11), then resolve afresh.
    if ! "${install[@]}" --locked; then
      step wasm-bindgen "--locked install failed; retrying without --locked"
      "${install[@]}"
    fi
    wbg_has "$TOOLS_BIN/wasm-bindgen" || die "wasm-bindgen $wbg_ver not in $TOOLS_BIN"
  fi

  # --- 4. npm dependencies --------------------------------------------------
  # node_modules/.setup-hash records the package.json + lockfile it was built from.
  npm_deps() {
    local dir="$1" want have
    if [ ! -f "$dir/package.json" ]; then
      step npm "WARNING: $dir/package.json missing, skipped (its suite will fail)"
      return 0
    fi
    dep_hash() { { cat "$dir/package.json"; cat "$dir/package-lock.json" 2>/dev/null || true; } |
      sha256sum | cut -d' ' -f1; }
    want="$(dep_hash)"
    have="$(cat "$dir/node_modules/.setup-hash" 2>/dev/null || true)"
    if [ -f "$dir/package-lock.json" ] && [ "$want" = "$have" ]; then
      step npm "ok ($dir)"
      return 0
    fi
    local npm_opts=(--no-audit --no-fund --loglevel=error) log="${TMPDIR:-/tmp}/setup-npm-ci.$$.log"
    if [ ! -f "$dir/package-lock.json" ]; then
      step npm "npm install in $dir (no lockfile yet)"
      (cd "$dir" && npm install "${npm_opts[@]}")
    elif step npm "npm ci in $dir" && (cd "$dir" && npm ci "${npm_opts[@]}") >"$log" 2>&1; then
      rm -f "$log"
    else
      # Typically a lockfile out of sync with package.json (or npm's known
      # optional-platform-deps lockfile bug): npm install repairs the lockfile.
      step npm "WARNING: npm ci failed ($(grep -E '^npm error [^ ]' "$log" | grep -v 'npm error code' | head -n1 | cut -c11-100)); running npm install, which updates $dir/package-lock.json"
      rm -f "$log"
      (cd "$dir" && npm install "${npm_opts[@]}")
    fi
    dep_hash >"$dir/node_modules/.setup-hash"  # after install: lockfile may be new
  }
  npm_deps bindings-node
  npm_deps bindings-wasm/test

  # --- 5. wasm-opt (binaryen) -----------------------------------------------
  # scripts/build-wasm.sh shrinks the .wasm with wasm-opt. Debian's binaryen (108
  # in bookworm) is too old for what rustc and wasm-bindgen emit: it rewrites the
  # externref table as a funcref table and the module no longer starts. The npm
  # package `binaryen` ships wasm-opt compiled to JS/wasm (no download at install).
  bny_ver=132.0.0
  bny_has() { [ -x "$TOOLS_BIN/wasm-opt" ] &&
    "$TOOLS_BIN/wasm-opt" --version 2>/dev/null | grep -q "^wasm-opt version ${bny_ver%%.*} "; }
  if bny_has; then
    step wasm-opt "ok (binaryen $bny_ver in .tools/bin)"
  else
    step wasm-opt "npm install binaryen@$bny_ver into .tools/binaryen"
    mkdir -p "$REPO/.tools/binaryen" "$TOOLS_BIN"
    (cd "$REPO/.tools/binaryen" && npm install --no-audit --no-fund --loglevel=error \
      --prefix "$REPO/.tools/binaryen" "binaryen@$bny_ver")
    ln -sf ../binaryen/node_modules/.bin/wasm-opt "$TOOLS_BIN/wasm-opt"
    bny_has || die "wasm-opt $bny_ver not in $TOOLS_BIN"
  fi

  step done "source scripts/env.sh to get .venv/bin and .tools/bin on PATH"
)

# Run in a subshell so `set -euo pipefail` and `exit` never leak into a shell
# that sourced us. Don't call it from an `if`/`||`: that would disable set -e.
_tp_setup "$@"
_tp_setup_rc=$?
unset -f _tp_setup
if (return 0 2>/dev/null); then
  # Sourced: give the caller the PATH as well.
  # shellcheck source=scripts/env.sh
  [ "$_tp_setup_rc" -ne 0 ] || source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
  return "$_tp_setup_rc"
else
  exit "$_tp_setup_rc"
fi
