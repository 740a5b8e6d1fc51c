#!/usr/bin/env bash
# Gas per transfer of the suite against native IBC ICS-20, side by side on
# the same two local wasmd chains, in one run (not part of CI: it builds
# Hermes, the IBC relayer, about 15+ minutes the first time):
#
#   bash scripts/bench-ibc.sh
#
# 1. Builds (once, cached) Hermes 1.13.2 with scripts/build-hermes.sh, the
#    artifacts (scripts/build-wasm.sh, when missing) and `btp`.
# 2. Starts btp-a (4 validators) and btp-b (1) with scripts/localnet.sh in a
#    directory of its own (CW_BTP_VALIDATORS, default "4,1") on ports of its
#    own (a free port base from scripts/ports.sh unless CW_BTP_PORT_BASE
#    names one), deploys the suite with scripts/deploy.sh
#    (native coins only, codes unpinned), and has Hermes (keys from the
#    localnet's relayer mnemonics, prefix `wasm`, gas price 0.0025stake)
#    create an ICS-20 channel (port `transfer`) between the chains.
# 3. Each way (A → B, then B → A), native coins (ucoina, ucoinb; 100 each),
#    three rounds: one transfer; 50 transfers sent one by one; 50 transfers
#    as 50 messages of one transaction. Each round is sent, then relayed to
#    the end (requests and acknowledgements or replies): IBC with `hermes
#    clear packets` (client update and packets in one transaction, up to
#    max_msg_num = 100), the suite with `btp relay --once` (update and
#    delivery in one transaction). Sends: IBC by `wasmd tx ibc-transfer
#    transfer`, the suite by `btp transfer` (one by one) and by one
#    transaction of 50 `transfer` messages to the token handler.
# 4. Pins the suite's codes through governance (`deploy.sh --pin-only`) and
#    runs the suite's rounds again.
# 5. Reads `gas_used` of every transaction of every round from both chains
#    (`query txs` over the round's blocks), sorts them by kind (the send;
#    update + delivery on the destination; update + acknowledgement / reply
#    on the source; anything else on a row of its own, failed transactions
#    included), and prints per-transfer tables and the ratios suite / IBC.
#    Written to $BENCH_IBC_OUT (default bench/ibc/latest.md) and every
#    transaction to the .tsv beside it, for BENCHMARKS.md.
#
# Env: BENCH_IBC_BATCH (50), BENCH_IBC_SUITE_ONLY=1 (no Hermes: the suite's
# half alone), BTP (a `btp` binary to use instead of building one),
# HERMES (a hermes binary), BENCH_IBC_KEEP=1 (keep the work directory).
# Everything it started (chains, Hermes) is stopped on exit, pass or fail.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

export CW_BTP_CACHE="${CW_BTP_CACHE:-$HOME/.cache/cw-btp}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CW_BTP_CACHE/target}"
export CW_BTP_VALIDATORS="${CW_BTP_VALIDATORS:-4,1}"
BATCH=${BENCH_IBC_BATCH:-50}
SUITE_ONLY=${BENCH_IBC_SUITE_ONLY:-0}
OUT=${BENCH_IBC_OUT:-bench/ibc/latest.md}
AMOUNT=100
A=btp-a
B=btp-b

