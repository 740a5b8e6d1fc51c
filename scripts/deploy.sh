#!/usr/bin/env bash
# Deploys the suite on two or more chains with the chain's own CLI (wasmd),
# from a config file, and writes the addresses to a deployment file:
#
#   bash scripts/deploy.sh [CONFIG]          # default deploy/localnet.json
#
# (The default is $CW_BTP_LOCALNET/localnet.json when it exists: the config
# `scripts/localnet.sh up` writes, deploy/localnet.json on its ports.)
#
# For each chain of the config: uploads the five artifacts
# (message-center, verifier-tendermint, token-handler, token-vault, cw20-base)
# with `wasmd tx wasm store`, instantiates the message center, the vault and
# the token handler and names the handler in the vault; for each link, a
# light client of each chain on the other, trusting a header fetched from
# that chain's RPC (/commit: time, app hash, next validators hash; unbonding
# period from its staking params), and the link opened both ways (add_link,
# the `bts` service, the relay fee); sets the routes; creates the test cw20
# tokens the config asks for, and registers every coin: at home on its own
# chain, wrapped on every other.
#
# Links and routes: with two chains, the one link between them. With more,
# the config's `links` (`[{"a": "<chain id>", "b": "<chain id>"}]`, the same
# list `btp relay` relays; every pair when absent) and `routes`
# (`[{"chain", "network", "next", "forward_fees", "backward_fees"}]`: chain
# `chain` reaches chain `network` through its link to `next`; chain ids, fee
# strings as `set_route` takes them). The deployment names each chain's
# light clients by counterpart chain id (`verifiers`, which `btp` reads);
# `verifier` is the last one deployed (the only one with two chains).
#
# Config (see deploy/localnet.json; `$CW_BTP_LOCALNET` and `$CW_BTP_CACHE`
# are expanded in paths): per chain `chain_id`, `rpc`, `gas_price` and
# `fee_denom` (fees are paid and relay fees charged in it), `key` (the
# deployer, who owns the contracts), `keyring_backend` and optionally
# `keyring_dir`, `relay_fee`, `max_clock_drift_secs`, and `coins`: `name` (the
# coin name both chains use), one of `native` (a denom), `cw20` (an existing
# token's address) or `cw20_new` (a test token to create: name, symbol,
# holder key or address, supply), the wrapped token's `wrapped_name`,
# `wrapped_symbol` and `decimals` on the other chain, and the transfer fee
# `fee_fixed` + `fee_ratio`; with `"kv_service": true`, also the sample data
# service (contracts/kv-service, `svc` "kv", owned by the deployer). The same
# script runs against public testnets: see README, "Deploying to a chain".
#
# The verifier of a chain's link (optional `verifier`, default
# `{"kind": "tendermint"}`, the light client of the other chain):
# `{"kind": "committee", "domain", "signers": [{"secp256k1"|"ed25519":
# base64 key}], "threshold", "rotation_delay_secs"}` (contracts/
# verifier-committee), or `{"kind": "aggregate", "threshold", "members":
# [verifier, ...]}` (contracts/verifier-aggregate over the members, each
# deployed as above). The light client, when there is one, is recorded as
# `verifier` in the deployment (the relayer updates it), the link's verifier
# as `link_verifier`. An optional `link_delay` (`{"seconds", "blocks"}`)
# sets the link's delay period. `btp relay` proves messages through a light
# client only: a link of a committee needs its signers' attestations.
#
# Each chain is driven by its own CLI: the chain's `cli` (e.g. "neutrond"),
# else $WASMD, else the pinned wasmd that scripts/localnet.sh builds; any
# Cosmos SDK 0.50+ CLI with x/wasm's `tx wasm` commands works. A chain
# without a staking module (a consumer chain) needs `unbonding_period_secs`.
#
# Pinned codes: with `"pin_codes": true` (at the top of the config or per
# chain), `--pin-codes`, or CW_BTP_PIN_CODES=1, the suite's codes of a chain
# are pinned in the wasm VM's memory cache through the chain's governance, as
# a chain adopting the suite as infrastructure would: a proposal holding
# `/cosmwasm.wasm.v1.MsgPinCodes` (authority: the gov module account) with
# the chain's minimum deposit, a yes vote by every key of `gov_voters`
# (per chain, `[{"key", "keyring_dir"}]`; default: the deployer's key, and
# on the localnet the `validator` key of each further node's home,
# `<keyring_dir>-node<i>`), then waits for the voting period (the localnet's
# genesis makes it 10s) and checks `query wasm pinned`. `--pin-only` pins
# the codes of the existing deployment file and deploys nothing. The
# default (unpinned) is what scripts/e2e.sh measures.
# Needs jq and curl.
set -euo pipefail
cd "$(dirname "$0")/.."

