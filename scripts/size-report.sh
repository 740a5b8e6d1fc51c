#!/usr/bin/env bash
# Where the bytes of the contracts' artifacts go (issue 13's size budgets;
# BENCHMARKS.md, "Artifact sizes"). Builds the named contracts (default: the
# message center, the token handler and the vault) as build-wasm.sh does but
# with their function names kept (v0 mangling, which names every generic
# instance by its type arguments), measures every function with twiggy, and
# prints per contract:
#   - the artifact's size (the same wasm-opt passes as build-wasm.sh) and its budget;
#   - the code by kind: JSON (de)serialization of the suite's own types, of
#     cosmwasm-std's types (entry points, replies, queries), the JSON parser
#     shared by all types, std's backtrace printer, and everything else;
#   - the types whose JSON code is largest;
#   - the smallest the artifact could be if the suite's own types needed no
#     JSON code at all (a floor, not a plan: decoding must exist somewhere).
# Not part of the tests or CI. The first run installs twiggy into the cache.
#
# Usage: scripts/size-report.sh [contract ...]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh

TWIGGY_VERSION=0.8.0
twiggy_root="$CW_BTP_CACHE/twiggy-$TWIGGY_VERSION"
TWIGGY="$twiggy_root/bin/twiggy"
if [ ! -x "$TWIGGY" ]; then
  log "installing twiggy $TWIGGY_VERSION into $twiggy_root"
  CARGO_TARGET_DIR="$CW_BTP_CACHE/target-tools" \
    cargo install twiggy --version "=$TWIGGY_VERSION" --locked --root "$twiggy_root" >&2
fi

contracts=("$@")
[ ${#contracts[@]} -gt 0 ] || contracts=(message-center token-handler token-vault)

# Its own target directory: other RUSTFLAGS would rebuild the artifacts' one.
export CARGO_TARGET_DIR="$CW_BTP_CACHE/target-size"
packages=()
for name in "${contracts[@]}"; do packages+=(-p "$name"); done
RUSTFLAGS="-C symbol-mangling-version=v0" CARGO_PROFILE_RELEASE_STRIP=false \
  cargo build --release --lib --target wasm32-unknown-unknown --locked "${packages[@]}" >&2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for name in "${contracts[@]}"; do
  raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/${name//-/_}.wasm"
  optimize_wasm "$name" "$raw" "$work/$name.wasm"
  "$TWIGGY" top -n 1000000 -f csv "$raw" > "$work/$name.csv"
  budget=$(bash scripts/build-wasm.sh --budget-of "$name")
  python3 scripts/size_report.py "$name" "$work/$name.csv" "$(stat -c %s "$work/$name.wasm")" "$budget"
done
