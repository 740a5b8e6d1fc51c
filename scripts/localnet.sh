#!/usr/bin/env bash
# Two (or three) single-validator wasmd chains on loopback, for the deploy
# scripts, the relayer and the end-to-end tests (TOOLCHAIN.md, "Real local
# chains"). CW_BTP_CHAINS=3 adds btp-c (home coin ucoinc), for routes through
# btp-b (scripts/e2e-three.sh); its ports follow btp-b's (+100).
#
#   bash scripts/localnet.sh up       # build wasmd once (cached), start btp-a and btp-b afresh
#   bash scripts/localnet.sh status   # each chain's height, or "down"
#   bash scripts/localnet.sh down     # stop the nodes this script started (by pid file)
#   bash scripts/localnet.sh stop btp-b   # stop one chain's nodes, keeping its state
#   bash scripts/localnet.sh start btp-b  # start a stopped chain again where it stopped
#   bash scripts/localnet.sh bin      # build wasmd if needed and print its path
#   bash scripts/localnet.sh config   # the deploy config of the running localnet (its ports)
#   bash scripts/localnet.sh ports    # its ports, as JSON
#
# wasmd v0.61.14 is built from the Go module proxy into
# $CW_BTP_CACHE/wasmd-v0.61.14 (about 9 minutes once; `bin/wasmd` is a wrapper
# that finds the libwasmvm it was linked with). Chain homes live under
# $CW_BTP_LOCALNET (default $CW_BTP_CACHE/localnet): <chain-id>/ holds the
# node's home, its test keyring (keys validator, user, relayer; mnemonics in
# keys/<name>.mnemonic), node.log and wasmd.pid. Blocks every ~200ms, no
# pruning (proofs of past heights need old versions), every port on 127.0.0.1.
#
# Ports: every port of both chains comes from one base, CW_BTP_PORT_BASE
# (default 26656): node n of chain i (btp-a 0, btp-b 1) listens on
# base + 100*i + 10*n + offset, the offsets p2p 0, rpc 1, abci 2, pprof 3,
# grpc 4, api 5, prometheus 6; the localnet takes 100 ports per chain from the
# base. With the default base:
#
#   chain  p2p    rpc    abci   pprof  grpc   api    prometheus
#   btp-a  26656  26657  26658  26659  26660  26661  26662
#   btp-b  26756  26757  26758  26759  26760  26761  26762
#
# so deploy/localnet.json (RPC 26657 and 26757) fits it. `up` refuses a base
# whose ports are taken or which another localnet is starting on (a lock,
# $CW_BTP_CACHE/port-locks/<base>.lock, held by the nodes while they run),
# and records the ports in $CW_BTP_LOCALNET: ports.json, and localnet.json,
# deploy/localnet.json with each chain's `rpc` on this localnet's port and
# $CW_BTP_LOCALNET written out (scripts/deploy.sh takes it by default when it
# exists; `btp --config` takes it too). The other commands read the base from
# ports.json. scripts/e2e.sh and scripts/soak.sh pick a free base themselves
# (scripts/ports.sh), so they run beside a developer's localnet.
#
# CW_BTP_VALIDATORS=4 gives each chain four validators of equal power (node i
# of a chain has its ports +10*i, its home <chain-id>-node<i>); node 0 serves
# the RPC above and holds the keys. CW_BTP_VALIDATORS=4,1 gives btp-a four
# and btp-b one.
set -euo pipefail
cd "$(dirname "$0")/.."

WASMD_VERSION=v0.61.14
# wasmd's go.mod names go1.24.1 as its toolchain; newer Go (1.26) cannot build
# its bytedance/sonic dependency, so the Go command fetches this toolchain
# (a module of the Go module proxy) when the installed one is different.
WASMD_GO_TOOLCHAIN=go1.24.1
export CW_BTP_CACHE="${CW_BTP_CACHE:-$HOME/.cache/cw-btp}"
export CW_BTP_LOCALNET="${CW_BTP_LOCALNET:-$CW_BTP_CACHE/localnet}"
WASMD_ROOT="$CW_BTP_CACHE/wasmd-$WASMD_VERSION"
WASMD="$WASMD_ROOT/bin/wasmd"
CHAINS=(btp-a btp-b)
case "${CW_BTP_CHAINS:-2}" in
  2) ;;
  3) CHAINS+=(btp-c) ;;
  *) echo "[localnet] error: CW_BTP_CHAINS must be 2 or 3, not $CW_BTP_CHAINS" >&2; exit 1 ;;