PIN_FLAG=${CW_BTP_PIN_CODES:-}
PIN_ONLY=false
ARGS=()
for arg in "$@"; do
  case $arg in
    --pin-codes) PIN_FLAG=1 ;;
    --pin-only) PIN_ONLY=true; PIN_FLAG=1 ;;
    --*) echo "[deploy] error: unknown option $arg (--pin-codes, --pin-only)" >&2; exit 2 ;;
    *) ARGS+=("$arg") ;;
  esac
done
set -- "${ARGS[@]+"${ARGS[@]}"}"
export CW_BTP_CACHE="${CW_BTP_CACHE:-$HOME/.cache/cw-btp}"
export CW_BTP_LOCALNET="${CW_BTP_LOCALNET:-$CW_BTP_CACHE/localnet}"
DEFAULT_CONFIG=deploy/localnet.json
[ -f "$CW_BTP_LOCALNET/localnet.json" ] && DEFAULT_CONFIG="$CW_BTP_LOCALNET/localnet.json"
CONFIG=${1:-$DEFAULT_CONFIG}
WASMD=${WASMD:-}

log() { printf '[deploy] %s\n' "$*" >&2; }
die() { printf '[deploy] error: %s\n' "$*" >&2; exit 1; }
command -v jq >/dev/null || die "jq is needed"
command -v curl >/dev/null || die "curl is needed"
[ -f "$CONFIG" ] || die "no config file $CONFIG"
if [ -z "$WASMD" ] && [ "$(jq '[.chains[] | select(.cli == null)] | length' "$CONFIG")" != 0 ]; then
  WASMD=$(bash scripts/localnet.sh bin)
fi

