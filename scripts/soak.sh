#!/usr/bin/env bash
# Relayer soak on two local wasmd chains: a backlog of transfers both ways,
# relayed through failures, must end delivered and answered exactly once.
#
#   bash scripts/soak.sh           # 1,000 transfers each way (not in CI)
#   bash scripts/soak.sh --short   # 40 each way (what scripts/test.sh runs)
#
# Starts btp-a and btp-b (scripts/localnet.sh, one validator each unless
# CW_BTP_VALIDATORS says otherwise) in a temporary CW_BTP_LOCALNET on a free
# port base (scripts/ports.sh), deploys
# the suite (scripts/deploy.sh), has each chain's user send the backlog in
# transactions of 50 transfers of 100 (fee 11: 89 arrive), then relays it
# with two `btp relay` processes racing each other (the config's relayer
# account, and the validator's), while it SIGKILLs the first at random
# moments (5 times; once with --short) and restarts it, and stops btp-b's
# node mid-way, deletes its transaction index (what a node killed between
# committing a block and indexing it loses, for every block so far) and
# starts it again: the relayers must find the messages no event search
# finds any more (packages/relayer/src/gaps.rs). At the end: every message delivered
# once in each direction (sequences), no request waiting for its reply, no
# reply kept for a retry, every balance exact (nothing refunded, nothing
# minted twice), and the supply invariant on both chains. Reports the time
# to drain, the relayer transactions lost to races (failed in a block, with
# the gas they burned) and those the relayer avoided (refused when it
# simulated them), and writes them to $SOAK_REPORT (default target
# dir/soak-report.txt) for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

SHORT=false
case "${1:-}" in
  --short) SHORT=true ;;
  "") ;;
  *) echo "usage: $0 [--short]" >&2; exit 2 ;;
esac
# Small batches, so that the backlog takes many relay rounds and the
# disruptions fall in the middle of it.
if $SHORT; then
  TRANSFERS=${SOAK_TRANSFERS:-40} KILLS=1 MAX_BATCH=2 DRAIN_LIMIT=300
else
  TRANSFERS=${SOAK_TRANSFERS:-1000} KILLS=5 MAX_BATCH=10 DRAIN_LIMIT=3600
fi
PER_TX=50
AMOUNT=100
ARRIVES=89 # fee 10 + 1%

export CW_BTP_CACHE="${CW_BTP_CACHE:-$HOME/.cache/cw-btp}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CW_BTP_CACHE/target}"
WORK=$(mktemp -d)
export CW_BTP_LOCALNET="$WORK/localnet"
export CW_BTP_VALIDATORS="${CW_BTP_VALIDATORS:-1,1}"
# The deploy config scripts/localnet.sh writes: deploy/localnet.json on this run's ports.
CONFIG="$CW_BTP_LOCALNET/localnet.json"
REPORT=${SOAK_REPORT:-$CARGO_TARGET_DIR/soak-report.txt}
RELAYER_1= RELAYER_2=

TIER=soak
stop_tier_processes() {
  stop_process "$RELAYER_1"
  stop_process "$RELAYER_2"
}
. "$REPO/scripts/tier.sh"
log "localnet on port base $CW_BTP_PORT_BASE (scripts/localnet.sh)"

build_tier message-center verifier-tendermint token-handler token-vault cw20-base kv-service
start_localnet

A=btp-a
B=btp-b
USER_A=$(addr $A user)
USER_B=$(addr $B user)
link_seq() { # CHAIN OTHER FIELD: a field of CHAIN's link to OTHER
  q "$1" wasm contract-state smart "$(contract "$1" message_center)" \
    "$(jq -nc --arg n "$2.cosmos" '{link: {network: $n}}')" | jq -r ".data.$3"
}
listed() { # CHAIN QUERY: how many entries the message center lists
  q "$1" wasm contract-state smart "$(contract "$1" message_center)" "$2" | jq -r '.data | length'
}
pending_transfers() { # CHAIN USER
  q "$1" wasm contract-state smart "$(contract "$1" handler)" \
    "$(jq -nc --arg s "$2" '{pending_transfers: {sender: $s}}')" | jq -r '.data | length'
}
drained() {
  [ "$(link_seq $A $B tx_seq)" = "$(link_seq $B $A rx_seq)" ] &&
    [ "$(link_seq $B $A tx_seq)" = "$(link_seq $A $B rx_seq)" ] &&
    [ "$(pending_transfers $A "$USER_A")" = 0 ] &&
    [ "$(pending_transfers $B "$USER_B")" = 0 ]
}

# The backlog, before any relayer runs.
before_a=$(native $A "$USER_A" ucoina)
before_b=$(native $B "$USER_B" ucoinb)
log "backlog: $TRANSFERS transfers of $AMOUNT each way, $PER_TX per transaction"
for side in A B; do
  if [ $side = A ]; then chain=$A other=$B receiver=$USER_B denom=ucoina; else chain=$B other=$A receiver=$USER_A denom=ucoinb; fi
  msg=$(jq -nc --arg to "btp://$other.cosmos/$receiver" '{transfer: {to: $to}}')
  left=$TRANSFERS
  while [ "$left" -gt 0 ]; do
    n=$((left < PER_TX ? left : PER_TX))
    tx_repeated "$chain" user "$n" "$(contract "$chain" handler)" "$msg" "$AMOUNT$denom" >/dev/null
    left=$((left - n))
  done
done
[ "$(link_seq $A $B tx_seq)" -ge "$TRANSFERS" ] || fail "A committed $(link_seq $A $B tx_seq) messages, expected $TRANSFERS"