esac

log() { printf '[localnet] %s\n' "$*" >&2; }
die() { printf '[localnet] error: %s\n' "$*" >&2; exit 1; }

# Validator nodes per chain (CW_BTP_VALIDATORS, default 1): node 0 serves the
# RPC the deploy config names and holds the keys; nodes 1.. are validators of
# the same power, peers of node 0 on loopback.
# "N" for every chain or one count per chain ("N,M" for btp-a and btp-b).
IFS=, read -r -a VALIDATORS <<<"${CW_BTP_VALIDATORS:-1}"
if [ "${#VALIDATORS[@]}" = 1 ]; then
  for ((i = 1; i < ${#CHAINS[@]}; i++)); do VALIDATORS+=("${VALIDATORS[0]}"); done
fi
validators_ok=$([ "${#VALIDATORS[@]}" = "${#CHAINS[@]}" ] && echo true || echo false)
for count in "${VALIDATORS[@]}"; do [[ $count =~ ^[1-9]$ ]] || validators_ok=false; done
$validators_ok ||
  { echo "[localnet] error: CW_BTP_VALIDATORS must be N or one count per chain (${CHAINS[*]}), each 1 to 9, not ${CW_BTP_VALIDATORS:-}" >&2; exit 1; }

# The port base: for `up` CW_BTP_PORT_BASE (default 26656); for the other
# commands the base the running localnet recorded in ports.json.
DEFAULT_PORT_BASE=26656
PORTS_FILE="$CW_BTP_LOCALNET/ports.json"
SERVICES=(p2p rpc abci pprof grpc api prometheus)
if [ "${1:-}" != up ] && [ -f "$PORTS_FILE" ]; then
  PORT_BASE=$(jq -r .base "$PORTS_FILE")
else
  PORT_BASE=${CW_BTP_PORT_BASE:-$DEFAULT_PORT_BASE}
fi
[[ $PORT_BASE =~ ^[1-9][0-9]*$ ]] && [ "$PORT_BASE" -ge 1024 ] && [ "$PORT_BASE" -le 65335 ] ||
  { echo "[localnet] error: the port base (CW_BTP_PORT_BASE) must be a number from 1024 to 65335, not $PORT_BASE" >&2; exit 1; }

# Port of a service of node NODE (default 0) on chain index 0 or 1.
port() {
  local service=$1 index=$2 node=${3:-0} offset
  case $service in
    p2p) offset=0 ;;
    rpc) offset=1 ;;
    abci) offset=2 ;;
    pprof) offset=3 ;;
    grpc) offset=4 ;;
    api) offset=5 ;;
    prometheus) offset=6 ;;
    *) die "no service $service" ;;
  esac
  echo $((PORT_BASE + 100 * index + 10 * node + offset))
}

wasmd_works() { [ -x "$WASMD" ] && "$WASMD" query wasm libwasmvm-version >/dev/null 2>&1; }

# Builds wasmd into $WASMD_ROOT unless a working binary is already there.
ensure_wasmd() {
  if wasmd_works; then return; fi
  command -v go >/dev/null || die "Go is needed to build wasmd (none on PATH)"
  command -v gcc >/dev/null || die "gcc is needed to build wasmd (cgo, libwasmvm)"
  log "building wasmd $WASMD_VERSION into $WASMD_ROOT (once; takes several minutes)"
  local started=$SECONDS work dir lib
  work=$(mktemp -d)
  dir=$(GOTOOLCHAIN=$WASMD_GO_TOOLCHAIN go mod download -json "github.com/CosmWasm/wasmd@$WASMD_VERSION" | jq -r .Dir)
  [ -d "$dir" ] || die "go mod download did not give wasmd's source"
  cp -r "$dir" "$work/wasmd"
  chmod -R u+w "$work/wasmd"
  mkdir -p "$WASMD_ROOT/libexec" "$WASMD_ROOT/lib" "$WASMD_ROOT/bin"
  (cd "$work/wasmd" && GOTOOLCHAIN=$WASMD_GO_TOOLCHAIN CGO_ENABLED=1 \
    go build -mod=readonly -trimpath -tags netgo -ldflags '-checklinkname=0' \
    -o "$WASMD_ROOT/libexec/wasmd" ./cmd/wasmd) >&2
  # The binary finds libwasmvm through an rpath into the Go module cache; keep a
  # copy beside it so that cleaning that cache does not break it.
  lib=$(cd "$work/wasmd" && GOTOOLCHAIN=$WASMD_GO_TOOLCHAIN go list -m -f '{{.Dir}}' github.com/CosmWasm/wasmvm/v3)/internal/api/libwasmvm.x86_64.so
  cp "$lib" "$WASMD_ROOT/lib/"
  cat > "$WASMD" <<'EOF'
#!/usr/bin/env bash
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export LD_LIBRARY_PATH="$root/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
exec "$root/libexec/wasmd" "$@"
EOF
  chmod +x "$WASMD"
  rm -rf "$work"
  wasmd_works || die "the wasmd just built does not run ($WASMD query wasm libwasmvm-version)"
  log "built wasmd $WASMD_VERSION in $((SECONDS - started))s (libwasmvm $("$WASMD" query wasm libwasmvm-version))"
}

