# Helpers for scripts that drive the two local chains of scripts/localnet.sh
# through their CLI (sourced by scripts/e2e.sh and scripts/soak.sh). The
# caller sets CONFIG (the deploy config), DEPLOYMENT (its output), WASMD,
# CW_BTP_LOCALNET, and defines `fail MESSAGE` and `log MESSAGE`.
# shellcheck shell=bash
home() { echo "$CW_BTP_LOCALNET/$1"; }
rpc() { jq -r --arg id "$1" '.chains[] | select(.chain_id == $id) | .rpc' "$CONFIG"; }
addr() { cat "$(home "$1")/keys/$2.address"; }
contract() { jq -r --arg id "$1" ".chains[\$id].$2" "$DEPLOYMENT"; }
q() { local chain=$1; shift; "$WASMD" query "$@" --node "$(rpc "$chain")" -o json; }
height() { curl -sf "$(rpc "$1")/status" | jq -r .result.sync_info.latest_block_height; }

# wait_tx CHAIN HASH WHAT: waits (up to 60s) for transaction HASH to be in a
# block; fails unless it succeeded (WHAT names it); prints the result JSON.
wait_tx() {
  local chain=$1 hash=$2 what=$3 result deadline=$((SECONDS + 60))
  until result=$(q "$chain" tx "$hash" 2>/dev/null); do
    [ $SECONDS -lt $deadline ] || fail "transaction $hash on $chain not in a block"
    sleep 0.2
  done
  [ "$(jq -r .code <<<"$result")" = 0 ] || fail "$what on $chain failed: $(jq -r .raw_log <<<"$result")"
  printf '%s' "$result"
}

# tx CHAIN KEY ARGS...: a transaction by KEY, waited for; prints the result JSON.
tx() {
  local chain=$1 key=$2 out
  shift 2
  out=$("$WASMD" tx "$@" --from "$key" --home "$(home "$chain")" --keyring-backend test \
    --chain-id "$chain" --node "$(rpc "$chain")" --gas auto --gas-adjustment 1.4 \
    --gas-prices 0.0025stake -y -o json 2>&1) || fail "wasmd tx $* on $chain: $out"
  out=$(grep '^{' <<<"$out" | tail -1)
  [ "$(jq -r .code <<<"$out")" = 0 ] || fail "wasmd tx $* on $chain refused: $(jq -r .raw_log <<<"$out")"
  wait_tx "$chain" "$(jq -r .txhash <<<"$out")" "wasmd tx $*"
}

native() { q "$1" bank balance "$2" "$3" | jq -r '.balance.amount // "0"'; }
cw20() { q "$1" wasm contract-state smart "$2" "$(jq -nc --arg a "$3" '{balance: {address: $a}}')" | jq -r .data.balance; }
wrapped() { q "$1" wasm contract-state smart "$(contract "$1" handler)" "$(jq -nc --arg c "$2" '{coin: {coin_name: $c}}')" | jq -r .data.token; }
wrapped_balance() { cw20 "$1" "$(wrapped "$1" "$2")" "$3"; }
supply() { q "$1" wasm contract-state smart "$2" '{"token_info":{}}' | jq -r .data.total_supply; }
rx_seq() { q "$1" wasm contract-state smart "$(contract "$1" message_center)" "$(jq -nc --arg n "$2.cosmos" '{link: {network: $n}}')" | jq -r .data.rx_seq; }

# expect WHAT EXPECTED COMMAND...: waits (up to 90s) until COMMAND prints EXPECTED.
expect() {
  local what=$1 expected=$2 actual deadline=$((SECONDS + 90))
  shift 2
  while :; do
    actual=$("$@" 2>/dev/null || true)
    if [ "$actual" = "$expected" ]; then
      log "  ok: $what = $actual"
      return 0
    fi
    [ $SECONDS -lt $deadline ] || fail "$what is $actual, expected $expected"
    sleep 0.3
  done
}

# tx_repeated CHAIN KEY N CONTRACT MSG AMOUNT: one transaction of KEY holding
# N times the same `wasm execute` (the CLI makes one message, jq repeats
# it), waited for; prints the result JSON.
tx_repeated() {
  local chain=$1 key=$2 n=$3 contract=$4 msg=$5 amount=$6 unsigned signed out
  unsigned=$(mktemp)
  signed=$(mktemp)
  "$WASMD" tx wasm execute "$contract" "$msg" --amount "$amount" \
    --from "$key" --home "$(home "$chain")" --keyring-backend test --chain-id "$chain" --node "$(rpc "$chain")" \
    --generate-only -o json > "$unsigned"
  jq --argjson n "$n" '.body.messages = [.body.messages[0] as $m | range($n) | $m]
    | .auth_info.fee.gas_limit = "40000000" | .auth_info.fee.amount = [{denom: "stake", amount: "100000"}]' \
    "$unsigned" > "$unsigned.n"
  "$WASMD" tx sign "$unsigned.n" --from "$key" --home "$(home "$chain")" --keyring-backend test \
    --chain-id "$chain" --node "$(rpc "$chain")" -o json > "$signed"
  out=$("$WASMD" tx broadcast "$signed" --node "$(rpc "$chain")" -o json)
  rm -f "$unsigned" "$unsigned.n" "$signed"
  [ "$(jq -r .code <<<"$out")" = 0 ] || fail "$n messages in one transaction on $chain refused: $(jq -r .raw_log <<<"$out")"
  wait_tx "$chain" "$(jq -r .txhash <<<"$out")" "$n messages in one transaction"
}
