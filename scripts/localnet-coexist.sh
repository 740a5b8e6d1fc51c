#!/usr/bin/env bash
# Shows that two localnets run at once on one machine:
#
#   CW_BTP_LOCALNET=DIR bash scripts/localnet-coexist.sh
#
# With the localnet of DIR running (scripts/localnet.sh up; scripts/e2e.sh runs
# this beside its own), starts a second one (one validator per chain) in a
# temporary directory on another free port base (scripts/ports.sh), and
# checks that
#   - no port of the second is a port of the first (their ports.json),
#   - all four nodes answer on their own RPC with their own chain id and node
#     id, and all four chains make blocks while both localnets run,
#   - a third `up` on the first's port base is refused before it starts
#     anything ("in use by another localnet" or "is taken"),
# then stops the second and checks that the first still makes blocks. Fails
# (exit 1) on any of these. Takes about half a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
export CW_BTP_CACHE="${CW_BTP_CACHE:-$HOME/.cache/cw-btp}"
FIRST="${CW_BTP_LOCALNET:-$CW_BTP_CACHE/localnet}"
. scripts/ports.sh

log() { printf '[coexist] %s\n' "$*" >&2; }
fail() { printf '[coexist] FAILED: %s\n' "$*" >&2; exit 1; }

[ -f "$FIRST/ports.json" ] || fail "no running localnet in $FIRST (no ports.json: start one with scripts/localnet.sh up)"
CW_BTP_LOCALNET="$FIRST" bash scripts/localnet.sh status >/dev/null ||
  fail "the localnet of $FIRST is not running: $(CW_BTP_LOCALNET="$FIRST" bash scripts/localnet.sh status 2>&1 | tr '\n' ' ')"

WORK=$(mktemp -d)
SECOND="$WORK/second"
THIRD="$WORK/third"
cleanup() {
  local status=$?
  for dir in "$THIRD" "$SECOND"; do
    [ -d "$dir" ] && CW_BTP_LOCALNET="$dir" bash "$REPO/scripts/localnet.sh" down >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

first_base=$(jq -r .base "$FIRST/ports.json")
second_base=$(free_port_base "$first_base") || fail "no free port base for a second localnet"
log "first localnet: $FIRST, port base $first_base; starting a second on port base $second_base"
CW_BTP_LOCALNET="$SECOND" CW_BTP_VALIDATORS=1 CW_BTP_PORT_BASE="$second_base" \
  bash scripts/localnet.sh up > "$WORK/second-up.log" 2>&1 ||
  fail "the second localnet did not start beside the first: $(tail -5 "$WORK/second-up.log")"

ports_of() { jq -r '.chains[].nodes[] | to_entries[] | select(.key != "home") | .value' "$1/ports.json" | sort -n; }
shared=$(comm -12 <(ports_of "$FIRST") <(ports_of "$SECOND") | tr '\n' ' ')
[ -z "$shared" ] || fail "the two localnets share ports: $shared"
log "  ok: $(ports_of "$FIRST" | wc -l) ports of the first and $(ports_of "$SECOND" | wc -l) of the second, none shared"

status_of() { curl -sf --max-time 5 "$1/status"; }
declare -A HEIGHT NODE
for dir in "$FIRST" "$SECOND"; do
  for chain in btp-a btp-b; do
    rpc=$(jq -r --arg c "$chain" '.chains[$c].rpc' "$dir/ports.json")
    status=$(status_of "$rpc") || fail "$chain of $dir does not answer on $rpc"
    [ "$(jq -r .result.node_info.network <<<"$status")" = "$chain" ] ||
      fail "$rpc ($dir) serves chain $(jq -r .result.node_info.network <<<"$status"), not $chain"
    HEIGHT[$rpc]=$(jq -r .result.sync_info.latest_block_height <<<"$status")
    NODE[$rpc]=$(jq -r .result.node_info.id <<<"$status")
  done
done
[ "$(printf '%s\n' "${NODE[@]}" | sort -u | wc -l)" = 4 ] || fail "the four RPC endpoints are not four nodes: ${NODE[*]}"
sleep 3
for rpc in "${!HEIGHT[@]}"; do
  now=$(status_of "$rpc" | jq -r .result.sync_info.latest_block_height) || fail "$rpc stopped answering"
  [ "$now" -gt "${HEIGHT[$rpc]}" ] || fail "$rpc made no block in 3s while both localnets ran (height $now)"
  log "  ok: $rpc (node ${NODE[$rpc]:0:12}) height ${HEIGHT[$rpc]} → $now"
done

# A third localnet on the first's base is refused before it starts anything.
if CW_BTP_LOCALNET="$THIRD" CW_BTP_VALIDATORS=1 CW_BTP_PORT_BASE="$first_base" \
  bash scripts/localnet.sh up > "$WORK/third-up.log" 2>&1; then
  fail "a third localnet started on the first's port base $first_base"
fi
grep -qE "is in use by another localnet|is taken" "$WORK/third-up.log" ||
  fail "a localnet on a taken port base failed, but not for its ports: $(tail -3 "$WORK/third-up.log")"
log "  ok: a third on port base $first_base is refused: $(grep -oE '(port base|port) [0-9]+ .*(in use by another localnet|is taken)' "$WORK/third-up.log" | head -1)"

CW_BTP_LOCALNET="$SECOND" bash scripts/localnet.sh down > /dev/null 2>&1
rpc=$(jq -r '.chains["btp-a"].rpc' "$FIRST/ports.json")
before=$(status_of "$rpc" | jq -r .result.sync_info.latest_block_height)
sleep 1.5
after=$(status_of "$rpc" | jq -r .result.sync_info.latest_block_height)
[ "$after" -gt "$before" ] || fail "the first localnet stopped making blocks after the second stopped"
log "ok: two localnets ran at once (port bases $first_base and $second_base); the first goes on"
