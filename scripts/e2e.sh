#!/usr/bin/env bash
# End-to-end test on two real wasmd chains (TOOLCHAIN.md, "Real local chains"):
#
#   bash scripts/e2e.sh
#
# Starts btp-a and btp-b with scripts/localnet.sh (in a temporary
# CW_BTP_LOCALNET, on a free port base: scripts/ports.sh), deploys the suite
# with scripts/deploy.sh, runs `btp relay` in the background and, calling the
# contracts only through the wasmd CLI (but for 6d):
#   1. A's native coin (ucoina) A → B, 2. A's cw20 token A → B,
#   3. both back B → A, 4. B's native coin B → A and back,
#   5. a transfer to a malformed receiver, refused on B and refunded on A,
#   5b. a delivery that runs out of its gas limit on B, answered with code 4
#      and refunded on A,
#   6. data messages with replies: A's kv sample service asks B's for a key
#      it holds and one it does not; the answers come back in the replies,
#   6b. cross-chain calls (call-service, call-counter): one that succeeds,
#      one whose target fails and is rolled back once on A,
#   6c. an atomic swap through `btp swap` between two HTLCs (no bridge),
#   6d. the TypeScript client (clients/ts): npm ci, npm test (tsc --noEmit,
#      and its example transfer A → B, waited for until its reply is back),
#   6e. a second localnet beside this one (scripts/localnet-coexist.sh),
#   7. with the relayer stopped, transfers that time out: delivered late and
#      refused on B (its TIMED_OUT reply refunds on A), and, with B's link
#      closed, refunded on A by the relayer's proof that B never received
#      it; the link opened again continues its history and the late reply
#      refunds nothing more,
# checking every balance with `wasmd query`; then stops the relayer with
# SIGINT (it must exit cleanly) and measures gas: transfers, update_client and
# handle_relay_message with 1, 10 and 50 messages (one `btp relay --once
# --split` each), and the latency of a transfer in blocks. Everything it
# started is stopped on exit, pass or fail. Writes the figures to
# $E2E_REPORT (default target dir/e2e-report.txt) for BENCHMARKS.md. btp-a
# runs four validators and btp-b one (CW_BTP_VALIDATORS, default "4,1", see
# scripts/localnet.sh), so B's light client checks a header signed by three
# of four and A's one signed by one, and both update_client figures come
# from the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

