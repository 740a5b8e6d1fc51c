#!/usr/bin/env bash
# Code-quality gates CI runs after the tests: formatting, clippy with warnings
# as errors, and schema drift (schema/ against the messages, and the
# TypeScript client in clients/ts against schema/: scripts/schema.sh --check),
# and a relayer library free of test crates.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
bash scripts/schema.sh --check

# The production relayer depends on no test crate and no contract (issue 17):
# the simulated chains and the demo live in packages/testing and btp-cli.
if test_deps=$(cargo tree -p relayer -e normal --locked --prefix none |
  grep -E '^(cw-multi-test|testing|message-center|token-handler|token-vault|verifier-[a-z]+) '); then
  echo "error: the relayer library depends on test or contract crates:" >&2
  echo "$test_deps" | sort -u >&2
  exit 1
fi
