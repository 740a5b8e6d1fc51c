#!/usr/bin/env bash
# The TypeScript client (clients/ts): its dependencies, code generation, drift
# check and test.
#
#   bash scripts/ts-client.sh deps      # npm ci, unless node_modules already matches package-lock.json
#   bash scripts/ts-client.sh codegen   # regenerate clients/ts/src/generated/ from schema/
#   bash scripts/ts-client.sh check     # fail if src/generated/ differs from a fresh generation; tsc --noEmit
#   bash scripts/ts-client.sh test [CONFIG]   # npm test: tsc --noEmit, then the example transfer
#                                             # on the chains of CONFIG (a deploy config, see scripts/deploy.sh)
#
# `scripts/schema.sh` runs `codegen` after writing schema/, `scripts/schema.sh
# --check` runs `check`, `scripts/e2e.sh` runs `deps` and `test`. npm keeps its
# downloads in its own cache (~/.npm); node_modules is installed with `npm ci`
# from the lock file and reused while package-lock.json is unchanged. Without
# Node or npm, `check` fails in CI (CI set) and says loudly that it skipped
# otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=clients/ts

log() { printf '[ts-client] %s\n' "$*" >&2; }
die() { printf '[ts-client] error: %s\n' "$*" >&2; exit 1; }

have_node() { command -v node >/dev/null && command -v npm >/dev/null; }

deps() {
  have_node || die "Node and npm are needed (clients/ts)"
  local stamp="$DIR/node_modules/.cw-btp-package-lock.sha256" want
  want=$(sha256sum "$DIR/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  log "npm ci in $DIR"
  (cd "$DIR" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error >&2) || die "npm ci in $DIR failed"
  echo "$want" > "$stamp"
}

case "${1:-}" in
  deps)
    deps
    ;;
  codegen)
    deps
    (cd "$DIR" && node scripts/codegen.mjs)
    ;;
  check)
    if ! have_node; then
      if [ -n "${CI:-}" ]; then
        die "CI must check clients/ts against schema/, but Node or npm is missing"
      fi
      log "SKIPPED: clients/ts was NOT checked against schema/ (Node or npm is missing)"
      exit 0
    fi
    deps
    (cd "$DIR" && node scripts/codegen.mjs --check) ||
      die "schema/ changed without regenerating the TypeScript client: run scripts/schema.sh (or npm run codegen in clients/ts) and commit clients/ts/src/generated/"
    (cd "$DIR" && npx tsc --noEmit) || die "clients/ts does not typecheck (tsc --noEmit)"
    log "clients/ts typechecks"
    ;;
  test)
    deps
    config=${2:-${CW_BTP_CONFIG:-}}
    [ -z "$config" ] || config=$(realpath "$config")
    (cd "$DIR" && CW_BTP_CONFIG="$config" npm test --silent)
    ;;
  *)
    echo "usage: $0 deps|codegen|check|test [CONFIG]" >&2
    exit 2
    ;;
esac