expand() {
  local value=$1
  value=${value//\$CW_BTP_LOCALNET/$CW_BTP_LOCALNET}
  value=${value//\$CW_BTP_CACHE/$CW_BTP_CACHE}
  value=${value/#\~/$HOME}
  printf '%s' "$value"
}
# cfg INDEX JQ-PATH [DEFAULT]: a field of chain INDEX.
cfg() {
  local value
  value=$(jq -r ".chains[$1]$2 // empty" "$CONFIG")
  if [ -z "$value" ]; then
    [ $# -ge 3 ] || die "$CONFIG: chains[$1]$2 is missing"
    value=$3
  fi
  expand "$value"
}

ARTIFACTS=$(expand "$(jq -r '.artifacts // "artifacts"' "$CONFIG")")
DEPLOYMENT=$(expand "$(jq -r '.deployment // empty' "$CONFIG")")
[ -n "$DEPLOYMENT" ] || die "$CONFIG: deployment (the output file) is missing"
CODES=(message-center verifier-tendermint token-handler token-vault cw20-base)

# The CLI of chain INDEX.
cli() {
  local index=$1 bin
  shift
  bin=$(cfg "$index" .cli "")
  "${bin:-$WASMD}" "$@"
}

# The CLI's connection and key flags for chain INDEX.
keyring_flags() {
  local flags=(--keyring-backend "$(cfg "$1" .keyring_backend test)")
  local dir
  dir=$(cfg "$1" .keyring_dir "")
  [ -n "$dir" ] && flags+=(--keyring-dir "$dir")
  printf '%s\n' "${flags[@]}"
}
node_flags() { printf '%s\n' --node "$(cfg "$1" .rpc)"; }
tx_flags() {
  node_flags "$1"
  keyring_flags "$1"
  printf '%s\n' --chain-id "$(cfg "$1" .chain_id)" --from "$(cfg "$1" .key)" \
    --gas auto --gas-adjustment "$(cfg "$1" .gas_adjustment 1.4)" \
    --gas-prices "$(cfg "$1" .gas_price)$(cfg "$1" .fee_denom)" -y -o json
}

# tx INDEX ARGS...: broadcasts `wasmd tx ARGS` on chain INDEX, waits until it
# is in a block, fails unless it succeeded, and prints the result as JSON.
tx() {
  local index=$1 out code hash
  shift
  local flags
  mapfile -t flags < <(tx_flags "$index")
  out=$(cli "$index" tx "$@" "${flags[@]}" 2>&1) || die "wasmd tx $* failed: $out"
  out=$(grep '^{' <<<"$out" | tail -1)
  code=$(jq -r '.code // 0' <<<"$out")
  hash=$(jq -r .txhash <<<"$out")
  [ "$code" = 0 ] || die "wasmd tx $* was refused (code $code): $(jq -r .raw_log <<<"$out")"
  included "$index" "$hash" "wasmd tx $*"
}
# broadcast_as INDEX KEY KEYRING-DIR ARGS...: broadcasts `wasmd tx ARGS` on
# chain INDEX signed by KEY of the keyring in KEYRING-DIR (the config's
# keyring flags when empty) without waiting for a block; prints its hash.
# Its gas limit: BROADCAST_GAS, or simulated (`--gas auto`) when unset.
broadcast_as() {
  local index=$1 key=$2 dir=$3 out code flags gas
  shift 3
  gas=(--gas auto --gas-adjustment "$(cfg "$index" .gas_adjustment 1.4)")
  [ -n "${BROADCAST_GAS:-}" ] && gas=(--gas "$BROADCAST_GAS")
  if [ -n "$dir" ]; then
    flags=(--keyring-backend "$(cfg "$index" .keyring_backend test)" --keyring-dir "$dir")
  else
    mapfile -t flags < <(keyring_flags "$index")
  fi
  out=$(cli "$index" tx "$@" $(node_flags "$index") "${flags[@]}" --chain-id "$(cfg "$index" .chain_id)" \
    --from "$key" "${gas[@]}" \
    --gas-prices "$(cfg "$index" .gas_price)$(cfg "$index" .fee_denom)" -y -o json 2>&1) ||
    die "wasmd tx $* (signed by $key${dir:+ of $dir}) failed: $out"
  out=$(grep '^{' <<<"$out" | tail -1)
  code=$(jq -r '.code // 0' <<<"$out")
  [ "$code" = 0 ] || die "wasmd tx $* (signed by $key) was refused (code $code): $(jq -r .raw_log <<<"$out")"
  jq -r .txhash <<<"$out"
}
# included INDEX HASH WHAT: waits until transaction HASH is in a block of
# chain INDEX, fails unless it succeeded (WHAT names it), prints the result.
included() {
  local index=$1 hash=$2 what=$3 result code
  local deadline=$((SECONDS + 90))
  while :; do
    if result=$(cli "$index" query tx "$hash" $(node_flags "$index") -o json 2>/dev/null); then
      break
    fi
    [ $SECONDS -lt $deadline ] || die "transaction $hash ($what) not in a block after 90s"
    sleep 0.3
  done
  code=$(jq -r '.code // 0' <<<"$result")
  [ "$code" = 0 ] || die "$what failed in block $(jq -r .height <<<"$result"): $(jq -r .raw_log <<<"$result")"
  printf '%s' "$result"
}
# attr TYPE KEY: the first value of attribute KEY of an event TYPE of a tx result on stdin.
attr() { jq -r --arg t "$1" --arg k "$2" '[.events[] | select(.type == $t) | .attributes[] | select(.key == $k) | .value][0] // empty'; }
gas_used() { jq -r .gas_used; }

address_of() { # INDEX KEY-OR-ADDRESS
  local flags
  mapfile -t flags < <(keyring_flags "$1")
  cli "$1" keys show "$2" -a "${flags[@]}" 2>/dev/null || printf '%s' "$2"
}

network_of() { printf '%s.cosmos' "$(cfg "$1" .chain_id)"; }

STATE=$(mktemp)
trap 'rm -f "$STATE"' EXIT
echo '{"chains": {}}' > "$STATE"
# put INDEX JQ-PATH JSON-VALUE: records a value in the deployment of chain INDEX.
put() {
  local id tmp
  id=$(cfg "$1" .chain_id)
  tmp=$(jq --arg id "$id" --argjson v "$3" ".chains[\$id]$2 = \$v" "$STATE")
  printf '%s' "$tmp" > "$STATE"
}
get() { jq -r --arg id "$(cfg "$1" .chain_id)" ".chains[\$id]$2 // empty" "$STATE"; }

# instantiate INDEX CODE LABEL JSON: a contract owned (admin) by the deployer; prints its address.
instantiate() {
  local index=$1 code=$2 label=$3 msg=$4 result admin
  admin=$(address_of "$index" "$(cfg "$index" .key)")
  result=$(tx "$index" wasm instantiate "$(get "$index" ".code_ids[\"$code\"]")" "$msg" --label "$label" --admin "$admin")
  put "$index" ".gas[\"instantiate $label\"]" "$(gas_used <<<"$result")"
  attr instantiate _contract_address <<<"$result"
}
execute() { # INDEX CONTRACT JSON WHAT [FUNDS]
  local result
  result=$(tx "$1" wasm execute "$2" "$3" ${5:+--amount "$5"})
  put "$1" ".gas[\"$4\"]" "$(gas_used <<<"$result")"
}

# Whether chain INDEX's config asks for the sample data service.
wants_kv_service() { [ "$(cfg "$1" .kv_service false)" = true ]; }

# The kinds of verifier chain INDEX's link is made of.
verifier_kinds() {
  jq -r ".chains[$1].verifier // {kind: \"tendermint\"} | .. | objects | select(has(\"kind\")) | .kind" "$CONFIG" | sort -u
}

# The codes chain INDEX needs: the suite's, the sample service's and the
# verifiers' its config asks for.
codes_of() {
  printf '%s\n' "${CODES[@]}"
  if wants_kv_service "$1"; then echo kv-service; fi
  local kind
  for kind in $(verifier_kinds "$1"); do
    case "$kind" in
      tendermint) ;;
      committee | aggregate) echo "verifier-$kind" ;;
      *) die "chain $1: unknown verifier kind $kind (tendermint, committee or aggregate)" ;;
    esac
  done
}
CHAIN_COUNT=$(jq '.chains | length' "$CONFIG")
[ "$CHAIN_COUNT" -ge 2 ] || die "$CONFIG: at least two chains are needed, not $CHAIN_COUNT"
INDICES=$(seq 0 $((CHAIN_COUNT - 1)))
# index_of CHAIN-ID: the chain's index in the config.
index_of() {
  local index
  index=$(jq --arg id "$1" '[.chains[].chain_id] | index($id) // empty' "$CONFIG")
  [ -n "$index" ] || die "$CONFIG: no chain $1"
  echo "$index"
}
# The links, as "INDEX OTHER" lines: the config's `links`, or every pair.
links() {
  if jq -e 'has("links")' "$CONFIG" >/dev/null; then
    jq -r '.links[] | "\(.a) \(.b)"' "$CONFIG" | while read -r a b; do
      echo "$(index_of "$a") $(index_of "$b")"
    done
  else
    local i j
    for i in $INDICES; do
      for ((j = i + 1; j < CHAIN_COUNT; j++)); do echo "$i $j"; done
    done
  fi
}
for code in $(for index in $INDICES; do codes_of "$index"; done | sort -u); do
  [ -f "$ARTIFACTS/$code.wasm" ] || die "$ARTIFACTS/$code.wasm is missing: run scripts/build-wasm.sh"
done

store_codes() {
  local index=$1 code result
  for code in $(codes_of "$index"); do
    result=$(tx "$index" wasm store "$ARTIFACTS/$code.wasm")
    put "$index" ".code_ids[\"$code\"]" "$(attr store_code code_id <<<"$result")"
    put "$index" ".gas[\"store $code\"]" "$(gas_used <<<"$result")"
    log "$(cfg "$index" .chain_id): stored $code as code $(get "$index" ".code_ids[\"$code\"]") (gas $(gas_used <<<"$result"))"
  done
}

deploy_suite() {
  local index=$1 id center vault handler
  id=$(cfg "$index" .chain_id)
  center=$(instantiate "$index" message-center "btp message center" "$(jq -nc \
    --arg network "$(network_of "$index")" --arg denom "$(cfg "$index" .fee_denom)" \
    '{network: $network, owner: null, fee_denom: $denom, delivery_gas_limit: null}')")
  vault=$(instantiate "$index" token-vault "btp token vault" "$(jq -nc \
    --argjson code "$(get "$index" '.code_ids["cw20-base"]')" '{owner: null, handler: null, cw20_code_id: $code}')")
  handler=$(instantiate "$index" token-handler "btp token handler" "$(jq -nc \
    --arg center "$center" --arg vault "$vault" '{owner: null, message_center: $center, vault: $vault}')")
  execute "$index" "$vault" "$(jq -nc --arg h "$handler" '{set_handler: {handler: $h}}')" "vault set_handler"
  [ -n "$center" ] && [ -n "$vault" ] && [ -n "$handler" ] || die "$id: an instantiation gave no address"
  put "$index" .network "\"$(network_of "$index")\""
  put "$index" .message_center "\"$center\""
  put "$index" .vault "\"$vault\""
  put "$index" .handler "\"$handler\""
  log "$id: message center $center, vault $vault, token handler $handler"
}

# Seconds of a duration as the CLI prints it: Go's "504h0m0s" or protobuf's "1814400s".
duration_secs() {
  local text=$1 total=0
  [[ $text =~ ^(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)(\.[0-9]+)?s)?$ ]] || die "not a duration: $text"
  total=$((${BASH_REMATCH[2]:-0} * 3600 + ${BASH_REMATCH[4]:-0} * 60 + ${BASH_REMATCH[6]:-0}))
  [ "$total" -gt 0 ] || die "not a positive duration: $text"
  echo "$total"
}

hex_to_base64() { printf '%s' "$1" | xxd -r -p | base64 -w0; }

# verifier INDEX OTHER: a light client of chain OTHER on chain INDEX, trusting
# OTHER's header at its latest height with a canonical commit.
deploy_verifier() {
  local index=$1 other=$2 rpc height header unbonding trusting msg verifier
  rpc=$(cfg "$other" .rpc)
  height=$(curl -sf "$rpc/status" | jq -r .result.sync_info.latest_block_height)
  [ -n "$height" ] || die "cannot read the status of $rpc"
  height=$((height - 1))
  header=$(curl -sf "$rpc/commit?height=$height" | jq -c .result.signed_header.header)
  [ "$(jq -r .chain_id <<<"$header")" = "$(cfg "$other" .chain_id)" ] ||
    die "$rpc serves chain $(jq -r .chain_id <<<"$header"), not $(cfg "$other" .chain_id)"
  unbonding=$(cfg "$other" .unbonding_period_secs "")
  if [ -z "$unbonding" ]; then
    unbonding=$(cli "$other" query staking params $(node_flags "$other") -o json | jq -r .params.unbonding_time)
    unbonding=$(duration_secs "$unbonding")
  fi
  # ibc-go's usual choice: trust a header for two thirds of the unbonding period.
  trusting=$((unbonding * 2 / 3))
  msg=$(jq -nc \
    --arg chain_id "$(cfg "$other" .chain_id)" \
    --argjson height "$height" \
    --argjson trusting "$trusting" \
    --argjson unbonding "$unbonding" \
    --argjson drift "$(cfg "$index" .max_clock_drift_secs 60)" \
    --arg time "$(date -u -d "$(jq -r .time <<<"$header")" +%s%N)" \
    --arg app_hash "$(hex_to_base64 "$(jq -r .app_hash <<<"$header")")" \
    --arg next_vals "$(hex_to_base64 "$(jq -r .next_validators_hash <<<"$header")")" \
    '{owner: null,
      client_state: {chain_id: $chain_id, trust_level: {numerator: 1, denominator: 3},
        trusting_period_secs: $trusting, unbonding_period_secs: $unbonding,
        max_clock_drift_secs: $drift, latest_height: $height, frozen_height: null,
        proof_specs: [
          {leaf_spec: {hash: "sha256", prehash_key: "no_hash", prehash_value: "sha256", length: "var_proto", prefix: "AA=="},
           inner_spec: {child_order: [0, 1], child_size: 33, min_prefix_length: 4, max_prefix_length: 12, empty_child: "", hash: "sha256"},
           max_depth: 0, min_depth: 0, prehash_key_before_comparison: false},
          {leaf_spec: {hash: "sha256", prehash_key: "no_hash", prehash_value: "sha256", length: "var_proto", prefix: "AA=="},
           inner_spec: {child_order: [0, 1], child_size: 32, min_prefix_length: 1, max_prefix_length: 1, empty_child: "", hash: "sha256"},
           max_depth: 0, min_depth: 0, prehash_key_before_comparison: false}]},
      consensus_state: {timestamp: $time, app_hash: $app_hash, next_validators_hash: $next_vals}}')
  verifier=$(instantiate "$index" verifier-tendermint "btp light client of $(cfg "$other" .chain_id)" "$msg")
  [ -n "$verifier" ] || die "the light client of $(cfg "$other" .chain_id) was not instantiated"
  put "$index" .verifier "\"$verifier\""
  put "$index" ".verifiers[\"$(cfg "$other" .chain_id)\"]" "\"$verifier\""
  log "$(cfg "$index" .chain_id): light client of $(cfg "$other" .chain_id) $verifier, trusting its header $height"
}

# link_verifier INDEX OTHER SPEC: deploys the verifier SPEC describes (JSON,
# see the header) on chain INDEX for chain OTHER; prints its address.
link_verifier() {
  local index=$1 other=$2 spec=$3 member members=() msg address
  case "$(jq -r .kind <<<"$spec")" in
    tendermint)
      [ -n "$(get "$index" ".verifiers[\"$(cfg "$other" .chain_id)\"]")" ] ||
        die "chain $index: the light client of $(cfg "$other" .chain_id) must be deployed first"
      get "$index" ".verifiers[\"$(cfg "$other" .chain_id)\"]" ;;
    committee)
      msg=$(jq -c '{owner: null, domain: .domain, threshold: .threshold,
        rotation_delay_secs: (.rotation_delay_secs // 86400), signers: .signers}' <<<"$spec")
      address=$(instantiate "$index" verifier-committee "btp committee of $(cfg "$other" .chain_id)" "$msg")
      [ -n "$address" ] || die "the committee verifier of $(cfg "$other" .chain_id) was not instantiated"
      echo "$address" ;;
    aggregate)
      while read -r member; do
        members+=("$(link_verifier "$index" "$other" "$member")")
      done < <(jq -c '.members[]' <<<"$spec")
      msg=$(jq -nc --argjson spec "$spec" '{owner: null, threshold: $spec.threshold, verifiers: $ARGS.positional}' \
        --args "${members[@]}")
      address=$(instantiate "$index" verifier-aggregate "btp aggregate verifier of $(cfg "$other" .chain_id)" "$msg")
      [ -n "$address" ] || die "the aggregate verifier of $(cfg "$other" .chain_id) was not instantiated"
      echo "$address" ;;
  esac
}

link() { # INDEX OTHER
  local index=$1 other=$2 center network verifier delay
  center=$(get "$index" .message_center)
  network=$(network_of "$other")
  verifier=$(link_verifier "$index" "$other" "$(jq -c ".chains[$index].verifier // {kind: \"tendermint\"}" "$CONFIG")")
  [ -n "$verifier" ] || die "$(cfg "$index" .chain_id): no verifier for the link to $network"
  put "$index" .link_verifier "\"$verifier\""
  put "$index" ".link_verifiers[\"$(cfg "$other" .chain_id)\"]" "\"$verifier\""
  execute "$index" "$center" "$(jq -nc --arg n "$network" --arg v "$verifier" \
    --arg r "$(get "$other" .message_center)" \
    '{add_link: {network: $n, verifier: $v, remote_message_center: $r, relayers: []}}')" "message-center add_link"
  delay=$(jq -c ".chains[$index].link_delay // empty" "$CONFIG")
  if [ -n "$delay" ]; then
    execute "$index" "$center" "$(jq -nc --arg n "$network" --argjson d "$delay" \
      '{set_link_delay: {network: $n, delay: {seconds: $d.seconds, blocks: $d.blocks}}}')" "message-center set_link_delay"
  fi
  if [ "$(get "$index" .bts_registered)" != true ]; then
    execute "$index" "$center" "$(jq -nc --arg h "$(get "$index" .handler)" '{add_service: {svc: "bts", handler: $h, batches: true}}')" "message-center add_service"
    put "$index" .bts_registered true
  fi
  execute "$index" "$center" "$(jq -nc --arg n "$network" --arg f "$(cfg "$index" .relay_fee 0)" \
    '{set_fee: {network: $n, forward: $f, backward: "0"}}')" "message-center set_fee"
  log "$(cfg "$index" .chain_id): linked to $network"
}

# The config's routes (see the header), each set with `set_route`.
set_routes() {
  local route index
  while read -r route; do
    [ -n "$route" ] || continue
    index=$(index_of "$(jq -r .chain <<<"$route")")
    execute "$index" "$(get "$index" .message_center)" "$(jq -c '{set_route: {
      network: (.network + ".cosmos"), next: (.next + ".cosmos"),
      forward_fees: .forward_fees, backward_fees: .backward_fees}}' <<<"$route")" "message-center set_route"
    log "$(jq -r '"\(.chain): reaches \(.network) through \(.next)"' <<<"$route")"
  done < <(jq -c '.routes // [] | .[]' "$CONFIG")
}

