#!/usr/bin/env bash
# Code-quality gates CI runs after the tests: formatting, clippy with warnings
# as errors, and schema drift.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
bash scripts/schema.sh --check
