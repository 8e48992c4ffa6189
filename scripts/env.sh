# shellcheck shell=bash
# Source this file (don't run it) to put the repo-local toolchain on PATH:
#   .venv/bin   python, pip, maturin, pytest   (created by scripts/setup.sh)
#   .tools/bin  wasm-bindgen CLI               (created by scripts/setup.sh)
# Safe to source repeatedly; changes no shell options.

TOUCHPOINT_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export TOUCHPOINT_REPO

# Prepend a dir to PATH unless it is already there.
_tp_path_prepend() {
  case ":$PATH:" in
    *":$1:"*) ;;
    *) PATH="$1:$PATH" ;;
  esac
}
_tp_path_prepend "$TOUCHPOINT_REPO/.tools/bin"
_tp_path_prepend "$TOUCHPOINT_REPO/.venv/bin"
unset -f _tp_path_prepend
export PATH

# Behave like an activated venv (maturin and pip look at this).
export VIRTUAL_ENV="$TOUCHPOINT_REPO/.venv"
# Never let an npm install fetch browsers; we use Debian's /usr/bin/chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