# The sample data service on chain INDEX, registered for `svc` "kv", when the config asks for it.
deploy_kv_service() {
  local index=$1 center kv
  wants_kv_service "$index" || return 0
  center=$(get "$index" .message_center)
  kv=$(instantiate "$index" kv-service "btp kv sample service" "$(jq -nc --arg center "$center" \
    '{owner: null, message_center: $center}')")
  [ -n "$kv" ] || die "$(cfg "$index" .chain_id): the kv service was not instantiated"
  execute "$index" "$center" "$(jq -nc --arg h "$kv" '{add_service: {svc: "kv", handler: $h, batches: true}}')" "message-center add_service kv"
  put "$index" .kv_service "\"$kv\""
  log "$(cfg "$index" .chain_id): kv sample service $kv"
}

# Home coins of chain INDEX (creating the test cw20 tokens), and their wrapped
# counterparts on every other chain.
register_coins() {
  local index=$1 other count i coin name origin token fee limits
  count=$(jq ".chains[$index].coins | length" "$CONFIG")
  limits='{"min": "0", "max": null, "rate_limit": null}'
  for ((i = 0; i < count; i++)); do
    coin=$(jq -c ".chains[$index].coins[$i]" "$CONFIG")
    name=$(jq -r .name <<<"$coin")
    fee=$(jq -c '{ratio: (.fee_ratio // "0"), fixed: (.fee_fixed // "0")}' <<<"$coin")
    if jq -e .native <<<"$coin" >/dev/null; then
      origin=$(jq -c '{native_home: {denom: .native}}' <<<"$coin")
    elif jq -e .cw20 <<<"$coin" >/dev/null; then
      origin=$(jq -c '{cw20_home: {address: .cw20}}' <<<"$coin")
    elif jq -e .cw20_new <<<"$coin" >/dev/null; then
      token=$(instantiate "$index" cw20-base "$name" "$(jq -c --arg holder "$(address_of "$index" "$(jq -r .cw20_new.holder <<<"$coin")")" \
        '{name: .cw20_new.name, symbol: .cw20_new.symbol, decimals: .decimals,
          initial_balances: [{address: $holder, amount: .cw20_new.supply}], mint: null, marketing: null}' <<<"$coin")")
      put "$index" ".tokens[\"$name\"]" "\"$token\""
      log "$(cfg "$index" .chain_id): test token $name is $token"
      origin=$(jq -nc --arg t "$token" '{cw20_home: {address: $t}}')
    else
      die "coin $name: one of native, cw20 or cw20_new is needed"
    fi
    execute "$index" "$(get "$index" .handler)" "$(jq -nc --arg n "$name" --argjson o "$origin" --argjson f "$fee" \
      --argjson l "$limits" '{register_coin: {coin_name: $n, origin: $o, fee: $f, limits: $l}}')" "token-handler register_coin"
    for other in $INDICES; do
      [ "$other" = "$index" ] && continue
      execute "$other" "$(get "$other" .handler)" "$(jq -nc --arg n "$name" --arg home "$(network_of "$index")" \
        --argjson f "$fee" --argjson l "$limits" --argjson c "$coin" \
        '{register_coin: {coin_name: $n, origin: {foreign: {home_network: $home, name: $c.wrapped_name,
          symbol: $c.wrapped_symbol, decimals: $c.decimals}}, fee: $f, limits: $l}}')" "token-handler register_coin foreign"
      log "coin $name: at home on $(cfg "$index" .chain_id), wrapped on $(cfg "$other" .chain_id)"
    done
  done
}

