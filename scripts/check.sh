#!/usr/bin/env bash
# Code-quality gates CI runs after the tests: formatting, clippy with warnings
# as errors, and schema drift (schema/ against the messages, and the
# TypeScript client in clients/ts against schema/: scripts/schema.sh --check).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
bash scripts/schema.sh --check
