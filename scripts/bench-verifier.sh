#!/usr/bin/env bash
# Measures the verifier's artifact in cosmwasm-vm (the VM wasmd runs, with its
# gas metering) on real chain data, and prints the figures BENCHMARKS.md
# records: artifact size after wasm-opt, gas of update_client (100-validator
# Celestia headers and others) and of verify_membership (Nyx mainnet proof).
# Not part of the tests or CI: cosmwasm-vm takes about 15 minutes to build cold.
#   bash scripts/bench-verifier.sh           # builds the artifacts first
#   bash scripts/bench-verifier.sh --no-build # measures artifacts/ as it is
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh

if [ "${1:-}" != "--no-build" ]; then
  bash scripts/build-wasm.sh
fi
artifact=artifacts/verifier-tendermint.wasm
printf 'verifier-tendermint.wasm after wasm-opt: %d bytes (%d KiB), sha256 %s\n\n' \
  "$(stat -c %s "$artifact")" "$(($(stat -c %s "$artifact") / 1024))" "$(sha256sum "$artifact" | cut -d' ' -f1)"
# A workspace of its own (bench/verifier-gas/Cargo.lock), built in its own target directory.
CARGO_TARGET_DIR="$CW_BTP_CACHE/target-bench" \
  cargo run --quiet --release --locked --manifest-path bench/verifier-gas/Cargo.toml -- "$artifact"
