#!/usr/bin/env bash
# Measures the verifiers' artifacts in cosmwasm-vm (the VM wasmd runs, with its
# gas metering) on real chain data, and prints the figures BENCHMARKS.md
# records: artifact sizes after wasm-opt; for verifier-tendermint, gas of
# update_client (100-validator Celestia headers and others) and of
# verify_membership (Nyx mainnet proof); for verifier-btpblock, gas of
# instantiate and of each verify_relay_message (block updates, message
# proofs) on real goloop blocks and on ICON's own BMV test data.
# Not part of the tests or CI: cosmwasm-vm takes about 15 minutes to build cold.
#   bash scripts/bench-verifier.sh           # builds the artifacts first
#   bash scripts/bench-verifier.sh --no-build # measures artifacts/ as it is
#                                             # (builds verifier-btpblock.wasm only if it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh

tendermint=artifacts/verifier-tendermint.wasm
btpblock=artifacts/verifier-btpblock.wasm

# The same build and wasm-opt lowering as scripts/build-wasm.sh, for a
# contract that script does not build (yet).
build_one() {
  local name=$1 crate=${1//-/_}
  RUSTFLAGS="" cargo build --release --lib --target wasm32-unknown-unknown --locked -p "$name"
  mkdir -p artifacts
  "$WASM_OPT" -Os --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
    --enable-nontrapping-float-to-int --enable-multivalue --enable-reference-types \
    --llvm-memory-copy-fill-lowering --signext-lowering --llvm-nontrapping-fptoint-lowering \
    --strip-debug "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/$crate.wasm" -o "artifacts/$name.wasm"
}

if [ "${1:-}" != "--no-build" ]; then
  bash scripts/build-wasm.sh
  if ! grep -q '^CONTRACTS=.*\bverifier-btpblock\b' scripts/build-wasm.sh; then
    build_one verifier-btpblock
  fi
elif [ ! -f "$btpblock" ]; then
  echo "$btpblock is missing: building it" >&2
  build_one verifier-btpblock
fi
for artifact in "$tendermint" "$btpblock"; do
  printf '%s after wasm-opt: %d bytes (%d KiB), sha256 %s\n' "$(basename "$artifact")" \
    "$(stat -c %s "$artifact")" "$(($(stat -c %s "$artifact") / 1024))" "$(sha256sum "$artifact" | cut -d' ' -f1)"
done
echo
# A workspace of its own (bench/verifier-gas/Cargo.lock), built in its own target directory.
CARGO_TARGET_DIR="$CW_BTP_CACHE/target-bench" \
  cargo run --quiet --release --locked --manifest-path bench/verifier-gas/Cargo.toml -- "$tendermint" "$btpblock"