# Whether chain INDEX's codes are to be pinned (flag or env first, then the config).
wants_pinned() {
  case "$PIN_FLAG" in
    1 | true | yes) return 0 ;;
    0 | false | no) return 1 ;;
    "") ;;
    *) die "CW_BTP_PIN_CODES must be 1 or 0, not $PIN_FLAG" ;;
  esac
  [ "$(jq -r "if .chains[$1].pin_codes == null then (.pin_codes // false) else .chains[$1].pin_codes end" "$CONFIG")" = true ]
}

# gov_voters INDEX: "KEY<tab>KEYRING-DIR" of every key that votes yes on chain INDEX.
gov_voters() {
  local index=$1 dir node key
  if [ "$(jq ".chains[$index].gov_voters | length" "$CONFIG")" != 0 ]; then
    jq -r ".chains[$index].gov_voters[] | [.key, (.keyring_dir // \"\")] | @tsv" "$CONFIG" |
      while IFS=$'\t' read -r key dir; do printf '%s\t%s\n' "$key" "$(expand "$dir")"; done
    return 0
  fi
  dir=$(cfg "$index" .keyring_dir "")
  printf '%s\t%s\n' "$(cfg "$index" .key)" "$dir"
  # The localnet's further validators (scripts/localnet.sh, CW_BTP_VALIDATORS).
  if [ -n "$dir" ]; then
    for node in "$dir"-node*; do
      [ -d "$node" ] && printf '%s\t%s\n' validator "$node"
    done
  fi
  return 0
}

# pin_codes INDEX: pins the codes of chain INDEX's deployment through its
# governance (see the header) and checks that the chain lists them pinned.
pin_codes() {
  local index=$1 id codes authority deposit period proposal result proposal_id key dir hash status deadline pinned missing
  local hashes=()
  id=$(cfg "$index" .chain_id)
  codes=$(jq -c --arg id "$id" '[.chains[$id].code_ids[]] | map(tostring) | unique' "$STATE")
  [ "$codes" != "[]" ] || die "$id: no codes to pin"
  authority=$(cli "$index" query auth module-account gov $(node_flags "$index") -o json |
    jq -r '[.. | objects | select(has("address")) | .address][0] // empty')
  [ -n "$authority" ] || die "$id: cannot read the gov module's address (query auth module-account gov)"
  local params
  params=$(cli "$index" query gov params $(node_flags "$index") -o json) || die "$id: cannot read the gov params"
  deposit=$(jq -r '(.params // .deposit_params).min_deposit | map("\(.amount)\(.denom)") | join(",")' <<<"$params")
  period=$(duration_secs "$(jq -r '(.params // .voting_params).voting_period' <<<"$params")")
  [ "$period" -le 600 ] || log "$id: the voting period is ${period}s: waiting that long (the localnet's genesis makes it 10s)"
  proposal=$(mktemp)
  jq -n --arg authority "$authority" --argjson codes "$codes" --arg deposit "$deposit" \
    '{messages: [{"@type": "/cosmwasm.wasm.v1.MsgPinCodes", authority: $authority, code_ids: $codes}],
      metadata: "", deposit: $deposit, title: "Pin the cw-btp codes",
      summary: ("Pins codes " + ($codes | join(", ")) + " of the cw-btp suite in the wasm VM cache"), expedited: false}' > "$proposal"
  result=$(tx "$index" gov submit-proposal "$proposal")
  rm -f "$proposal"
  proposal_id=$(attr submit_proposal proposal_id <<<"$result")
  [ -n "$proposal_id" ] || die "$id: the pin proposal got no id"
  put "$index" '.gas["gov submit-proposal MsgPinCodes"]' "$(gas_used <<<"$result")"
  log "$id: proposal $proposal_id pins codes $(jq -r 'join(", ")' <<<"$codes") (deposit $deposit, voting ${period}s)"
  # Every voter's vote is broadcast before any is waited for: they must all
  # be in before the (short) voting period ends.
  while IFS=$'\t' read -r key dir; do
    # A fixed limit: votes simulated while others are pending come out too low.
    hash=$(BROADCAST_GAS=300000 broadcast_as "$index" "$key" "$dir" gov vote "$proposal_id" yes) ||
      die "$id: the vote of $key on proposal $proposal_id was not sent"
    hashes+=("$hash")
  done < <(gov_voters "$index")
  for hash in "${hashes[@]}"; do
    included "$index" "$hash" "the vote on proposal $proposal_id" >/dev/null
  done
  log "$id: ${#hashes[@]} yes vote(s) on proposal $proposal_id"
  deadline=$((SECONDS + period + 60))
  while :; do
    status=$(cli "$index" query gov proposal "$proposal_id" $(node_flags "$index") -o json | jq -r '.proposal.status // .status')
    case $status in
      *PASSED* | 3) break ;;
      *REJECTED* | *FAILED* | 4 | 5)
        die "$id: proposal $proposal_id to pin the codes ended $status: $(cli "$index" query gov tally "$proposal_id" $(node_flags "$index") -o json 2>&1)" ;;
    esac
    [ $SECONDS -lt $deadline ] || die "$id: proposal $proposal_id is still $status $((period + 60))s after the votes"
    sleep 1
  done
  pinned=$(cli "$index" query wasm pinned $(node_flags "$index") --limit 1000 -o json | jq -c '[.code_ids[] | tostring]')
  missing=$(jq -nc --argjson want "$codes" --argjson have "$pinned" '$want - $have')
  [ "$missing" = "[]" ] || die "$id: proposal $proposal_id passed but codes $missing are not pinned (pinned: $pinned)"
  put "$index" .pinned_codes "$codes"
  log "$id: codes $(jq -r 'join(", ")' <<<"$codes") pinned (query wasm pinned)"
}

if $PIN_ONLY; then
  [ -f "$DEPLOYMENT" ] || die "--pin-only: no deployment file $DEPLOYMENT"
  jq . "$DEPLOYMENT" > "$STATE"
  for index in $INDICES; do
    pin_codes "$index"
  done
  jq . "$STATE" > "$DEPLOYMENT"
  log "codes pinned; recorded in $DEPLOYMENT"
  exit 0
fi

started=$SECONDS
for index in $INDICES; do
  put "$index" .chain_id "\"$(cfg "$index" .chain_id)\""
  store_codes "$index"
  if wants_pinned "$index"; then
    pin_codes "$index"
  fi
  deploy_suite "$index"
done
while read -r a b; do
  deploy_verifier "$a" "$b"
  deploy_verifier "$b" "$a"
  link "$a" "$b"
  link "$b" "$a"
done < <(links)
set_routes
for index in $INDICES; do
  deploy_kv_service "$index"
done
for index in $INDICES; do
  register_coins "$index"
done

mkdir -p "$(dirname "$DEPLOYMENT")"
jq . "$STATE" > "$DEPLOYMENT"
log "deployed in $((SECONDS - started))s; addresses in $DEPLOYMENT"