log() { printf '[bench-ibc] %s\n' "$*" >&2; }
fail() {
  printf '[bench-ibc] FAILED: %s\n' "$*" >&2
  exit 1
}
[[ $BATCH =~ ^[1-9][0-9]*$ ]] && [ "$BATCH" -le 90 ] || fail "BENCH_IBC_BATCH must be 1 to 90, not $BATCH"
for tool in jq curl awk; do command -v $tool >/dev/null || fail "$tool is needed"; done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-ibc.XXXXXX")
export CW_BTP_LOCALNET="$WORK/localnet"
HERMES_CONFIG="$WORK/hermes/config.toml"
TXS="$WORK/txs.tsv"
CHAINS_UP=0
started=$SECONDS

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ "$CHAINS_UP" = 1 ]; then
    bash "$REPO/scripts/localnet.sh" down || true
  fi
  if [ $status -ne 0 ]; then
    for f in "$WORK"/*.log "$CW_BTP_LOCALNET"/*/node.log; do
      [ -f "$f" ] && { echo "--- last lines of $f" >&2; tail -15 "$f" >&2; }
    done
    log "FAILED after $((SECONDS - started))s; work directory kept: $WORK"
  elif [ "${BENCH_IBC_KEEP:-0}" = 1 ]; then
    log "work directory kept: $WORK"
  else
    rm -rf "$WORK"
  fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- builds
if [ "$SUITE_ONLY" != 1 ]; then
  if [ -z "${HERMES:-}" ]; then
    log "Hermes: scripts/build-hermes.sh (cached after the first build; log $WORK/build-hermes.log)"
    HERMES=$(bash scripts/build-hermes.sh 2> "$WORK/build-hermes.log" | tail -1) ||
      fail "building Hermes failed: $(tail -20 "$WORK/build-hermes.log")"
  fi
  [ -x "$HERMES" ] || fail "no Hermes binary at $HERMES"
  log "Hermes: $HERMES ($("$HERMES" version 2>/dev/null | tail -1))"
fi

for artifact in message-center verifier-tendermint token-handler token-vault cw20-base; do
  [ -f "artifacts/$artifact.wasm" ] || { log "building the artifacts"; bash scripts/build-wasm.sh; break; }
