#!/usr/bin/env bash
# Sets up fuzzing (see fuzz/README.md): cargo-fuzz from crates.io, run on rustup's stable
# toolchain with RUSTC_BOOTSTRAP=1 (libFuzzer + AddressSanitizer need nightly flags), then
# builds every target. Safe to re-run: installs only what is missing.
#   bash scripts/fuzz-setup.sh          install and build
#   bash scripts/fuzz-setup.sh --no-build
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz-setup: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi
cargo fuzz --version

if [[ "${1:-}" != "--no-build" ]]; then
  echo "fuzz-setup: building the targets (nice 19)"
  RUSTC_BOOTSTRAP=1 nice -n 19 cargo fuzz build --fuzz-dir fuzz
  RUSTC_BOOTSTRAP=1 cargo fuzz list --fuzz-dir fuzz
fi