export CW_BTP_CACHE="${CW_BTP_CACHE:-$HOME/.cache/cw-btp}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CW_BTP_CACHE/target}"
WORK=$(mktemp -d)
export CW_BTP_LOCALNET="$WORK/localnet"
export CW_BTP_VALIDATORS="${CW_BTP_VALIDATORS:-4,1}"
VALIDATORS_A=${CW_BTP_VALIDATORS%%,*}
VALIDATORS_B=${CW_BTP_VALIDATORS##*,}
# The deploy config scripts/localnet.sh writes: deploy/localnet.json on this run's ports.
CONFIG="$CW_BTP_LOCALNET/localnet.json"
REPORT=${E2E_REPORT:-$CARGO_TARGET_DIR/e2e-report.txt}
RELAYER_PID=

TIER=e2e
stop_tier_processes() { stop_process "$RELAYER_PID"; }
. "$REPO/scripts/tier.sh"
log "localnet on port base $CW_BTP_PORT_BASE (scripts/localnet.sh)"

started=$SECONDS
# The node backend's dependencies must stay out of the contracts' wasm builds.
for contract in message-center verifier-tendermint token-handler token-vault; do
  if cargo tree --locked -q -p "$contract" -e normal --target wasm32-unknown-unknown | grep -qE 'tendermint-rpc|cosmrs|tokio'; then
    fail "$contract's wasm build depends on the relayer's node backend (tendermint-rpc, cosmrs or tokio)"
  fi
done
build_tier message-center verifier-tendermint token-handler token-vault cw20-base call-service call-counter htlc
start_localnet
deployed=$SECONDS

A=btp-a
B=btp-b

transfer_native() { # CHAIN KEY AMOUNT RECEIVER-BTP-ADDRESS
  tx "$1" "$2" wasm execute "$(contract "$1" handler)" \
    "$(jq -nc --arg to "$4" '{transfer: {to: $to}}')" --amount "$3"
}
transfer_cw20() { # CHAIN KEY TOKEN AMOUNT RECEIVER-BTP-ADDRESS
  local hook
  hook=$(jq -nc --arg to "$5" '{transfer: {to: $to}}' | base64 -w0)
  tx "$1" "$2" wasm execute "$3" "$(jq -nc --arg c "$(contract "$1" handler)" --arg a "$4" --arg m "$hook" \
    '{send: {contract: $c, amount: $a, msg: $m}}')"
}

USER_A=$(addr $A user)
USER_B=$(addr $B user)
START=1000000000000
TOKA=$(contract $A 'tokens["a/token"]')
GAS=()

log "relayer: btp relay --config $CONFIG (in the background)"
"$BTP" relay --config "$CONFIG" --poll-ms 200 > "$WORK/relay.log" 2>&1 &
RELAYER_PID=$!

log "1. 1000 ucoina A → B (fee 10 + 1%: 980 arrive)"
h0=$(transfer_native $A user 1000ucoina "btp://$B.cosmos/$USER_B")
GAS+=("transfer (native coin, A → B): $(jq -r .gas_used <<<"$h0")")
sent_height=$(jq -r .height <<<"$h0")
sent_time=$SECONDS
expect "B: user's wrapped a/ucoina" 980 wrapped_balance $B a/ucoina $USER_B
delivered_a_height=$(height $A)
delivered_time=$SECONDS
expect "A: link from B rx_seq (success reply of transfer 1)" 1 rx_seq $A $B
completed_a_height=$(height $A)
completed_time=$SECONDS
expect "A: user's ucoina" $((START - 1000)) native $A "$USER_A" ucoina
WCOINA=$(wrapped $B a/ucoina)

log "2. 5000 TOKA A → B (fee 10 + 1%: 4940 arrive)"
r=$(transfer_cw20 $A user "$TOKA" 5000 "btp://$B.cosmos/$USER_B")
GAS+=("transfer (cw20 send hook, A → B): $(jq -r .gas_used <<<"$r")")
expect "B: user's wrapped a/token" 4940 wrapped_balance $B a/token $USER_B
WTOKA=$(wrapped $B a/token)
expect "A: user's TOKA" $((1000000000 - 5000)) cw20 $A "$TOKA" "$USER_A"
expect "A: link from B rx_seq" 2 rx_seq $A $B

log "3. both back B → A (fee on B 10 + 1%: 961 ucoina and 4881 TOKA arrive)"
r=$(transfer_cw20 $B user "$WCOINA" 980 "btp://$A.cosmos/$USER_A")
GAS+=("transfer (wrapped cw20 back, B → A): $(jq -r .gas_used <<<"$r")")
transfer_cw20 $B user "$WTOKA" 4940 "btp://$A.cosmos/$USER_A" >/dev/null
expect "A: user's ucoina" $((START - 1000 + 961)) native $A "$USER_A" ucoina
expect "A: user's TOKA" $((1000000000 - 5000 + 4881)) cw20 $A "$TOKA" "$USER_A"
expect "B: link from A rx_seq (two transfers, two replies)" 4 rx_seq $B $A
expect "B: user's wrapped a/ucoina" 0 cw20 $B "$WCOINA" "$USER_B"
expect "B: user's wrapped a/token" 0 cw20 $B "$WTOKA" "$USER_B"
expect "B: wrapped a/ucoina supply (the 961 returned burned on success; the fee of 19 held by the handler)" 19 supply $B "$WCOINA"

log "4. 2000 ucoinb B → A (1970 arrive) and 1000 back"
transfer_native $B user 2000ucoinb "btp://$A.cosmos/$USER_A" >/dev/null
expect "A: user's wrapped b/ucoinb" 1970 wrapped_balance $A b/ucoinb $USER_A
WCOINB=$(wrapped $A b/ucoinb)
transfer_cw20 $A user "$WCOINB" 1000 "btp://$B.cosmos/$USER_B" >/dev/null
expect "B: user's ucoinb (1000 back, fee 20)" $((START - 2000 + 980)) native $B "$USER_B" ucoinb
expect "A: user's wrapped b/ucoinb" 970 cw20 $A "$WCOINB" "$USER_A"

log "4b. btp transfer: 500 ucoinb B → A (fee 10 + 1%: 485 arrive), signed by the keyring's key"
before=$(wrapped_balance $A b/ucoinb "$USER_A")
"$BTP" transfer --config "$CONFIG" --from $B --to $A --receiver "$USER_A" \
  --key user --amount 500ucoinb >&2 || fail "btp transfer --key user"
expect "A: user's wrapped b/ucoinb" $((before + 485)) wrapped_balance $A b/ucoinb "$USER_A"
if out=$("$BTP" transfer --config "$CONFIG" --from $B --to $A --receiver "$USER_A" \
  --key nobody --amount 500ucoinb 2>&1); then
  fail "btp transfer with a key the keyring does not hold succeeded"
fi
grep -q 'cannot read the key "nobody" of the test keyring' <<<"$out" || fail "a missing key is not reported as such: $out"
log "  ok: a missing key is refused: $(grep -o 'cannot read the key "nobody"[^:]*' <<<"$out")"

log "5. 1000 ucoina to a malformed receiver on B: refused there, 980 refunded on A"
before=$(native $A "$USER_A" ucoina)
transfer_native $A user 1000ucoina "btp://$B.cosmos/not-an-address" >/dev/null
expect "A: user's ucoina (fee 20 kept, 980 refunded)" $((before - 20)) native $A "$USER_A" ucoina

log "5b. a handler that runs out of gas: B's owner gives deliveries 20,000 gas; a transfer A → B is answered with code 4 and refunded on A"
CENTER_B=$(contract $B message_center)
tx $B validator wasm execute "$CENTER_B" '{"set_delivery_gas_limit":{"gas_limit":20000}}' >/dev/null
before=$(native $A "$USER_A" ucoina)
r=$(transfer_native $A user 1000ucoina "btp://$B.cosmos/$USER_B")
starved_sn=$(jq -r '[.events[] | select(.type == "wasm-btp_transfer_started") | .attributes[] | select(.key == "sn") | .value][0]' <<<"$r")
expect "A: user's ucoina (fee 20 kept, 980 refunded)" $((before - 20)) native $A "$USER_A" ucoina
refund=$(q $A txs --query "wasm-btp_transfer_refunded.sn='$starved_sn'" |
  jq -c '[.txs[].events[] | select(.type == "wasm-btp_transfer_refunded") | .attributes | from_entries | {code, reason}][0]')
[ "$(jq -r .code <<<"$refund")" = 4 ] || fail "transfer $starved_sn was refunded with $refund, not code 4 (service handler failed)"
grep -qi "out of gas" <<<"$refund" || fail "the refund of transfer $starved_sn does not say the handler ran out of gas: $refund"
log "  ok: refunded with $refund"
tx $B validator wasm execute "$CENTER_B" '{"set_delivery_gas_limit":{"gas_limit":2000000}}' >/dev/null

log "6. data messages with replies: A's kv service asks B's"
KV_A=$(contract $A kv_service)
KV_B=$(contract $B kv_service)
tx $B validator wasm execute "$KV_B" '{"set":{"key":"greeting","value":"hello from btp-b"}}' >/dev/null
ask() { # KEY: A's user asks B's service for KEY; prints the transaction's result
  tx $A user wasm execute "$KV_A" "$(jq -nc --arg to "$B.cosmos" --arg k "$1" '{ask: {to: $to, key: $k}}')"
}
sn_of() { jq -r '[.events[] | select(.type == "wasm-kv_asked") | .attributes[] | select(.key == "sn") | .value][0]'; }
answer() { q $A wasm contract-state smart "$KV_A" "$(jq -nc --argjson sn "$1" '{request: {sn: $sn}}')" | jq -c .data.answer; }
r=$(ask greeting)
GAS+=("kv ask (a data request, A → B): $(jq -r .gas_used <<<"$r")")
known=$(sn_of <<<"$r")
unknown=$(ask volume | sn_of)
[ "$known" = 1 ] && [ "$unknown" = 2 ] || fail "the kv requests got serial numbers $known and $unknown, expected 1 and 2"
expect "A: answer to request 1 (B's value, in the reply)" '{"code":0,"value":"hello from btp-b"}' answer 1
expect "A: answer to request 2 (code 40: B holds no such key)" '{"code":40,"value":"no value for \"volume\""}' answer 2

# store_instantiate CHAIN ARTIFACT LABEL MSG: stores artifacts/ARTIFACT.wasm on
# CHAIN and instantiates it (by its validator); prints the address.
store_instantiate() {
  local code
  code=$(tx "$1" validator wasm store "artifacts/$2.wasm" |
    jq -r '[.events[] | select(.type == "store_code") | .attributes[] | select(.key == "code_id") | .value][0]')
  tx "$1" validator wasm instantiate "$code" "$4" --label "$3" --no-admin |
    jq -r '[.events[] | select(.type == "instantiate") | .attributes[] | select(.key == "_contract_address") | .value][0]'
}

log "6b. cross-chain calls: A's counter calls B's through the call services (svc xcall)"
for chain in $A $B; do
  center=$(contract $chain message_center)
  call=$(store_instantiate $chain call-service "btp call service" "$(jq -nc --arg c "$center" '{owner: null, message_center: $c, call_gas_limit: null}')")
  tx $chain validator wasm execute "$center" "$(jq -nc --arg h "$call" '{add_service: {svc: "xcall", handler: $h}}')" >/dev/null
  counter=$(store_instantiate $chain call-counter "btp call counter" "$(jq -nc --arg c "$call" '{call_service: $c}')")
  eval "CALL_${chain#btp-}=$call COUNTER_${chain#btp-}=$counter"
done
counter_state() { q "$1" wasm contract-state smart "$2" '{"state":{}}' | jq -r ".data.$3"; }
call_b() { # DATA [ROLLBACK]: A's counter calls B's counter
  tx $A user wasm execute "$COUNTER_a" "$(jq -nc --arg to "btp://$B.cosmos/$COUNTER_b" \
    --arg d "$(printf '%s' "$1" | base64 -w0)" --arg r "${2:+$(printf '%s' "$2" | base64 -w0)}" \
    '{send: {to: $to, data: $d, rollback: (if $r == "" then null else $r end), timeout_secs: null}}')"
}
r=$(call_b "hello")
GAS+=("send_call_message through a dApp (A → B): $(jq -r .gas_used <<<"$r")")
expect "B: calls the counter received" 1 counter_state $B "$COUNTER_b" count
pending_calls() { q $A wasm contract-state smart "$CALL_a" '{"pending_calls":{}}' | jq -r '.data | length'; }
expect "A: calls of A's call service waiting for their outcome (the success reply arrived)" 0 pending_calls
r=$(call_b "fail" "undo")
GAS+=("send_call_message with rollback data (A → B): $(jq -r .gas_used <<<"$r")")
expect "A: rollbacks of the failed call (exactly one)" 1 counter_state $A "$COUNTER_a" rollbacks
expect "B: calls the counter received (the failed one is not counted)" 1 counter_state $B "$COUNTER_b" count