# The home of node NODE (default 0) of a chain.
home_of() {
  if [ "${2:-0}" = 0 ]; then echo "$CW_BTP_LOCALNET/$1"; else echo "$CW_BTP_LOCALNET/$1-node$2"; fi
}

# The pid of the node of HOME, if it is running and this script started it.
running_pid() {
  local home=$1 pid
  [ -f "$home/wasmd.pid" ] || return 1
  pid=$(cat "$home/wasmd.pid")
  # Only a process this script started: the pid must still be a wasmd of that home.
  if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "--home $home "; then
    echo "$pid"
    return 0
  fi
  return 1
}

height() {
  curl -sf "http://127.0.0.1:$(port rpc "$1")/status" | jq -r .result.sync_info.latest_block_height
}

# configure HOME INDEX NODE: ports, fast blocks, no pruning.
configure() {
  local home=$1 index=$2 node=$3
  local config="$home/config/config.toml" app="$home/config/app.toml"
  sed -i \
    -e "s#^laddr = \"tcp://127.0.0.1:26657\"#laddr = \"tcp://127.0.0.1:$(port rpc "$index" "$node")\"#" \
    -e "s#^laddr = \"tcp://0.0.0.0:26656\"#laddr = \"tcp://127.0.0.1:$(port p2p "$index" "$node")\"#" \
    -e "s#^proxy_app = .*#proxy_app = \"tcp://127.0.0.1:$(port abci "$index" "$node")\"#" \
    -e "s#^pprof_laddr = .*#pprof_laddr = \"127.0.0.1:$(port pprof "$index" "$node")\"#" \
    -e "s#^prometheus_listen_addr = .*#prometheus_listen_addr = \"127.0.0.1:$(port prometheus "$index" "$node")\"#" \
    -e "s#^timeout_commit = .*#timeout_commit = \"200ms\"#" \
    -e "s#^timeout_propose = .*#timeout_propose = \"1s\"#" \
    -e "s#^addr_book_strict = .*#addr_book_strict = false#" \
    -e "s#^allow_duplicate_ip = .*#allow_duplicate_ip = true#" \
    -e "s#^indexer = .*#indexer = \"kv\"#" \
    "$config"
  sed -i \
    -e "s#^pruning = .*#pruning = \"nothing\"#" \
    -e "s#^minimum-gas-prices = .*#minimum-gas-prices = \"0.0025stake\"#" \
    -e "s#^address = \"tcp://localhost:1317\"#address = \"tcp://127.0.0.1:$(port api "$index" "$node")\"#" \
    -e "s#^address = \"localhost:9090\"#address = \"127.0.0.1:$(port grpc "$index" "$node")\"#" \
    -e "s#^address = \"0.0.0.0:9090\"#address = \"127.0.0.1:$(port grpc "$index" "$node")\"#" \
    "$app"
  # Every moved port must have been found in the files.
  grep -q "127.0.0.1:$(port rpc "$index" "$node")\"" "$config" || die "$config: RPC address not set"
  grep -q "127.0.0.1:$(port p2p "$index" "$node")\"" "$config" || die "$config: P2P address not set"
  grep -q "127.0.0.1:$(port abci "$index" "$node")\"" "$config" || die "$config: ABCI address not set"
  grep -q "127.0.0.1:$(port pprof "$index" "$node")\"" "$config" || die "$config: pprof address not set"
  grep -q "127.0.0.1:$(port prometheus "$index" "$node")\"" "$config" || die "$config: prometheus address not set"
  grep -q "127.0.0.1:$(port grpc "$index" "$node")\"" "$app" || die "$app: gRPC address not set"
  grep -q "127.0.0.1:$(port api "$index" "$node")\"" "$app" || die "$app: API address not set"
  grep -q '^pruning = "nothing"' "$app" || die "$app: pruning not set"
  grep -q '^timeout_commit = "200ms"' "$config" || die "$config: timeout_commit not set"
}

