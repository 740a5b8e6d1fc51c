#!/usr/bin/env bash
# Two single-validator wasmd chains on loopback, for the deploy scripts, the
# relayer and the end-to-end test (TOOLCHAIN.md, "Real local chains").
#
#   bash scripts/localnet.sh up       # build wasmd once (cached), start btp-a and btp-b afresh
#   bash scripts/localnet.sh status   # each chain's height, or "down"
#   bash scripts/localnet.sh down     # stop the nodes this script started (by pid file)
#   bash scripts/localnet.sh stop btp-b   # stop one chain's nodes, keeping its state
#   bash scripts/localnet.sh start btp-b  # start a stopped chain again where it stopped
#   bash scripts/localnet.sh bin      # build wasmd if needed and print its path
#
# wasmd v0.61.14 is built from the Go module proxy into
# $CW_BTP_CACHE/wasmd-v0.61.14 (about 9 minutes once; `bin/wasmd` is a wrapper
# that finds the libwasmvm it was linked with). Chain homes live under
# $CW_BTP_LOCALNET (default $CW_BTP_CACHE/localnet): <chain-id>/ holds the
# node's home, its test keyring (keys validator, user, relayer; mnemonics in
# keys/<name>.mnemonic), node.log and wasmd.pid. Blocks every ~200ms, no
# pruning (proofs of past heights need old versions), every port on 127.0.0.1.
#
#   chain  rpc    p2p    abci   pprof  grpc   api
#   btp-a  26657  26656  26658  6060   9090   1317
#   btp-b  26757  26756  26758  6160   9190   1417
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

log() { printf '[localnet] %s\n' "$*" >&2; }
die() { printf '[localnet] error: %s\n' "$*" >&2; exit 1; }

# Validator nodes per chain (CW_BTP_VALIDATORS, default 1): node 0 serves the
# RPC the deploy config names and holds the keys; nodes 1.. are validators of
# the same power, peers of node 0 on loopback.
# "N" for both chains or "N,M" for btp-a and btp-b.
IFS=, read -r -a VALIDATORS <<<"${CW_BTP_VALIDATORS:-1}"
[ "${#VALIDATORS[@]}" = 1 ] && VALIDATORS+=("${VALIDATORS[0]}")
[ "${#VALIDATORS[@]}" = 2 ] && [[ ${VALIDATORS[0]} =~ ^[1-9]$ ]] && [[ ${VALIDATORS[1]} =~ ^[1-9]$ ]] ||
  { echo "[localnet] error: CW_BTP_VALIDATORS must be N or N,M with each 1 to 9, not ${CW_BTP_VALIDATORS:-}" >&2; exit 1; }

# Port of a service of node NODE (default 0) on chain index 0 or 1.
port() {
  local service=$1 index=$2 node=${3:-0} base
  case $service in
    rpc) base=26657 ;;
    p2p) base=26656 ;;
    abci) base=26658 ;;
    pprof) base=6060 ;;
    grpc) base=9090 ;;
    api) base=1317 ;;
  esac
  echo $((base + 100 * index + 10 * node))
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
  grep -q "127.0.0.1:$(port grpc "$index" "$node")\"" "$app" || die "$app: gRPC address not set"
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
  local home_denom=ucoina
  [ "$index" = 1 ] && home_denom=ucoinb
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
  start_chain "$1"
  wait_for "$1" "$index"
  log "$1 started again at height $(height "$index")"
}

cmd_up() {
  ensure_wasmd
  command -v jq >/dev/null || die "jq is needed"
  command -v curl >/dev/null || die "curl is needed"
  cmd_down
  local index=0 chain service node
  for service in rpc p2p abci grpc; do
    for index in 0 1; do
      for ((node = 0; node < VALIDATORS[index]; node++)); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$(port "$service" "$index" "$node")") 2>/dev/null; then
          die "port $(port "$service" "$index" "$node") is taken (another localnet, with another CW_BTP_LOCALNET? stop it with its scripts/localnet.sh down)"
        fi
      done
    done
  done
  index=0
  for chain in "${CHAINS[@]}"; do
    init_chain "$chain" "$index"
    start_chain "$chain"
    index=$((index + 1))
  done
  index=0
  for chain in "${CHAINS[@]}"; do
    wait_for "$chain" "$index"
    log "$chain up: ${VALIDATORS[$index]} validator(s), rpc http://127.0.0.1:$(port rpc "$index"), home $(home_of "$chain"), pid $(cat "$(home_of "$chain")/wasmd.pid")"
    index=$((index + 1))
  done
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
  *) echo "usage: $0 up|down|status|bin|stop CHAIN|start CHAIN" >&2; exit 2 ;;
esac