log "6c. an atomic swap with no bridge: btp swap between A's user and B's validator"
HTLC_A=$(store_instantiate $A htlc "btp htlc" '{"owner":null}')
HTLC_B=$(store_instantiate $B htlc "btp htlc" '{"owner":null}')
VALIDATOR_A=$(addr $A validator)
VALIDATOR_B=$(addr $B validator)
before_initiator=$(native $B "$VALIDATOR_B" ucoinb)
before_counterparty=$(native $A "$VALIDATOR_A" ucoina)
# The initiator (user on A, validator on B) gives 1000 ucoina for 2000 ucoinb.
out=$("$BTP" swap initiate --config "$CONFIG" --chain $A --htlc "$HTLC_A" --receiver "$VALIDATOR_A" \
  --amount 1000ucoina --timelock 600 --secret-file "$WORK/swap.secret" --key user) || fail "btp swap initiate: $out"
hashlock=$(sed -n 's/^hashlock //p' <<<"$out")
swap_gas() { sed -n 's/.*, gas \([0-9]*\).*/\1/p' <<<"$1" | head -1; }
GAS+=("htlc lock (btp swap initiate, native coin): $(swap_gas "$out")")
lock_a=$(sed -n 's/.* lock \([0-9]*\) in block.*/\1/p' <<<"$out" | head -1)
out=$("$BTP" swap respond --config "$CONFIG" --from-chain $A --from-htlc "$HTLC_A" --hashlock "$hashlock" \
  --expect-amount 1000ucoina --initiator "$USER_A" --me "$VALIDATOR_A" --chain $B --htlc "$HTLC_B" \
  --receiver "$VALIDATOR_B" --amount 2000ucoinb --timelock 300 --margin 120 --key user) || fail "btp swap respond: $out"
