#!/usr/bin/env bash
# The test command (README): installs what it needs (wasm target, wasm-opt,
# cosmwasm-check; cached under ~/.cache/cw-btp), builds and checks the wasm
# artifacts, then runs every test of the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh

bash scripts/build-wasm.sh
cargo test --workspace --locked
# The committed fuzz corpus and the fixed findings' reproducers, on stable
# (scripts/fuzz.sh fuzzes with libFuzzer on nightly; not in CI).
bash scripts/fuzz-replay.sh

# The end-to-end tests on two and on three real wasmd chains (scripts/e2e.sh,
# scripts/e2e-three.sh: routes) and the short relayer soak (scripts/soak.sh
# --short): wherever Go
# can build wasmd; in CI a machine without Go is an error, not a skip.
if command -v go >/dev/null && command -v gcc >/dev/null; then
  bash scripts/e2e.sh
  bash scripts/e2e-three.sh
  bash scripts/soak.sh --short
elif [ -n "${CI:-}" ]; then
  echo "error: CI must run scripts/e2e.sh, scripts/e2e-three.sh and scripts/soak.sh (real wasmd chains), but Go or gcc is missing to build wasmd" >&2
  exit 1
else
  echo "skipping scripts/e2e.sh, scripts/e2e-three.sh and scripts/soak.sh: they need Go and gcc to build wasmd" >&2
fi
