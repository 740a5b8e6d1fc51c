#!/usr/bin/env bash
# End-to-end test on three real wasmd chains in a line, btp-a — btp-b —
# btp-c, where btp-a and btp-c have no link and reach each other by routes
# through btp-b (README, "Routes"):
#
#   bash scripts/e2e-three.sh
#
# Starts the three chains with scripts/localnet.sh (CW_BTP_CHAINS=3, one
# validator each, a temporary CW_BTP_LOCALNET on a free port base), deploys
# the suite with scripts/deploy.sh from deploy/localnet-three.json (links
# a—b and b—c, a route on each end), then, calling the contracts through the
# wasmd CLI and relaying with `btp relay --once` (every link, until nothing
# is left; each hop's gas read from its own transaction):
#   1. 1000 ucoina A → C in one transaction on A: B forwards it, C mints its
#      wrapped coin *of A* (980 after the fee) and B mints nothing; the
#      success reply comes back through B and the transfer is final on A,
#   2. the 980 back C → A (961 released on A after C's fee),
#   3. a transfer A → C to a malformed receiver, refused on C and refunded
#      on A through B,
#   4. a pooled coin (`stake`, native on btp-a and btp-b alike): registered
#      pooled on both, liquidity deposited in each vault, a transfer A → B
#      taken into A's pool and paid out of B's, with the pools' books checked.
# Writes the gas of every hop to $E2E_THREE_REPORT (default target dir/
# e2e-three-report.txt) for BENCHMARKS.md. Everything it started is stopped
# on exit, pass or fail.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

export CW_BTP_CACHE="${CW_BTP_CACHE:-$HOME/.cache/cw-btp}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CW_BTP_CACHE/target}"
WORK=$(mktemp -d)
export CW_BTP_LOCALNET="$WORK/localnet"
export CW_BTP_CHAINS=3 CW_BTP_VALIDATORS=1
export CW_BTP_LOCALNET_CONFIG=deploy/localnet-three.json
CONFIG="$CW_BTP_LOCALNET/localnet.json"
REPORT=${E2E_THREE_REPORT:-$CARGO_TARGET_DIR/e2e-three-report.txt}

TIER=e2e-three
. "$REPO/scripts/tier.sh"
log "three chains on port base $CW_BTP_PORT_BASE"

started=$SECONDS
build_tier message-center verifier-tendermint token-handler token-vault cw20-base
start_localnet

A=btp-a
B=btp-b
C=btp-c

USER_A=$(addr $A user)
USER_C=$(addr $C user)
START=1000000000000
GAS=()

# relay_round NAME: `btp relay --once` over every link until nothing is left
# to carry; records each delivery's gas (its light-client update included,
# as in normal operation) by direction.
relay_round() {
  local log="$WORK/relay-$1.log" line
  "$BTP" relay --config "$CONFIG" --once --key relayer > "$log" 2>&1 ||
    fail "btp relay --once ($1): $(cat "$log")"
  grep -q ' delivered message' "$log" || fail "btp relay --once ($1) delivered nothing: $(cat "$log")"
  while read -r line; do
    GAS+=("$1: $(grep -o '^\[[^]]*\]' <<<"$line") update + delivery of $(sed -E 's/.*\(([0-9]+) in the batch\).*/\1/' <<<"$line") message(s): ${line##*gas }")
  done < <(grep ' delivered message' "$log")
}

pending_on_a() {
  q $A wasm contract-state smart "$(contract $A handler)" \
    "$(jq -nc --arg s "$USER_A" '{pending_transfers: {sender: $s}}')" | jq '.data | length'
}
forwarded_on_b() {
  q $B wasm contract-state smart "$(contract $B message_center)" '{"forwarded_requests":{}}' | jq '.data | length'
}