lock_b=$(sed -n 's/.* lock \([0-9]*\) in block.*/\1/p' <<<"$out" | head -1)
GAS+=("htlc lock after checking the other chain's (btp swap respond): $(swap_gas "$out")")
[ -n "$lock_a" ] && [ -n "$lock_b" ] || fail "btp swap printed no lock ids: $out"
out=$("$BTP" swap claim --config "$CONFIG" --chain $B --htlc "$HTLC_B" --id "$lock_b" \
  --secret-file "$WORK/swap.secret" --expect-amount 2000ucoinb --key validator) || fail "btp swap claim (initiator): $out"
GAS+=("htlc claim (btp swap claim, revealing the secret): $(swap_gas "$out")")
out=$("$BTP" swap claim --config "$CONFIG" --chain $A --htlc "$HTLC_A" --id "$lock_a" \
  --preimage-from $B --preimage-htlc "$HTLC_B" --key validator) || fail "btp swap claim (counterparty): $out"
# The initiator pays its claim's fee in stake, not ucoinb; the counterparty likewise on A.
expect "B: the initiator's ucoinb (2000 from the swap)" $((before_initiator + 2000)) native $B "$VALIDATOR_B" ucoinb
expect "A: the counterparty's ucoina (1000 from the swap)" $((before_counterparty + 1000)) native $A "$VALIDATOR_A" ucoina
for chain in $A $B; do
  htlc=$HTLC_A; [ $chain = $B ] && htlc=$HTLC_B
  lock=$lock_a; [ $chain = $B ] && lock=$lock_b
  state=$(q $chain wasm contract-state smart "$htlc" "$(jq -nc --argjson id "$lock" '{lock: {id: $id}}')" | jq -r .data.state)
  [ "$state" = claimed ] || fail "the lock on $chain is $state, not claimed"
