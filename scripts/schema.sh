#!/usr/bin/env bash
# Regenerates schema/ from btp-types and the TypeScript client generated from
# it (clients/ts/src/generated/, scripts/ts-client.sh), or with --check fails
# when the committed schemas differ from a fresh set (a message changed
# without its schema) or the committed TypeScript client differs from one
# generated from schema/ (a schema changed without its client).
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
  bash scripts/ts-client.sh check
else
  rm -rf schema
  cargo run --quiet -p btp-types --bin schema -- schema
  if command -v npm >/dev/null; then
    bash scripts/ts-client.sh codegen
  else
    echo "WARNING: npm is missing, so clients/ts/src/generated/ was NOT regenerated from schema/ (scripts/ts-client.sh codegen)" >&2
  fi
fi
