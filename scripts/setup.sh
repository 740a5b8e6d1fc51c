#!/usr/bin/env bash
# Installs what the build and the tests need, pinned, into a cache outside the clone
# ($CW_BTP_CACHE, default ~/.cache/cw-btp), so a second run is fast and a cold run still works.
# Source it (`. scripts/setup.sh`) to get WASM_OPT, COSMWASM_CHECK and CARGO_TARGET_DIR exported.
set -euo pipefail

BINARYEN_VERSION=132.0.0
COSMWASM_CHECK_VERSION=3.0.10

export CW_BTP_CACHE="${CW_BTP_CACHE:-$HOME/.cache/cw-btp}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CW_BTP_CACHE/target}"
mkdir -p "$CW_BTP_CACHE"

log() { printf '[setup] %s\n' "$*" >&2; }

# The CosmWasm VM runs wasm32-unknown-unknown; RUSTUP_AUTO_INSTALL=0 means nobody adds it for us.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown >&2
fi

# binaryen's wasm-opt lowers the bulk-memory and sign-ext instructions Rust 1.95 emits,
# which the CosmWasm VM rejects. Debian's binaryen is too old for the lowering passes.
binaryen_dir="$CW_BTP_CACHE/binaryen-$BINARYEN_VERSION"
export WASM_OPT="$binaryen_dir/node_modules/.bin/wasm-opt"
if [ ! -x "$WASM_OPT" ]; then
  log "installing binaryen $BINARYEN_VERSION from npm into $binaryen_dir"
  mkdir -p "$binaryen_dir"
  (cd "$binaryen_dir" && npm install --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION" >&2)
fi
"$WASM_OPT" --version >/dev/null

# cosmwasm-check validates artifacts with the capabilities of current chains (about 11 minutes cold).
check_root="$CW_BTP_CACHE/cosmwasm-check-$COSMWASM_CHECK_VERSION"
export COSMWASM_CHECK="$check_root/bin/cosmwasm-check"
if [ ! -x "$COSMWASM_CHECK" ]; then
  log "installing cosmwasm-check $COSMWASM_CHECK_VERSION into $check_root (takes about 11 minutes once)"
  CARGO_TARGET_DIR="$CW_BTP_CACHE/target-tools" \
    cargo install cosmwasm-check --version "=$COSMWASM_CHECK_VERSION" --locked --root "$check_root" >&2
fi
"$COSMWASM_CHECK" --version >/dev/null

# The end-to-end test (CW_BTP_E2E=1) opens the status page of `btp serve` in
# headless Chromium (scripts/status-page-check.sh): Debian's package, with
# apt-get (through sudo when not root), only when it is missing.
if [ "${CW_BTP_E2E:-}" = 1 ] && ! command -v chromium >/dev/null 2>&1; then
  log "installing Debian's chromium for the status page check"
  apt=(apt-get)
  [ "$(id -u)" = 0 ] || apt=(sudo apt-get)
  "${apt[@]}" update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq --no-install-recommends chromium >&2
fi

# wasm-opt's level: -Oz (smaller, fewer inlined calls) only where the
# contract runs once per batch rather than once per message, like the
# release profile's opt-level in Cargo.toml; elsewhere gas comes first.
wasm_opt_level_of() {
  case "$1" in
    token-vault) echo -Oz ;;
    *) echo -Os ;;
  esac
}

# optimize_wasm NAME RAW OUT: the artifact of contract NAME from cargo's RAW
# build (scripts/build-wasm.sh, scripts/size-report.sh).
optimize_wasm() {
  # Rust 1.95 emits bulk-memory and sign-ext instructions the VM rejects;
  # these passes lower them to MVP instructions (TOOLCHAIN.md).
  "$WASM_OPT" "$(wasm_opt_level_of "$1")" --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
    --enable-nontrapping-float-to-int --enable-multivalue --enable-reference-types \
    --llvm-memory-copy-fill-lowering --signext-lowering --llvm-nontrapping-fptoint-lowering \
    --strip-debug "$2" -o "$3"
}