done
log "  ok: swapped 1000 ucoina for 2000 ucoinb, both locks claimed"

# ---- begin: TypeScript client (clients/ts; scripts/ts-client.sh) ----
# The generated clients against these chains, with the relayer above running:
# npm ci (unless node_modules matches the lock file), then npm test: tsc
# --noEmit, and examples/transfer.ts, which sends 1000 ucoina from A's user to
# a fresh address on B with TokenHandlerClient and waits (the generated query
# clients) until B received it, the wrapped coin arrived and the reply is back.
log "6d. the TypeScript client: npm test in clients/ts (typecheck, then a transfer A → B and its reply)"
bash scripts/ts-client.sh deps || fail "npm ci in clients/ts"
bash scripts/ts-client.sh test "$CONFIG" >&2 || fail "the TypeScript client's npm test (clients/ts) failed"
log "  ok: the TypeScript client's transfer arrived and was answered"
# ---- end: TypeScript client ----

# ---- begin: two localnets at once (scripts/localnet-coexist.sh) ----
# A second localnet on another free port base beside this run's, for half a
# minute: no shared port, all four chains make blocks, a third on this run's
# base is refused.
log "6e. a second localnet beside this one (scripts/localnet-coexist.sh)"
bash scripts/localnet-coexist.sh || fail "two localnets could not run at once"
# ---- end: two localnets at once ----

log "stopping the relayer with SIGINT"
kill -INT "$RELAYER_PID"
for _ in $(seq 100); do kill -0 "$RELAYER_PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$RELAYER_PID" 2>/dev/null && fail "the relayer did not stop on SIGINT"
wait "$RELAYER_PID" || fail "the relayer exited with status $? on SIGINT"
RELAYER_PID=
grep -q "relayer stopped" "$WORK/relay.log" || fail "the relayer did not report its stop"
log "  ok: relayer stopped cleanly; its log:"
sed 's/^/    /' "$WORK/relay.log" >&2
"$BTP" status --config "$CONFIG" | sed 's/^/    /' >&2

