#!/usr/bin/env bash
# Two single-validator wasmd chains on loopback, for the deploy scripts, the
# relayer and the end-to-end test (TOOLCHAIN.md, "Real local chains").
#
#   bash scripts/localnet.sh up       # build wasmd once (cached), start btp-a and btp-b afresh
#   bash scripts/localnet.sh status   # each chain's height, or "down"
#   bash scripts/localnet.sh down     # stop the nodes this script started (by pid file)
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
#   btp-b  26757  26756  26758  6061   9190   1417
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

# Port of a service on chain index 0 or 1.
port() {
  local service=$1 index=$2
  case $service in
    rpc) echo $((26657 + 100 * index)) ;;
    p2p) echo $((26656 + 100 * index)) ;;
    abci) echo $((26658 + 100 * index)) ;;
    pprof) echo $((6060 + index)) ;;
    grpc) echo $((9090 + 100 * index)) ;;
    api) echo $((1317 + 100 * index)) ;;
  esac
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

home_of() { echo "$CW_BTP_LOCALNET/$1"; }

running_pid() {
  local pidfile
  pidfile="$(home_of "$1")/wasmd.pid"
  [ -f "$pidfile" ] || return 1
  local pid
  pid=$(cat "$pidfile")
  # Only a process this script started: the pid must still be a wasmd of that home.
  if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "--home $(home_of "$1") "; then
    echo "$pid"
    return 0
  fi
  return 1
}

height() {
  curl -sf "http://127.0.0.1:$(port rpc "$1")/status" | jq -r .result.sync_info.latest_block_height
}

init_chain() {
  local chain=$1 index=$2 home
  home=$(home_of "$chain")
  rm -rf "$home"
  mkdir -p "$home/keys"
  local w=("$WASMD" --home "$home")
  "${w[@]}" init "$chain-node" --chain-id "$chain" --default-denom stake >/dev/null 2>&1
  local home_denom=ucoina
  [ "$index" = 1 ] && home_denom=ucoinb
  for name in validator user relayer; do
    "${w[@]}" keys add "$name" --keyring-backend test --output json 2>&1 | jq -r .mnemonic > "$home/keys/$name.mnemonic"
    chmod 600 "$home/keys/$name.mnemonic"
    "${w[@]}" keys show "$name" -a --keyring-backend test > "$home/keys/$name.address"
    "${w[@]}" genesis add-genesis-account "$(cat "$home/keys/$name.address")" \
      "1000000000000stake,1000000000000$home_denom" --keyring-backend test
  done
  "${w[@]}" genesis gentx validator 250000000stake --chain-id "$chain" --keyring-backend test >/dev/null 2>&1
  "${w[@]}" genesis collect-gentxs >/dev/null 2>&1
  "${w[@]}" genesis validate >/dev/null

  local config="$home/config/config.toml" app="$home/config/app.toml"
  sed -i \
    -e "s#^laddr = \"tcp://127.0.0.1:26657\"#laddr = \"tcp://127.0.0.1:$(port rpc "$index")\"#" \
    -e "s#^laddr = \"tcp://0.0.0.0:26656\"#laddr = \"tcp://127.0.0.1:$(port p2p "$index")\"#" \
    -e "s#^proxy_app = .*#proxy_app = \"tcp://127.0.0.1:$(port abci "$index")\"#" \
    -e "s#^pprof_laddr = .*#pprof_laddr = \"127.0.0.1:$(port pprof "$index")\"#" \
    -e "s#^timeout_commit = .*#timeout_commit = \"200ms\"#" \
    -e "s#^timeout_propose = .*#timeout_propose = \"1s\"#" \
    -e "s#^addr_book_strict = .*#addr_book_strict = false#" \
    -e "s#^indexer = .*#indexer = \"kv\"#" \
    "$config"
  sed -i \
    -e "s#^pruning = .*#pruning = \"nothing\"#" \
    -e "s#^minimum-gas-prices = .*#minimum-gas-prices = \"0.0025stake\"#" \
    -e "s#^address = \"tcp://localhost:1317\"#address = \"tcp://127.0.0.1:$(port api "$index")\"#" \
    -e "s#^address = \"localhost:9090\"#address = \"127.0.0.1:$(port grpc "$index")\"#" \
    -e "s#^address = \"0.0.0.0:9090\"#address = \"127.0.0.1:$(port grpc "$index")\"#" \
    "$app"
  # Every moved port must have been found in the files.
  grep -q "127.0.0.1:$(port rpc "$index")\"" "$config" || die "$config: RPC address not set"
  grep -q "127.0.0.1:$(port p2p "$index")\"" "$config" || die "$config: P2P address not set"
  grep -q "127.0.0.1:$(port grpc "$index")\"" "$app" || die "$app: gRPC address not set"
  grep -q '^pruning = "nothing"' "$app" || die "$app: pruning not set"
  grep -q '^timeout_commit = "200ms"' "$config" || die "$config: timeout_commit not set"
  # The CLI of this home talks to this chain.
  "${w[@]}" config set client chain-id "$chain" >/dev/null
  "${w[@]}" config set client keyring-backend test >/dev/null
  "${w[@]}" config set client node "tcp://127.0.0.1:$(port rpc "$index")" >/dev/null
}

start_chain() {
  local chain=$1 home
  home=$(home_of "$chain")
  # setsid: the node survives this script, and Ctrl-C in the caller's terminal does not reach it.
  setsid "$WASMD" start --home "$home" > "$home/node.log" 2>&1 < /dev/null &
  local pid=$!
  # The wrapper execs wasmd, so this pid is the node's.
  echo "$pid" > "$home/wasmd.pid"
}

wait_for() {
  local chain=$1 index=$2 deadline=$((SECONDS + 60)) h
  while [ $SECONDS -lt $deadline ]; do
    h=$(height "$index" 2>/dev/null || true)
    if [ -n "$h" ] && [ "$h" != null ] && [ "$h" -ge 2 ]; then
      return 0
    fi
    running_pid "$chain" >/dev/null || { tail -20 "$(home_of "$chain")/node.log" >&2; die "$chain exited while starting"; }
    sleep 0.3
  done
  tail -20 "$(home_of "$chain")/node.log" >&2
  die "$chain produced no block within 60s"
}

cmd_down() {
  local chain pid
  for chain in "${CHAINS[@]}"; do
    if pid=$(running_pid "$chain"); then
      kill "$pid"
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      log "$chain stopped (pid $pid)"
    fi
    rm -f "$(home_of "$chain")/wasmd.pid"
  done
}

cmd_up() {
  ensure_wasmd
  command -v jq >/dev/null || die "jq is needed"
  command -v curl >/dev/null || die "curl is needed"
  cmd_down
  local index=0 chain service
  for service in rpc p2p abci grpc; do
    for index in 0 1; do
      if (exec 3<>"/dev/tcp/127.0.0.1/$(port "$service" "$index")") 2>/dev/null; then
        die "port $(port "$service" "$index") is taken (another localnet, with another CW_BTP_LOCALNET? stop it with its scripts/localnet.sh down)"
      fi
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
    log "$chain up: rpc http://127.0.0.1:$(port rpc "$index"), home $(home_of "$chain"), pid $(cat "$(home_of "$chain")/wasmd.pid")"
    index=$((index + 1))
  done
}

cmd_status() {
  local index=0 chain status=0 pid
  for chain in "${CHAINS[@]}"; do
    if pid=$(running_pid "$chain"); then
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
  bin) ensure_wasmd; echo "$WASMD" ;;
  *) echo "usage: $0 up|down|status|bin" >&2; exit 2 ;;
esac
