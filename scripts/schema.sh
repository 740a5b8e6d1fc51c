#!/usr/bin/env bash
# Regenerates schema/ from btp-types, or with --check fails when the committed
# schemas differ from a fresh set (a message changed without its schema).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${CW_BTP_CACHE:-$HOME/.cache/cw-btp}/target}"

if [ "${1:-}" = "--check" ]; then
  fresh=$(mktemp -d)
  trap 'rm -rf "$fresh"' EXIT
  cargo run --quiet -p btp-types --bin schema -- "$fresh" >/dev/null
  if ! diff -ru schema "$fresh"; then
    echo "schema/ is out of date: run scripts/schema.sh and commit the result" >&2
    exit 1
  fi
  echo "schema/ matches the messages in btp-types"
else
  rm -rf schema
  cargo run --quiet -p btp-types --bin schema -- schema
fi
