#!/usr/bin/env bash
# Build a wasm-bindgen crate for the browser, optimize it with wasm-opt, and emit an npm
# package.
#
#   bash scripts/build-wasm.sh [CRATE_DIR [OUT_DIR]]
#     CRATE_DIR  default: bindings-wasm           (crate touchpoint-wasm)
#     OUT_DIR    default: CRATE_DIR/pkg           (wasm-bindgen --target web output)
#
# Why this recipe: rustup's toolchain here has no wasm32 std and cannot download
# one. Debian's rustc-web (1.96) ships the std *source* (rust-web-src, wired into
# its sysroot as /usr/lib/rustlib/src/rust), so std is built from source with
# -Zbuild-std (RUSTC_BOOTSTRAP=1 unlocks -Z on a stable compiler). Debian has no
# wasm linker, so we borrow rust-lld from the rustup toolchain.
# The Debian build gets its own target dir (target/wasm) so it never invalidates
# the rustup cargo's artifacts in target/.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/env.sh
source "$REPO/scripts/env.sh"

CRATE_DIR="$(cd "${1:-$REPO/bindings-wasm}" && pwd)"
OUT_DIR="${2:-$CRATE_DIR/pkg}"
MANIFEST="$CRATE_DIR/Cargo.toml"
[ -f "$MANIFEST" ] || { echo "build-wasm: no $MANIFEST" >&2; exit 1; }

# --- toolchain ---------------------------------------------------------------
DEB_CARGO=/usr/bin/cargo   # cargo-web 1.96
DEB_RUSTC=/usr/bin/rustc   # rustc-web 1.96, sysroot /usr
STD_SRC="$("$DEB_RUSTC" --print sysroot)/lib/rustlib/src/rust/library"   # from rust-web-src
for f in "$DEB_CARGO" "$DEB_RUSTC" "$STD_SRC/std/Cargo.toml"; do
  [ -e "$f" ] || { echo "build-wasm: missing $f (run scripts/setup.sh)" >&2; exit 1; }
done

# rust-lld from rustup's toolchain (ask rustup directly: plain `rustc` on PATH
# might be Debian's, whose sysroot has no rust-lld). WASM_LINKER overrides.
if [ -z "${WASM_LINKER:-}" ]; then
  rustup_rustc="$(rustup which rustc 2>/dev/null || echo "$HOME/.cargo/bin/rustc")"
  WASM_LINKER="$("$rustup_rustc" --print sysroot)/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld"
fi
[ -x "$WASM_LINKER" ] || { echo "build-wasm: no rust-lld at $WASM_LINKER (set WASM_LINKER)" >&2; exit 1; }

# wasm-opt (binaryen), run after wasm-bindgen (below): the one of scripts/setup.sh
# (.tools/bin/wasm-opt); WASM_OPT overrides. Older than BINARYEN_MIN is refused: Debian's
# 108 turns wasm-bindgen's externref table into a funcref table and the module fails to start.
BINARYEN_MIN=132
WASM_OPT="${WASM_OPT:-$(command -v "$REPO/.tools/bin/wasm-opt" || command -v wasm-opt || true)}"
[ -n "$WASM_OPT" ] || { echo "build-wasm: no wasm-opt (run scripts/setup.sh, or set WASM_OPT)" >&2; exit 1; }
opt_ver="$("$WASM_OPT" --version | grep -oE 'version [0-9]+' | grep -oE '[0-9]+' || true)"
if [ -z "$opt_ver" ] || [ "$opt_ver" -lt "$BINARYEN_MIN" ]; then
  echo "build-wasm: $WASM_OPT is binaryen ${opt_ver:-?}, need >= $BINARYEN_MIN (run scripts/setup.sh)" >&2
  exit 1
fi

