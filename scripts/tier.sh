# What the test tiers on real wasmd chains (scripts/e2e.sh, e2e-three.sh,
# soak.sh) share: logging, the clean-up on exit (pass or fail), a port base
# of their own, and starting the localnet with the suite deployed.
#
# Source it after setting TIER (the log prefix), REPO, WORK (a temporary
# directory, removed on exit), CW_BTP_LOCALNET and CONFIG. A tier that starts
# background processes defines `stop_tier_processes`, which the clean-up
# calls first.

log() { printf '[%s] %s\n' "$TIER" "$*" >&2; }
fail() {
  printf '[%s] FAILED: %s\n' "$TIER" "$*" >&2
  exit 1
}

# stop_process PID: SIGINT (a relayer finishes its round), and wait for it.
stop_process() {
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 0
  kill -INT "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

tier_cleanup() {
  local status=$?
  if declare -F stop_tier_processes >/dev/null; then stop_tier_processes; fi
  bash "$REPO/scripts/localnet.sh" down || true
  if [ $status -ne 0 ]; then
    for f in "$WORK"/relay*.log "$CW_BTP_LOCALNET"/*/node.log; do
      [ -f "$f" ] && { echo "--- last lines of $f" >&2; tail -25 "$f" >&2; }
    done
  fi
  rm -rf "$WORK"
  exit $status
}
trap tier_cleanup EXIT
trap 'exit 130' INT TERM

# Ports of its own: a free port base (scripts/ports.sh) unless CW_BTP_PORT_BASE
# names one, so that a developer's localnet (default base 26656) keeps running.
. "$REPO/scripts/ports.sh"
if [ -z "${CW_BTP_PORT_BASE:-}" ]; then
  CW_BTP_PORT_BASE=$(free_port_base) || fail "no free port base for the localnet"
fi
export CW_BTP_PORT_BASE

# build_tier ARTIFACT...: the artifacts (all built when one is missing) and
# `btp` (BTP is its path).
build_tier() {
  local artifact
  for artifact in "$@"; do
    [ -f "artifacts/$artifact.wasm" ] || { log "building the artifacts"; bash scripts/build-wasm.sh; break; }
  done
  log "building btp"
  cargo build --quiet --locked -p btp-cli --bin btp
  BTP="$CARGO_TARGET_DIR/debug/btp"
}

# start_localnet: the chains (scripts/localnet.sh) with the suite deployed
# from $CONFIG; WASMD and DEPLOYMENT are set, and scripts/chains.sh's helpers
# are loaded.
start_localnet() {
  bash scripts/localnet.sh up
  WASMD=$(bash scripts/localnet.sh bin)
  export WASMD
  bash scripts/deploy.sh "$CONFIG" >&2
  DEPLOYMENT="$CW_BTP_LOCALNET/deployment.json"
  . "$REPO/scripts/chains.sh"
}