log "1. 1000 ucoina A → C through B (fee 10 + 1%: 980 arrive as C's coin of A)"
r=$(tx $A user wasm execute "$(contract $A handler)" \
  "$(jq -nc --arg to "btp://$C.cosmos/$USER_C" '{transfer: {to: $to}}')" --amount 1000ucoina)
GAS+=("transfer A → C (routed; native coin, on A): $(jq -r .gas_used <<<"$r")")
relay_round "A → C"
expect "C: user's wrapped a/ucoina" 980 wrapped_balance $C a/ucoina "$USER_C"
expect "B: wrapped a/ucoina supply (nothing minted on the way)" 0 supply $B "$(wrapped $B a/ucoina)"
expect "A: user's pending transfers (final once the reply is back)" 0 pending_on_a
expect "A: user's ucoina" $((START - 1000)) native $A "$USER_A" ucoina
expect "B: forwarded requests kept (none: no timeout)" 0 forwarded_on_b

log "2. the 980 back C → A (fee on C 10 + 1%: 961 released on A)"
hook=$(jq -nc --arg to "btp://$A.cosmos/$USER_A" '{transfer: {to: $to}}' | base64 -w0)
r=$(tx $C user wasm execute "$(wrapped $C a/ucoina)" "$(jq -nc --arg c "$(contract $C handler)" --arg m "$hook" \
  '{send: {contract: $c, amount: "980", msg: $m}}')")
GAS+=("transfer C → A (routed; wrapped coin back, on C): $(jq -r .gas_used <<<"$r")")
relay_round "C → A"
expect "A: user's ucoina" $((START - 1000 + 961)) native $A "$USER_A" ucoina
expect "C: user's wrapped a/ucoina" 0 wrapped_balance $C a/ucoina "$USER_C"

log "3. 1000 ucoina A → C to a malformed receiver: refused on C, 980 refunded on A through B"
tx $A user wasm execute "$(contract $A handler)" \
  "$(jq -nc --arg to "btp://$C.cosmos/not-an-account" '{transfer: {to: $to}}')" --amount 1000ucoina >/dev/null
relay_round "refused A → C"
expect "A: user's ucoina (refunded minus the fee)" $((START - 1000 + 961 - 20)) native $A "$USER_A" ucoina
expect "A: user's pending transfers" 0 pending_on_a

log "4. a pooled coin: stake, issued on btp-a and btp-b alike, pooled in each vault (README, three token models)"
POOLED='{"pooled": {"asset": {"native": {"denom": "stake"}}, "lp_name": "Stake pool shares",
  "lp_symbol": "LPSTAKE", "lp_decimals": 6, "lp_fee_share": "0.5", "curve": null}}'
for chain in $A $B; do
  r=$(tx $chain validator wasm execute "$(contract $chain handler)" "$(jq -nc --argjson o "$POOLED" \
    '{register_coin: {coin_name: "pool/stake", origin: $o, fee: {ratio: "0.01", fixed: "10"},
      limits: {min: "0", max: null, rate_limit: null}}}')")
  GAS+=("register_coin pooled (creates the LP token), on $chain: $(jq -r .gas_used <<<"$r")")
  r=$(tx $chain validator wasm execute "$(contract $chain vault)" '{"deposit_liquidity":{"coin_name":"pool/stake"}}' \
    --amount 1000000stake)
  GAS+=("deposit_liquidity (native), on $chain: $(jq -r .gas_used <<<"$r")")
done
pool() { # CHAIN FIELD
  q "$1" wasm contract-state smart "$(contract "$1" vault)" '{"pool":{"coin_name":"pool/stake"}}' | jq -r ".data.$2"
}
expect "A: pool liquidity" 1000000 pool $A liquidity
expect "B: pool liquidity" 1000000 pool $B liquidity
USER_B=$(addr $B user)
b_before=$(native $B "$USER_B" stake)
log "  1000 stake A → B out of the pools (fee 10 + 1% = 20, half to A's LPs; 980 paid from B's pool, no rebalancing fee above 60 %)"
r=$(tx $A user wasm execute "$(contract $A handler)" \
  "$(jq -nc --arg to "btp://$B.cosmos/$USER_B" '{transfer: {to: $to}}')" --amount 1000stake)
GAS+=("transfer of a pooled coin A → B (native, on A): $(jq -r .gas_used <<<"$r")")
relay_round "pool A → B"
expect "B: user's stake" $((b_before + 980)) native $B "$USER_B" stake
expect "B: pool balance" 999020 pool $B balance
expect "A: pool balance (980 in, and 10 of LP fee)" 1000990 pool $A balance
expect "A: pool's pending_out (released by the success reply)" 0 pool $A pending_out
expect "A: pool liquidity (the LP fee)" 1000010 pool $A liquidity

{
  echo "e2e-three on wasmd ($(basename "$(dirname "$(dirname "$WASMD")")")), btp-a — btp-b — btp-c, one validator each; $(date -u +%F); $((SECONDS - started))s"
  printf '%s\n' "${GAS[@]}"
} > "$REPORT"
log "gas:"
printf '  %s\n' "${GAS[@]}" >&2
log "passed in $((SECONDS - started))s; report in $REPORT"
