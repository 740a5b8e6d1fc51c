#!/usr/bin/env bash
# The test command (README): installs what it needs (wasm target, wasm-opt,
# cosmwasm-check; cached under ~/.cache/cw-btp), builds and checks the wasm
# artifacts, then runs every test of the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh

bash scripts/build-wasm.sh
cargo test --workspace --locked