log "6d. the status page: btp serve, checked in headless Chromium against its JSON API and the chains"
command -v chromium >/dev/null 2>&1 || CW_BTP_E2E=1 . scripts/setup.sh
SERVE_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BTP" serve --config "$CONFIG" --listen "127.0.0.1:$SERVE_PORT" > "$WORK/serve.log" 2>&1 &
SERVE_PID=$!
for _ in $(seq 50); do
  python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=30)' "http://127.0.0.1:$SERVE_PORT/api/status" 2>/dev/null && break
  sleep 0.2
done
STATUS_PAGE_DIR="$CARGO_TARGET_DIR/e2e-status-page"
shot=$(bash scripts/status-page-check.sh "http://127.0.0.1:$SERVE_PORT" "$STATUS_PAGE_DIR") ||
  { kill "$SERVE_PID" 2>/dev/null; fail "the status page check failed: $(tail -5 "$WORK/serve.log")"; }
# What the page shows (checked equal to the API) is the chains': B's receive sequence from A, as `wasmd query` answers it.
received_b=$(jq -r --arg a "$A" --arg b "$B" '.links[0].directions[] | select(.src == $a and .dst == $b) | .received' "$STATUS_PAGE_DIR/status.json")
[ "$received_b" = "$(rx_seq $B $A)" ] ||
  { kill "$SERVE_PID" 2>/dev/null; fail "the status page shows $received_b messages received on B from A, the chain $(rx_seq $B $A)"; }
kill "$SERVE_PID" 2>/dev/null; wait "$SERVE_PID" 2>/dev/null || true
STATUS_SCREENSHOT=$shot
log "  ok: the status page shows the links' sequences and light clients; screenshot: $shot"

# Timeouts, with no relayer running: a transfer of 1000 ucoina (fee 20) that
# must be executed on B within 3 seconds. Each way, the user gets the 980
# back once, and never twice.
transfer_until() { # SECONDS: 1000 ucoina A → B that times out SECONDS after its block
  tx $A user wasm execute "$(contract $A handler)" \
    "$(jq -nc --arg to "btp://$B.cosmos/$USER_B" --argjson s "$1" '{transfer: {to: $to, timeout_secs: $s}}')" \
    --amount 1000ucoina
}
pending_transfers() { q $A wasm contract-state smart "$(contract $A handler)" "$(jq -nc --arg s "$USER_A" '{pending_transfers: {sender: $s}}')" | jq -r '.data | length'; }
link_b() { q $B wasm contract-state smart "$CENTER_B" "$(jq -nc --arg n "$A.cosmos" '{link: {network: $n}}')" | jq -c .data; }

log "7a. a transfer times out while the relayer is down; the relayer comes back and delivers it late: B does not execute it, its TIMED_OUT reply refunds on A"
before=$(native $A "$USER_A" ucoina)
r=$(transfer_until 3)
GAS+=("transfer with a timeout (native coin, A → B): $(jq -r .gas_used <<<"$r")")
rx_before=$(rx_seq $B $A)
sleep 5
"$BTP" relay --config "$CONFIG" --once --poll-ms 200 > "$WORK/relay-late.log" 2>&1 ||
  fail "btp relay --once after the timeout: $(tail -5 "$WORK/relay-late.log")"
expect "A: user's ucoina (980 refunded, the fee of 20 kept)" $((before - 20)) native $A "$USER_A" ucoina
expect "A: transfers waiting for a reply" 0 pending_transfers
[ "$(rx_seq $B $A)" -gt "$rx_before" ] || fail "B did not receive the late message"
expect "B: user's wrapped a/ucoina (nothing minted)" 0 cw20 $B "$WCOINA" "$USER_B"
log "  ok: delivered late, not executed, refunded once: $(grep -c . "$WORK/relay-late.log") relayer line(s)"