init_chain() {
  local chain=$1 index=$2 home node
  local validators=${VALIDATORS[$index]}
  home=$(home_of "$chain")
  rm -rf "$home" "$CW_BTP_LOCALNET/$chain"-node*
  mkdir -p "$home/keys"
  local w=("$WASMD" --home "$home")
  for ((node = 0; node < validators; node++)); do
    "$WASMD" --home "$(home_of "$chain" "$node")" init "$chain-node$node" --chain-id "$chain" --default-denom stake >/dev/null 2>&1
  done
  local home_denom=ucoin${chain#btp-}
  for name in validator user relayer; do
    "${w[@]}" keys add "$name" --keyring-backend test --output json 2>&1 | jq -r .mnemonic > "$home/keys/$name.mnemonic"
    chmod 600 "$home/keys/$name.mnemonic"
    "${w[@]}" keys show "$name" -a --keyring-backend test > "$home/keys/$name.address"
    "${w[@]}" genesis add-genesis-account "$(cat "$home/keys/$name.address")" \
      "1000000000000stake,1000000000000$home_denom" --keyring-backend test
  done
  # Validators of the other nodes: a key in each node's keyring, an account in genesis.
  for ((node = 1; node < validators; node++)); do
    local other
    other=$(home_of "$chain" "$node")
    "$WASMD" --home "$other" keys add validator --keyring-backend test >/dev/null 2>&1
    "${w[@]}" genesis add-genesis-account \
      "$("$WASMD" --home "$other" keys show validator -a --keyring-backend test)" 1000000000000stake
  done
  # Governance in seconds, for `deploy.sh --pin-codes` (a proposal pins the suite's codes):
  # voting 10s (expedited 5s), deposits small and open for 10s.
  jq '.app_state.gov.params |= (.voting_period = "10s" | .expedited_voting_period = "5s"
      | .max_deposit_period = "10s" | .min_deposit = [{denom: "stake", amount: "1000"}]
      | .expedited_min_deposit = [{denom: "stake", amount: "2000"}])' \
    "$home/config/genesis.json" > "$home/config/genesis.json.tmp"
  mv "$home/config/genesis.json.tmp" "$home/config/genesis.json"
  for ((node = 1; node < validators; node++)); do
    local other
    other=$(home_of "$chain" "$node")
    cp "$home/config/genesis.json" "$other/config/genesis.json"
    "$WASMD" --home "$other" genesis gentx validator 250000000stake --chain-id "$chain" --keyring-backend test >/dev/null 2>&1
    mkdir -p "$home/config/gentx"
    cp "$other"/config/gentx/*.json "$home/config/gentx/"
  done
  "${w[@]}" genesis gentx validator 250000000stake --chain-id "$chain" --keyring-backend test >/dev/null 2>&1
  "${w[@]}" genesis collect-gentxs >/dev/null 2>&1
  "${w[@]}" genesis validate >/dev/null

  local peers=() id
  for ((node = 0; node < validators; node++)); do
    [ "$node" = 0 ] || cp "$home/config/genesis.json" "$(home_of "$chain" "$node")/config/genesis.json"
    configure "$(home_of "$chain" "$node")" "$index" "$node"
    id=$("$WASMD" --home "$(home_of "$chain" "$node")" comet show-node-id)
    peers+=("$id@127.0.0.1:$(port p2p "$index" "$node")")
  done
  if [ "$validators" -gt 1 ]; then
    for ((node = 0; node < validators; node++)); do
      local list
      list=$(printf '%s\n' "${peers[@]}" | grep -v "^${peers[$node]}$" | paste -sd, -)
      sed -i "s#^persistent_peers = .*#persistent_peers = \"$list\"#" "$(home_of "$chain" "$node")/config/config.toml"
    done
  fi
  # The CLI of this home talks to this chain.
  "${w[@]}" config set client chain-id "$chain" >/dev/null
  "${w[@]}" config set client keyring-backend test >/dev/null
  "${w[@]}" config set client node "tcp://127.0.0.1:$(port rpc "$index")" >/dev/null
}

# Every node home of a chain that exists.
homes_of() {
  local home
  for home in "$CW_BTP_LOCALNET/$1" "$CW_BTP_LOCALNET/$1"-node*; do
    [ -d "$home" ] && echo "$home"
  done
  return 0
}

start_chain() {
  local chain=$1 home
  for home in $(homes_of "$chain"); do
    # The node inherits the lock of the port base (fd 8, taken by `up`), so
    # the base stays locked while any node runs.
    # setsid: the node survives this script, and Ctrl-C in the caller's terminal does not reach it.
    setsid "$WASMD" start --home "$home" > "$home/node.log" 2>&1 < /dev/null &
    # The wrapper execs wasmd, so this pid is the node's.
    echo "$!" > "$home/wasmd.pid"
  done
}

wait_for() {
  local chain=$1 index=$2 deadline=$((SECONDS + 90)) h home
  while [ $SECONDS -lt $deadline ]; do
    h=$(height "$index" 2>/dev/null || true)
    if [ -n "$h" ] && [ "$h" != null ] && [ "$h" -ge 2 ]; then
      return 0
    fi
    for home in $(homes_of "$chain"); do
      running_pid "$home" >/dev/null || { tail -20 "$home/node.log" >&2; die "$chain: the node of $home exited while starting"; }
    done
    sleep 0.3
  done
  tail -20 "$(home_of "$chain")/node.log" >&2
  die "$chain produced no block within 90s"
}

# Stops the nodes of CHAIN that this script started; their state stays.
stop_chain() {
  local chain=$1 pid home
  for home in $(homes_of "$chain"); do
    if pid=$(running_pid "$home"); then
      kill "$pid"
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      log "$chain stopped (pid $pid, $home)"
    fi
    rm -f "$home/wasmd.pid"
  done
}

cmd_down() {
  local chain
  for chain in "${CHAINS[@]}"; do
    stop_chain "$chain"
  done
}

# Index of a chain id in CHAINS.
index_of() {
  local index
  for index in "${!CHAINS[@]}"; do
    [ "${CHAINS[$index]}" = "$1" ] && { echo "$index"; return 0; }
  done
  die "no chain $1 (the chains are ${CHAINS[*]})"
}

cmd_stop() {
  index_of "$1" >/dev/null
  stop_chain "$1"
}

cmd_start() {
  local index
  index=$(index_of "$1")
  [ -d "$(home_of "$1")" ] || die "$1 was never set up: run $0 up first"
  running_pid "$(home_of "$1")" >/dev/null && die "$1 is running already"
  # The lock of the port base, unless the localnet's other nodes hold it.
  if command -v flock >/dev/null && [ -f "$PORTS_FILE" ]; then
    exec 8>"$CW_BTP_CACHE/port-locks/$PORT_BASE.lock"
    flock -n 8 || true
  fi
  start_chain "$1"
  wait_for "$1" "$index"
  log "$1 started again at height $(height "$index")"
}

# lock_port_base: takes the lock of PORT_BASE on fd 8 (kept by the nodes
# this script starts), or fails when another localnet holds it.
lock_port_base() {
  command -v flock >/dev/null || { log "warning: no flock; the port base is not locked"; return 0; }
  mkdir -p "$CW_BTP_CACHE/port-locks"
  exec 8>"$CW_BTP_CACHE/port-locks/$PORT_BASE.lock"
  flock -n 8 || die "port base $PORT_BASE is in use by another localnet (its lock $CW_BTP_CACHE/port-locks/$PORT_BASE.lock is held): choose another CW_BTP_PORT_BASE"
}

# write_ports: ports.json and the deploy config of this localnet (see the header).
write_ports() {
  local index node service chains='{}' nodes entry
  for index in "${!CHAINS[@]}"; do
    nodes='[]'
    for ((node = 0; node < VALIDATORS[index]; node++)); do
      entry=$(jq -nc --arg home "$(home_of "${CHAINS[$index]}" "$node")" '{home: $home}')
      for service in "${SERVICES[@]}"; do
        entry=$(jq -c --arg s "$service" --argjson p "$(port "$service" "$index" "$node")" '.[$s] = $p' <<<"$entry")
      done
      nodes=$(jq -c --argjson e "$entry" '. + [$e]' <<<"$nodes")
    done
    chains=$(jq -c --arg id "${CHAINS[$index]}" --argjson nodes "$nodes" \
      --arg rpc "http://127.0.0.1:$(port rpc "$index")" '.[$id] = {rpc: $rpc, nodes: $nodes}' <<<"$chains")
  done
  jq -n --argjson base "$PORT_BASE" --argjson chains "$chains" '{base: $base, chains: $chains}' > "$PORTS_FILE"
  # deploy/localnet.json (or CW_BTP_LOCALNET_CONFIG) on these ports, with this localnet's directory.
  jq --argjson ports "$chains" --arg localnet "$CW_BTP_LOCALNET" '
    (.chains[] | select($ports[.chain_id] != null)) |= (.rpc = $ports[.chain_id].rpc)
    | walk(if type == "string" then gsub("\\$CW_BTP_LOCALNET"; $localnet) else . end)' \
    "${CW_BTP_LOCALNET_CONFIG:-deploy/localnet.json}" > "$CW_BTP_LOCALNET/localnet.json"
}

cmd_up() {
  ensure_wasmd
  command -v jq >/dev/null || die "jq is needed"
  command -v curl >/dev/null || die "curl is needed"
  cmd_down
  [ $((PORT_BASE + 100 * ${#CHAINS[@]} - 1)) -le 65535 ] || die "port base $PORT_BASE: its $((100 * ${#CHAINS[@]})) ports do not fit below 65536"
  lock_port_base
  local index=0 chain service node
  for service in "${SERVICES[@]}"; do
    for index in "${!CHAINS[@]}"; do
      for ((node = 0; node < VALIDATORS[index]; node++)); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$(port "$service" "$index" "$node")") 2>/dev/null; then
          die "port $(port "$service" "$index" "$node") ($service of ${CHAINS[$index]}) is taken: another localnet? Stop it with its scripts/localnet.sh down, or choose another CW_BTP_PORT_BASE (now $PORT_BASE)"
        fi
      done
    done
  done
  mkdir -p "$CW_BTP_LOCALNET"
  rm -f "$PORTS_FILE"
  index=0
  for chain in "${CHAINS[@]}"; do
    init_chain "$chain" "$index"
    index=$((index + 1))
  done
  write_ports
  index=0
  for chain in "${CHAINS[@]}"; do
    start_chain "$chain"
    index=$((index + 1))
  done
  index=0
  for chain in "${CHAINS[@]}"; do
    wait_for "$chain" "$index"
    log "$chain up: ${VALIDATORS[$index]} validator(s), rpc http://127.0.0.1:$(port rpc "$index"), home $(home_of "$chain"), pid $(cat "$(home_of "$chain")/wasmd.pid")"
    index=$((index + 1))
  done
  log "ports from base $PORT_BASE in $PORTS_FILE; deploy config $CW_BTP_LOCALNET/localnet.json"
}

cmd_status() {
  local index=0 chain status=0 pid
  for chain in "${CHAINS[@]}"; do
    if pid=$(running_pid "$(home_of "$chain")"); then
      printf '%s: height %s (pid %s, rpc http://127.0.0.1:%s)\n' "$chain" "$(height "$index" || echo '?')" "$pid" "$(port rpc "$index")"
    else
      printf '%s: down\n' "$chain"
      status=1
    fi
    index=$((index + 1))
  done
  return $status
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  stop) cmd_stop "${2:?usage: $0 stop CHAIN}" ;;
  start) cmd_start "${2:?usage: $0 start CHAIN}" ;;
  bin) ensure_wasmd; echo "$WASMD" ;;
  config) [ -f "$CW_BTP_LOCALNET/localnet.json" ] || die "no localnet in $CW_BTP_LOCALNET (run $0 up)"; echo "$CW_BTP_LOCALNET/localnet.json" ;;
  ports) [ -f "$PORTS_FILE" ] || die "no localnet in $CW_BTP_LOCALNET (run $0 up)"; cat "$PORTS_FILE" ;;
  *) echo "usage: $0 up|down|status|bin|config|ports|stop CHAIN|start CHAIN" >&2; exit 2 ;;
esac