done
# A copy: the artifacts measured are the ones of the start of the run.
mkdir -p "$WORK/artifacts"
cp artifacts/*.wasm "$WORK/artifacts/"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
git diff --quiet HEAD -- contracts packages 2>/dev/null || commit="$commit + uncommitted changes"
if [ -z "${BTP:-}" ]; then
  # The package that has the `btp` binary (the relayer crate, or its CLI crate).
  btp_package=$(cargo metadata --no-deps --format-version 1 --locked |
    jq -r '[.packages[] | select(any(.targets[]; .name == "btp" and (.kind | index("bin")))) | .name][0] // empty')
  [ -n "$btp_package" ] || fail "no workspace package has a btp binary"
  log "building btp (cargo build -p $btp_package --bin btp)"
  cargo build --quiet --locked -p "$btp_package" --bin btp || fail "cargo build -p $btp_package --bin btp failed"
  BTP="$CARGO_TARGET_DIR/debug/btp"
fi
[ -x "$BTP" ] || fail "no btp binary at $BTP"

# ---------------------------------------------------------------- chains
if [ -f scripts/ports.sh ]; then
  # Ports of its own (a free port base, scripts/ports.sh) unless
  # CW_BTP_PORT_BASE names one: e2e runs and a developer's localnet go on.
  . "$REPO/scripts/ports.sh"
  if [ -z "${CW_BTP_PORT_BASE:-}" ]; then
    CW_BTP_PORT_BASE=$(free_port_base) || fail "no free port base for the localnet"
  fi
  export CW_BTP_PORT_BASE
  log "localnet on port base $CW_BTP_PORT_BASE (scripts/localnet.sh)"
else
  for port in 26657 26757; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      fail "port $port is taken (an e2e run or another localnet?): wait for it to end, then run again"
    fi
  done
fi
WASMD=$(bash scripts/localnet.sh bin)
export WASMD
CHAINS_UP=1
bash scripts/localnet.sh up

# The ports the localnet chose, read from the nodes' own config files.
toml_value() { # FILE SECTION KEY
  awk -v section="[$2]" -v key="$3" '
    /^\[/ { in_section = ($0 == section) }
    in_section && $1 == key { sub(/^[^=]*= */, ""); gsub(/"/, ""); print; exit }' "$1"
}
rpc_of() { toml_value "$CW_BTP_LOCALNET/$1/config/config.toml" rpc laddr | sed 's#^tcp://#http://#'; }
grpc_of() { echo "http://$(toml_value "$CW_BTP_LOCALNET/$1/config/app.toml" grpc address)"; }
RPC_A=$(rpc_of $A)
RPC_B=$(rpc_of $B)
[[ $RPC_A == http://127.0.0.1:* && $RPC_B == http://127.0.0.1:* ]] || fail "cannot read the RPC addresses ($RPC_A, $RPC_B)"

# The deploy config: the localnet's, on these ports, with the native coins only.
CONFIG="$WORK/deploy.json"
jq --arg a "$RPC_A" --arg b "$RPC_B" --arg artifacts "$WORK/artifacts" '
  .artifacts = $artifacts
  | .chains[0].rpc = $a | .chains[1].rpc = $b
  | .chains[] |= (.kv_service = false | .coins |= map(select(.native)) | del(.pin_codes))
  | del(.pin_codes)' deploy/localnet.json > "$CONFIG"
[ "$(jq -r '.chains | map(.chain_id) | join(" ")' "$CONFIG")" = "$A $B" ] || fail "deploy/localnet.json does not name $A and $B"
log "deploying the suite (codes unpinned)"
CW_BTP_PIN_CODES=0 bash scripts/deploy.sh "$CONFIG" > "$WORK/deploy.log" 2>&1 || fail "scripts/deploy.sh: $(tail -5 "$WORK/deploy.log")"
DEPLOYMENT="$CW_BTP_LOCALNET/deployment.json"

. "$REPO/scripts/chains.sh"
USER_A=$(addr $A user)
USER_B=$(addr $B user)
RELAYER_A=$(addr $A relayer)
RELAYER_B=$(addr $B relayer)
user_of() { if [ "$1" = $A ]; then echo "$USER_A"; else echo "$USER_B"; fi; }
denom_of() { if [ "$1" = $A ]; then echo ucoina; else echo ucoinb; fi; }
other() { if [ "$1" = $A ]; then echo $B; else echo $A; fi; }

# broadcast_repeated CHAIN KEY N ARGS...: one transaction of KEY holding N
# times the message of `wasmd tx ARGS` (generated once, repeated by jq);
# waits for it and prints the result.
broadcast_repeated() {
  local chain=$1 key=$2 n=$3 out
  shift 3
  local common=(--from "$key" --home "$(home "$chain")" --keyring-backend test --chain-id "$chain" --node "$(rpc "$chain")")
  "$WASMD" tx "$@" "${common[@]}" --generate-only -o json > "$WORK/unsigned.json" 2> "$WORK/generate.log" ||
    fail "wasmd tx $* --generate-only: $(cat "$WORK/generate.log")"
  jq --argjson n "$n" '.body.messages = [.body.messages[0] as $m | range($n) | $m]
    | .auth_info.fee.gas_limit = "60000000" | .auth_info.fee.amount = [{denom: "stake", amount: "150000"}]' \
    "$WORK/unsigned.json" > "$WORK/unsigned-n.json"
  "$WASMD" tx sign "$WORK/unsigned-n.json" "${common[@]}" -o json > "$WORK/signed.json" 2> "$WORK/sign.log" ||
    fail "signing $n messages: $(cat "$WORK/sign.log")"
  out=$("$WASMD" tx broadcast "$WORK/signed.json" --node "$(rpc "$chain")" -o json 2>&1) || fail "broadcasting $n messages on $chain: $out"
  [ "$(jq -r .code <<<"$out")" = 0 ] || fail "$n messages in one transaction on $chain refused: $(jq -r .raw_log <<<"$out")"
  wait_tx "$chain" "$(jq -r .txhash <<<"$out")" "$n messages in one transaction"
}

# ---------------------------------------------------------------- IBC
CHANNEL_A=
CHANNEL_B=
if [ "$SUITE_ONLY" != 1 ]; then
  log "Hermes: config, keys, and an ICS-20 channel $A ⇄ $B"
  mkdir -p "$WORK/hermes/keys"
  hermes_chain() { # CHAIN
    local rpc grpc
    rpc=$(rpc_of "$1")
    grpc=$(grpc_of "$1")
    cat <<EOF

[[chains]]
id = '$1'
type = 'CosmosSdk'
rpc_addr = '$rpc'
grpc_addr = '$grpc'
event_source = { mode = 'push', url = '${rpc/http:/ws:}/websocket', batch_delay = '200ms' }
rpc_timeout = '15s'
trusted_node = true
account_prefix = 'wasm'
key_name = 'relayer'
key_store_folder = '$WORK/hermes/keys'
store_prefix = 'ibc'
default_gas = 200000
max_gas = 60000000
gas_price = { price = 0.0025, denom = 'stake' }
gas_multiplier = 1.3
max_msg_num = 100
query_packets_chunk_size = 100
max_tx_size = 4194304
clock_drift = '10s'
max_block_time = '10s'
trusting_period = '14days'
trust_threshold = '2/3'
memo_prefix = ''
address_type = { derivation = 'cosmos' }
EOF
  }
  {
    cat <<'EOF'
[global]
log_level = 'warn'

[mode.clients]
enabled = false
refresh = false
misbehaviour = false

[mode.connections]
enabled = false

[mode.channels]
enabled = false

[mode.packets]
enabled = true
clear_interval = 0
clear_on_start = false
tx_confirmation = true

[rest]
enabled = false
host = '127.0.0.1'
port = 3000

[telemetry]
enabled = false
host = '127.0.0.1'
port = 3001
EOF
    hermes_chain $A
    hermes_chain $B
  } > "$HERMES_CONFIG"
  hermes() { "$HERMES" --config "$HERMES_CONFIG" "$@"; }
  for chain in $A $B; do
    hermes keys add --chain $chain --key-name relayer --mnemonic-file "$(home $chain)/keys/relayer.mnemonic" \
      > "$WORK/hermes-keys.log" 2>&1 || fail "hermes keys add --chain $chain: $(cat "$WORK/hermes-keys.log")"
  done
  hermes create channel --a-chain $A --b-chain $B --a-port transfer --b-port transfer \
    --new-client-connection --yes > "$WORK/hermes-create.log" 2>&1 ||
    fail "hermes create channel: $(tail -20 "$WORK/hermes-create.log")"
  open_channel() { # CHAIN: the transfer channel of CHAIN that is OPEN
    q "$1" ibc channel channels | jq -r '[.channels[] | select(.port_id == "transfer" and .state == "STATE_OPEN") | .channel_id][0] // empty'
  }
  CHANNEL_A=$(open_channel $A)
  CHANNEL_B=$(open_channel $B)
  [ -n "$CHANNEL_A" ] && [ -n "$CHANNEL_B" ] || fail "no open transfer channel after hermes create channel: $(tail -5 "$WORK/hermes-create.log")"
  log "  channel: $A $CHANNEL_A ⇄ $B $CHANNEL_B"
fi
channel_of() { if [ "$1" = $A ]; then echo "$CHANNEL_A"; else echo "$CHANNEL_B"; fi; }

# ---------------------------------------------------------------- rounds
# A round: N transfers FROM → TO through SYSTEM (ibc, suite, suite-pinned),
# sent MODE (single, one-by-one, one-tx), relayed to the end; then every
# transaction of both chains in the round's blocks goes to $TXS.
printf 'system\tdirection\tmode\ttransfers\tchain\theight\ttxhash\tcode\tgas_used\tmessages\tkind\n' > "$TXS"

ibc_send() { # FROM TO
  tx "$1" user ibc-transfer transfer transfer "$(channel_of "$1")" "$(user_of "$2")" "$AMOUNT$(denom_of "$1")" > /dev/null
}
ibc_send_one_tx() { # FROM TO N
  broadcast_repeated "$1" user "$3" ibc-transfer transfer transfer "$(channel_of "$1")" "$(user_of "$2")" "$AMOUNT$(denom_of "$1")" > /dev/null
}
pending_commitments() { # CHAIN: packets sent on CHAIN's channel not yet acknowledged
  q "$1" ibc channel packet-commitments transfer "$(channel_of "$1")" | jq -r '.commitments | length'
}
ibc_relay() { # FROM TO N
  local attempt
  for attempt in 1 2 3 4 5; do
    hermes clear packets --chain "$1" --port transfer --channel "$(channel_of "$1")" >> "$WORK/hermes-clear.log" 2>&1 ||
      fail "hermes clear packets: $(tail -20 "$WORK/hermes-clear.log")"
    [ "$(pending_commitments "$1")" = 0 ] && [ "$(pending_commitments "$2")" = 0 ] && return 0
    sleep 1
  done
  fail "IBC packets still unacknowledged after five hermes clear packets: $(pending_commitments "$1") on $1"
}
suite_send() { # FROM TO
  "$BTP" transfer --config "$CONFIG" --from "$1" --to "$2" --receiver "$(user_of "$2")" \
    --key user --amount "$AMOUNT$(denom_of "$1")" >> "$WORK/btp-transfer.log" 2>&1 ||
    fail "btp transfer $1 → $2: $(tail -5 "$WORK/btp-transfer.log")"
}
suite_send_one_tx() { # FROM TO N
  broadcast_repeated "$1" user "$3" wasm execute "$(contract "$1" handler)" \
    "$(jq -nc --arg to "btp://$2.cosmos/$(user_of "$2")" '{transfer: {to: $to}}')" --amount "$AMOUNT$(denom_of "$1")" > /dev/null
}
suite_relay() { # FROM TO N
  "$BTP" relay --config "$CONFIG" --once --poll-ms 200 --key relayer >> "$WORK/btp-relay.log" 2>&1 ||
    fail "btp relay --once: $(tail -10 "$WORK/btp-relay.log")"
}

# record SYSTEM DIRECTION MODE N FROM TO H0-A H0-B: every transaction of
# both chains after heights H0-A / H0-B up to now, sorted by kind.
record() {
  local system=$1 direction=$2 mode=$3 n=$4 from=$5 to=$6 h0_a=$7 h0_b=$8 chain h0 h1 page count
  for chain in $A $B; do
    h0=$h0_a
    [ $chain = $B ] && h0=$h0_b
    h1=$(height $chain)
    page=1
    while :; do
      out=$(q $chain txs --query "tx.height>$h0 AND tx.height<=$h1" --page $page --limit 100) ||
        fail "query txs on $chain ($h0, $h1]"
      count=$(jq '.txs | length' <<<"$out")
      jq -r --arg system "$system" --arg direction "$direction" --arg mode "$mode" --arg n "$n" \
        --arg chain $chain --arg from "$from" --arg to "$to" \
        --arg user "$(user_of $chain)" '
        .txs[] | [.tx.body.messages[] | ."@type" | split(".") | last] as $types
        | (.tx.body.messages | map(.sender // .signer // "") | unique) as $senders
        | (if (.code // 0) != 0 then "failed (code \(.code))"
           elif ($types | index("MsgTransfer")) or ($senders == [$user]) then "send"
           elif $types == ["MsgUpdateClient"] then "update alone on \($chain)"
           elif ($types | index("MsgTimeout")) then "timeout on \($chain)"
           elif $chain == $to then "update + delivery on \($chain)"
           else "update + ack/reply on \($chain)" end) as $kind
        | [$system, $direction, $mode, $n, $chain, .height, .txhash, (.code // 0), .gas_used,
           ($types | group_by(.) | map("\(length)×\(.[0])") | join(" ")), $kind] | @tsv' <<<"$out" >> "$TXS"
      [ "$count" -ge 100 ] || break
      page=$((page + 1))
    done
  done
}

# round SYSTEM FROM TO MODE N
round() {
  local system=$1 from=$2 to=$3 mode=$4 n=$5 h0_a h0_b i base=${1%-pinned}
  h0_a=$(height $A)
  h0_b=$(height $B)
  case $mode in
    single | one-by-one)
      for ((i = 0; i < n; i++)); do "${base}_send" "$from" "$to"; done ;;
    one-tx) "${base}_send_one_tx" "$from" "$to" "$n" ;;
  esac
  # A message is provable once the block after it exists: wait for that, so
  # that one relay transaction can carry the whole round.
  sleep 1
  "${base}_relay" "$from" "$to" "$n"
  # The last transactions' blocks must be committed (indexed) before reading.
  sleep 1
  record "$system" "$from → $to" "$mode" "$n" "$from" "$to" "$h0_a" "$h0_b"
  log "  $system $from → $to, $n $mode: $(awk -F'\t' -v s="$system" -v d="$from → $to" -v m="$mode" \
    '$1 == s && $2 == d && $3 == m { g += $9; t++ } END { printf "%d transactions, %d gas", t, g }' "$TXS")"
}

rounds() { # SYSTEM
  local from to
  for from in $A $B; do
    to=$(other $from)
    round "$1" $from $to single 1
    round "$1" $from $to one-by-one "$BATCH"
    round "$1" $from $to one-tx "$BATCH"
  done
}

if [ "$SUITE_ONLY" != 1 ]; then
  log "IBC ICS-20 rounds"
  rounds ibc
fi
log "suite rounds, codes unpinned"
rounds suite
log "pinning the suite's codes through governance (scripts/deploy.sh --pin-only)"
bash scripts/deploy.sh "$CONFIG" --pin-only > "$WORK/pin.log" 2>&1 || fail "deploy.sh --pin-only: $(tail -5 "$WORK/pin.log")"
sed 's/^/    /' "$WORK/pin.log" >&2
log "suite rounds, codes pinned"
rounds suite-pinned

# ---------------------------------------------------------------- tables
mkdir -p "$(dirname "$OUT")"
TSV_OUT="${OUT%.md}.tsv"
cp "$TXS" "$TSV_OUT"
elapsed=$((SECONDS - started))
{
  echo "bench-ibc on wasmd v0.61.14 (libwasmvm $("$WASMD" query wasm libwasmvm-version)), $A: ${CW_BTP_VALIDATORS%%,*} validator(s), $B: ${CW_BTP_VALIDATORS##*,}; suite at $commit (at the start); $(date -u +%Y-%m-%d); ${elapsed}s"
  if [ "$SUITE_ONLY" = 1 ]; then
    echo "IBC not measured (BENCH_IBC_SUITE_ONLY=1)"
  else
    echo "IBC: ICS-20 over $A $CHANNEL_A ⇄ $B $CHANNEL_B, relayed by $("$HERMES" version 2>/dev/null | tail -1) (clear packets; max_msg_num 100)"
  fi
  echo "artifacts (sha256, first 12): $(cd "$WORK/artifacts" && for f in message-center verifier-tendermint token-handler token-vault cw20-base; do
    printf '%s %s, ' "$f" "$(sha256sum "$f.wasm" | cut -c1-12)"; done | sed 's/, $//')"
  echo
  awk -F'\t' -v batch="$BATCH" -v A=$A -v B=$B -f "$REPO/bench/ibc/table.awk" "$TXS"
} > "$WORK/table.md"
cp "$WORK/table.md" "$OUT"
cat "$WORK/table.md"
log "written to $OUT (every transaction in $TSV_OUT) in ${elapsed}s"