log "7b. B's owner closes its link to A; a transfer times out; the relayer proves on A that B never received it, and A refunds"
LINK_B=$(link_b)
tx $B validator wasm execute "$CENTER_B" "$(jq -nc --arg n "$A.cosmos" '{remove_link: {network: $n}}')" >/dev/null
[ "$(link_b | jq -r .open)" = false ] || fail "B's link to A is still open"
before=$(native $A "$USER_A" ucoina)
transfer_until 3 >/dev/null
sleep 5
# Deliveries to B fail on the closed link (the relayer gives up after five
# rounds and says so), but the timeout is resolved on A in the first.
"$BTP" relay --config "$CONFIG" --once --poll-ms 200 --split > "$WORK/relay-closed.log" 2>&1 || true
grep -q "is closed" "$WORK/relay-closed.log" ||
  fail "the relayer did not report the closed link: $(tail -5 "$WORK/relay-closed.log")"
resolved_gas=$(grep -m1 -o 'resolve_timeout: block [0-9]*, gas [0-9]*' "$WORK/relay-closed.log" | grep -o '[0-9]*$') ||
  fail "the relayer did not resolve the timeout: $(tail -5 "$WORK/relay-closed.log")"
GAS+=("resolve_timeout (a proof of B's receive state, on A): $resolved_gas")
expect "A: user's ucoina (980 refunded by proof of non-receipt)" $((before - 20)) native $A "$USER_A" ucoina
expect "A: transfers waiting for a reply" 0 pending_transfers

log "7c. B's owner opens the link again: its history goes on, the late message is refused with TIMED_OUT, and A ignores that reply"
rx_before=$(jq -r .rx_seq <<<"$LINK_B")
tx $B validator wasm execute "$CENTER_B" "$(jq -nc --arg n "$A.cosmos" --argjson l "$LINK_B" \
  '{add_link: {network: $n, verifier: $l.verifier, remote_message_center: $l.remote_message_center, relayers: []}}')" >/dev/null
[ "$(rx_seq $B $A)" = "$rx_before" ] || fail "reopening the link reset its rx_seq to $(rx_seq $B $A)"
"$BTP" relay --config "$CONFIG" --once --poll-ms 200 > "$WORK/relay-reopened.log" 2>&1 ||
  fail "btp relay --once after reopening: $(tail -5 "$WORK/relay-reopened.log")"
[ "$(rx_seq $B $A)" = $((rx_before + 1)) ] || fail "B's rx_seq is $(rx_seq $B $A), expected $((rx_before + 1))"
expect "A: link from B rx_seq (the TIMED_OUT reply delivered)" "$(q $B wasm contract-state smart "$CENTER_B" "$(jq -nc --arg n "$A.cosmos" '{link: {network: $n}}')" | jq -r .data.tx_seq)" rx_seq $A $B
expect "A: user's ucoina (not refunded twice)" $((before - 20)) native $A "$USER_A" ucoina
expect "B: user's wrapped a/ucoina (nothing minted)" 0 cw20 $B "$WCOINA" "$USER_B"
log "  ok: timeouts refunded once, by B's reply and by proof, on a closed link too"
functional=$SECONDS