# Crate facts from cargo metadata (works for workspace members and standalone crates).
meta="$("$DEB_CARGO" metadata --no-deps --format-version 1 --manifest-path "$MANIFEST")"
read -r PKG_NAME PKG_VERSION LIB_NAME WS_ROOT < <(node -e '
  const m = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const p = m.packages.find(p => p.manifest_path === process.argv[1]);
  const lib = p.targets.find(t => t.kind.includes("cdylib"));
  if (!lib) { console.error(`build-wasm: ${p.name} has no cdylib target`); process.exit(1); }
  console.log(p.name, p.version, lib.name, m.workspace_root);
' "$MANIFEST" <<<"$meta")
[ -n "${WS_ROOT:-}" ] || { echo "build-wasm: could not read cargo metadata for $MANIFEST" >&2; exit 1; }

# Separate target dir: target/wasm of the workspace (or of the standalone crate).
TARGET_DIR="${WASM_TARGET_DIR:-$WS_ROOT/target/wasm}"

# --- cargo build ---------------------------------------------------------------
echo "build-wasm: $PKG_NAME $PKG_VERSION -> $TARGET_DIR (Debian $("$DEB_RUSTC" --version | cut -d' ' -f2) + build-std)"
env RUSTC="$DEB_RUSTC" \
  RUSTC_BOOTSTRAP=1 \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$WASM_LINKER" \
  "$DEB_CARGO" build \
  --manifest-path "$MANIFEST" \
  -Zbuild-std=std,panic_abort \
  --target wasm32-unknown-unknown \
  --release \
  --target-dir "$TARGET_DIR"
WASM="$TARGET_DIR/wasm32-unknown-unknown/release/$LIB_NAME.wasm"

# --- wasm-bindgen ----------------------------------------------------------------
# The CLI must be exactly the crate's version (the "schema version" embedded in
# the .wasm); check up front for a clear message.
lock_ver="$(grep -A1 '^name = "wasm-bindgen"$' "$WS_ROOT/Cargo.lock" | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -n1 || true)"
cli_ver="$(wasm-bindgen --version | cut -d' ' -f2)"
if [ -n "$lock_ver" ] && [ "$lock_ver" != "$cli_ver" ]; then
  echo "build-wasm: wasm-bindgen CLI $cli_ver != crate $lock_ver (Cargo.lock); run scripts/setup.sh" >&2
  exit 1
fi
mkdir -p "$OUT_DIR"
rm -rf "$OUT_DIR/snippets" "$OUT_DIR/$LIB_NAME"* "$OUT_DIR/package.json"   # drop stale output only
wasm-bindgen --target web --out-dir "$OUT_DIR" "$WASM"

# --- wasm-opt (binaryen) -------------------------------------------------------------
# Optimizes the wasm-bindgen output in place (after wasm-bindgen, which needs the
# compiler's output as is). Measured on this module (binaryen 132; raw / gzip -9 bytes):
# none 1,500,004 / 415,002; -O1 1,082,606 / 374,691; -O (= -Os) 1,039,973 / 399,939;
# -O3 1,042,943 / 400,523; -Oz 1,033,301 / 401,458. -O, -O3 and -Oz ran CSV reads ~5-10%
# faster than no pass and -O1 about as fast (main-thread CPU, a busy machine: rough).
# -O: the smallest raw file but for -Oz (whose gzip is larger), and the faster code.
# (-O1 gzips 6% smaller for 4% more raw bytes and no speed-up.) Every level drops the
# `name` section (function names for stack traces: 371 kB of the raw file). The features
# are those rustc declares in the module's target_features section (wasm-opt reads it
# too; listed so that a feature dropped by a future binaryen fails loudly).
BG_WASM="$OUT_DIR/${LIB_NAME}_bg.wasm"
before="$(wc -c <"$BG_WASM")"
"$WASM_OPT" -O \
  --enable-bulk-memory --enable-bulk-memory-opt --enable-call-indirect-overlong \
  --enable-multivalue --enable-mutable-globals --enable-nontrapping-float-to-int \
  --enable-reference-types --enable-sign-ext \
  "$BG_WASM" -o "$BG_WASM.opt"
mv "$BG_WASM.opt" "$BG_WASM"
echo "build-wasm: wasm-opt -O (binaryen $opt_ver): $before -> $(wc -c <"$BG_WASM") bytes" \
  "($(gzip -9c "$BG_WASM" | wc -c) gzipped)"

# --- package.json ------------------------------------------------------------------
if [ -f "$CRATE_DIR/package.json.in" ]; then
  sed "s/@VERSION@/$PKG_VERSION/g" "$CRATE_DIR/package.json.in" >"$OUT_DIR/package.json"
else
  # npm name = crate name; version/license/description from Cargo metadata.
  node -e '
    const [manifest, lib, out] = process.argv.slice(1);
    const m = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const p = m.packages.find(p => p.manifest_path === manifest);
    const pkg = {
      name: p.name, version: p.version,
      ...(p.description && { description: p.description }),
      ...(p.license && { license: p.license }),
      type: "module",
      main: `${lib}.js`, module: `${lib}.js`, types: `${lib}.d.ts`,
      files: [`${lib}_bg.wasm`, `${lib}_bg.wasm.d.ts`, `${lib}.js`, `${lib}.d.ts`, "snippets/"],
      sideEffects: ["./snippets/*"],
    };
    require("fs").writeFileSync(`${out}/package.json`, JSON.stringify(pkg, null, 2) + "\n");
  ' "$MANIFEST" "$LIB_NAME" "$OUT_DIR" <<<"$meta"
fi
echo "build-wasm: wrote $OUT_DIR ($(du -h "$OUT_DIR/${LIB_NAME}_bg.wasm" | cut -f1) wasm)"