# Relayer 1 signs with the config's relayer accounts, relayer 2 with the
# validators' keys: two accounts racing for the same batches.
start_relayer_1() {
  "$BTP" relay --config "$CONFIG" --poll-ms 200 --max-batch $MAX_BATCH >> "$WORK/relay-1.log" 2>&1 &
  RELAYER_1=$!
}
start_relayer_2() {
  "$BTP" relay --config "$CONFIG" --poll-ms 200 --max-batch $MAX_BATCH --key validator >> "$WORK/relay-2.log" 2>&1 &
  RELAYER_2=$!
}
start_relayer_1
start_relayer_2
started=$SECONDS
log "relaying with two relayers (pids $RELAYER_1 and $RELAYER_2)"

progress() { echo "A → B $(link_seq $B $A rx_seq)/$(link_seq $A $B tx_seq), B → A $(link_seq $A $B rx_seq)/$(link_seq $B $A tx_seq)"; }
kill_relayer_1() {
  kill -KILL "$RELAYER_1" 2>/dev/null || true
  wait "$RELAYER_1" 2>/dev/null || true
  kills=$((kills + 1))
  log "  relayer 1 killed (SIGKILL $kills of $KILLS) at $(progress); restarted"
  echo "--- restarted after SIGKILL $kills" >> "$WORK/relay-1.log"
  start_relayer_1
}
# The disruptions, at random moments while the backlog drains: btp-b's node
# stopped for 5 seconds, then the SIGKILLs.
kills=0 restarted=false
while ! drained || [ $kills -lt $KILLS ] || ! $restarted; do
  [ $((SECONDS - started)) -lt $DRAIN_LIMIT ] || fail "not drained after ${DRAIN_LIMIT}s: $(progress)"
  sleep $((1 + RANDOM % 3))
  if [ $kills -lt $KILLS ] || ! $restarted; then
    drained && fail "the backlog drained before the disruptions ($kills of $KILLS SIGKILLs, node restarted: $restarted): make it larger (SOAK_TRANSFERS)"
  fi
  if ! $restarted; then
    log "  stopping btp-b's node for 5s at $(progress); its transaction index is deleted"
    bash scripts/localnet.sh stop $B
    rm -rf "$CW_BTP_LOCALNET/$B/data/tx_index.db"
    sleep 5
    bash scripts/localnet.sh start $B
    restarted=true
  elif [ $kills -lt $KILLS ]; then
    kill_relayer_1
  fi
done
drained_in=$((SECONDS - started))
log "drained in ${drained_in}s"
stop_process "$RELAYER_1"
stop_process "$RELAYER_2"
RELAYER_1= RELAYER_2=

# Exactly once, nothing lost, nothing made.
for pair in "$A $B" "$B $A"; do
  set -- $pair
  sent=$(link_seq "$1" "$2" tx_seq)
  [ "$(link_seq "$2" "$1" rx_seq)" = "$sent" ] || fail "$2 received $(link_seq "$2" "$1" rx_seq) of the $sent messages $1 sent"
  [ "$(listed "$1" '{"pending_requests":{}}')" = 0 ] || fail "$1 still has requests waiting for their reply"
  [ "$(listed "$1" '{"kept_replies":{}}')" = 0 ] || fail "$1 kept replies its handler failed to take"
done
expect_now() { # WHAT EXPECTED ACTUAL
  [ "$2" = "$3" ] || fail "$1 is $3, expected $2"
  log "  ok: $1 = $3"
}
expect_now "A: user's ucoina (nothing refunded)" $((before_a - TRANSFERS * AMOUNT)) "$(native $A "$USER_A" ucoina)"
expect_now "B: user's ucoinb (nothing refunded)" $((before_b - TRANSFERS * AMOUNT)) "$(native $B "$USER_B" ucoinb)"
WCOINA=$(wrapped $B a/ucoina)
WCOINB=$(wrapped $A b/ucoinb)
expect_now "B: user's wrapped a/ucoina (each transfer minted once)" $((TRANSFERS * ARRIVES)) "$(cw20 $B "$WCOINA" "$USER_B")"
expect_now "A: user's wrapped b/ucoinb (each transfer minted once)" $((TRANSFERS * ARRIVES)) "$(cw20 $A "$WCOINB" "$USER_A")"
expect_now "supply invariant: ucoina locked on A = wrapped supply on B" "$(supply $B "$WCOINA")" "$(native $A "$(contract $A vault)" ucoina)"
expect_now "supply invariant: ucoinb locked on B = wrapped supply on A" "$(supply $A "$WCOINB")" "$(native $B "$(contract $B vault)" ucoinb)"

# What the races cost: transactions that failed in a block (their gas is
# burned), and those refused when simulated (nothing spent).
lost=$(cat "$WORK"/relay-*.log | grep -c 'failed in block' || true)
wasted=$(cat "$WORK"/relay-*.log | { grep -o 'gas used [0-9]*' || true; } | awk '{s += $3} END {print s + 0}')
avoided=$(cat "$WORK"/relay-*.log | grep -v 'failed in block' | grep -cE 'already delivered|out of order|no request with nsn' || true)
delivered=$(cat "$WORK"/relay-*.log | grep -c 'in the batch)' || true)
{
  echo "soak: $TRANSFERS transfers each way, $KILLS SIGKILL(s) of relayer 1, a second relayer racing, btp-b's node restarted without its transaction index"
  echo "  drained in ${drained_in}s (chains: $CW_BTP_VALIDATORS validator(s))"
  echo "  delivery transactions that landed: $delivered"
  echo "  relayer transactions lost to races in a block: $lost, gas burned by them: $wasted"
  echo "  relayer transactions refused before sending (simulated, nothing spent): $avoided"
} | tee "$REPORT"
log "passed in ${SECONDS}s"