# Batches of N transfers in one transaction of A's user (the CLI makes one
# message, jq repeats it), relayed by one `btp relay --once --split`.
batch() {
  local n=$1 out
  REQUESTS=0 REQUEST_BATCHES=0 REPLIES=0
  out=$(tx_repeated $A user "$n" "$(contract $A handler)" \
    "$(jq -nc --arg to "btp://$B.cosmos/$USER_B" '{transfer: {to: $to}}')" 100ucoina)
  GAS+=("$n transfers in one transaction on A: $(jq -r .gas_used <<<"$out")")
  sleep 1
  if [ "$n" = 1 ]; then
    # A relayer whose account never received funds is told so, and delivers nothing.
    "$WASMD" keys add unfunded --home "$WORK" --keyring-backend test --output json 2>&1 |
      jq -r .mnemonic > "$WORK/unfunded.mnemonic"
    if "$BTP" relay --config "$CONFIG" --once --poll-ms 100 --mnemonic-file "$WORK/unfunded.mnemonic" \
      > "$WORK/relay-unfunded.log" 2>&1; then
      fail "a relayer without funds relayed: $(cat "$WORK/relay-unfunded.log")"
    fi
    grep -q "has no funds on $B" "$WORK/relay-unfunded.log" ||
      fail "an unfunded relayer's error does not say so: $(tail -3 "$WORK/relay-unfunded.log")"
    log "  ok: an unfunded relayer stops with: $(grep -o 'the account [^:]*has no funds[^:]*' "$WORK/relay-unfunded.log" | head -1)"
  fi
  # The requests in one transaction, then their replies back in one.
  relay_logged "$n" requests
  [ "$REQUESTS" = "$n" ] || fail "the relayer delivered $REQUESTS of $n requests: $(cat "$WORK/relay-$n-requests.log")"
  # Far below relayer::relay::MAX_BATCH_TX_BYTES: one transaction must carry them all.
  [ "$REQUEST_BATCHES" = 1 ] || fail "the relayer split $n requests into $REQUEST_BATCHES transactions"
  local attempt
  for attempt in 1 2 3 4 5; do
    [ "$REPLIES" -ge "$n" ] && break
    sleep 0.5
    relay_logged "$n" "replies-$attempt"
  done
  [ "$REPLIES" = "$n" ] || fail "the relayer delivered $REPLIES of the $n replies"
}

# relay_logged N NAME: one `btp relay --once --split --max-batch N`; adds the
# messages it delivered to REQUESTS (A → B) or REPLIES (B → A) and their gas
# to GAS. Its log has one line per delivered batch, each after the gas of its
# update_client and handle_relay_message.
relay_logged() {
  local n=$1 log="$WORK/relay-$1-$2.log" line update=- handle=- size
  # Signed with the relayer's key of each chain's keyring (the background
  # relayer used the config's mnemonic files).
  "$BTP" relay --config "$CONFIG" --once --split --max-batch "$n" --key relayer > "$log" 2>&1 ||
    fail "btp relay --once for $n messages: $(cat "$log")"
  while read -r line; do
    case $line in
      *"update_client:"*) update=${line##* } ;;
      *"handle_relay_message:"*) handle=${line##* } ;;
      *"in the batch)"*)
        size=$(sed -E 's/.*\(([0-9]+) in the batch\).*/\1/' <<<"$line")
        if [[ $line == "[$A → $B]"* ]]; then
          REQUESTS=$((REQUESTS + size))
          REQUEST_BATCHES=$((REQUEST_BATCHES + 1))
          GAS+=("update_client (a header of A: $VALIDATORS_A validator(s)), A → B: $update")
          GAS+=("handle_relay_message, $size transfer request(s), A → B: $handle")
        else
          [ "$update" = - ] || GAS+=("update_client (a header of B: $VALIDATORS_B validator(s)), B → A: $update")
          REPLIES=$((REPLIES + size))
          GAS+=("handle_relay_message, $size success reply(ies), B → A: $handle")
        fi
        update=-
        ;;
    esac
  done < "$log"
}
log "8. gas of batches of 1, 10 and 50 transfers"
before=$(cw20 $B "$WCOINA" "$USER_B")
for n in 1 10 50; do
  batch $n
done
# 61 transfers of 100 (fee 11 each): 89 each arrive.
expect "B: user's wrapped a/ucoina after 61 batched transfers" $((before + 61 * 89)) cw20 $B "$WCOINA" "$USER_B"

{
  echo "e2e on wasmd v0.61.14 (libwasmvm $("$WASMD" query wasm libwasmvm-version)), $(date -u +%Y-%m-%d)"
  echo "store (upload) gas:"
  for id in $A; do
    jq -r --arg id "$id" '.chains[$id].gas | to_entries[] | "  \(.key): \(.value)"' "$DEPLOYMENT"
  done
  echo "calls:"
  printf '  %s\n' "${GAS[@]}"
  echo "latency of transfer 1 (sent in block $sent_height of A):"
  echo "  delivered on B by block $delivered_a_height of A: $((delivered_a_height - sent_height)) blocks of A, $((delivered_time - sent_time))s"
  echo "  success reply back on A by block $completed_a_height: $((completed_a_height - sent_height)) blocks of A, $((completed_time - sent_time))s"
  echo "times: deploy $((deployed - started))s (chains up + deploy), functional steps $((functional - deployed))s, total $((SECONDS - started))s"
} > "$REPORT"
[ -z "${STATUS_SCREENSHOT:-}" ] || echo "status page screenshot (412x915): $STATUS_SCREENSHOT" >> "$REPORT"
cat "$REPORT" >&2
log "passed in $((SECONDS - started))s"
