#!/usr/bin/env bash
# Builds every contract (and cw20-base, which the vault instantiates on chain)
# for wasm32-unknown-unknown, lowers it for the CosmWasm VM with wasm-opt,
# checks it with cosmwasm-check, and writes artifacts/<name>.wasm plus
# artifacts/checksums.txt. Fails when an artifact exceeds its size budget
# (below) or the chain's upload limit.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh

CONTRACTS=(message-center verifier-tendermint verifier-btpblock verifier-committee verifier-aggregate
  token-handler token-vault kv-service call-service call-counter htlc)
ARTIFACTS=("${CONTRACTS[@]}" cw20-base)
MAX_WASM_BYTES=$((800 * 1024)) # wasmd's MaxWasmSize
# Size budgets, in KiB. Every verifier kind stays within 600 KiB: a chain
# stores one per link. The rest are ceilings at today's size (a change that
# grows an artifact past one must say why here). Issue 13 asks for 350 KiB
# (message center, token handler) and 300 KiB (vault); BENCHMARKS.md
# ("Artifact sizes") says where the bytes go, what flags save and cost in
# gas, and why that does not reach them.
budget_of() {
  case "$1" in
    verifier-*) echo $((600 * 1024)) ;;
    # Routes (issue 16) grew the message center from 511 to 560 KiB: the
    # route table and its admin, forwarding, the per-hop fee values and
    # forwarded requests' timeouts, each refusal with its own message.
    # Compact records (contract_kit::stored) added 7 KiB to the message
    # center and 5 KiB to the handler (their binary form beside the JSON that
    # records written before still need) for about 8,900 gas less per send.
    message-center) echo $((568 * 1024)) ;;
    # Liquidity pools (issue 16) grew the handler from 501 to 547 KiB and the
    # vault from 335 to 427 KiB (built at opt-level "z", see Cargo.toml): four
    # pool movements, deposits, withdrawals, the LP token's registration and
    # four pool queries, each its own JSON.
    token-handler) echo $((553 * 1024)) ;;
    token-vault) echo $((428 * 1024)) ;;
    kv-service) echo $((272 * 1024)) ;;
    call-service) echo $((344 * 1024)) ;;
    call-counter) echo $((224 * 1024)) ;;
    htlc) echo $((288 * 1024)) ;;
    *) echo "$MAX_WASM_BYTES" ;;
  esac
}

# Issue 13's goals, which the ceilings above do not reach yet
# (scripts/size-report.sh says why).
size_goal_of() {
  case "$1" in
    message-center | token-handler) echo $((350 * 1024)) ;;
    token-vault) echo $((300 * 1024)) ;;
    *) budget_of "$1" ;;
  esac
}

# scripts/size-report.sh reads the ceiling and the goal from here.
if [ "${1:-}" = --budget-of ]; then
  echo "$(budget_of "$2") $(size_goal_of "$2")"
  exit 0
fi

mkdir -p artifacts
# RUSTFLAGS are cleared so that a developer's local flags cannot change the artifact.
build() { RUSTFLAGS="" cargo build --release --lib --target wasm32-unknown-unknown --locked "$@"; }
build $(printf -- '-p %s ' "${CONTRACTS[@]}")
# cw20-base is a dependency, not a member: cargo builds it only on its own.
build -p cw20-base

status=0
: > artifacts/checksums.txt
for name in "${ARTIFACTS[@]}"; do
  crate=${name//-/_}
  raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/$crate.wasm"
  out="artifacts/$name.wasm"
  optimize_wasm "$name" "$raw" "$out"
  size=$(stat -c %s "$out")
  printf '%-22s %8d bytes (%d KiB)\n' "$name" "$size" $((size / 1024))
  budget=$(budget_of "$name")
  if [ "$size" -gt "$budget" ]; then
    echo "error: $out is $size bytes; its budget is $budget" >&2
    status=1
  fi
  # A contract built with its "library" feature still passes cosmwasm-check,
  # but has no entry points: a chain would store it and never run it.
  exports=$("${WASM_OPT%/wasm-opt}/wasm-dis" "$out" | grep -o '(export "[a-z_0-9]*"' || true)
  for entry in instantiate execute query migrate; do
    if ! grep -q "\"$entry\"" <<<"$exports"; then
      echo "error: $out does not export the $entry entry point" >&2
      status=1
    fi
  done
  (cd artifacts && sha256sum "$name.wasm") >> artifacts/checksums.txt
done

# cosmwasm-check compiles each artifact as a chain would and checks its imports,
# exports and capabilities (cosmwasm_2_0 is the most we require).
"$COSMWASM_CHECK" --available-capabilities iterator,staking,stargate,cosmwasm_1_1,cosmwasm_1_2,cosmwasm_1_3,cosmwasm_1_4,cosmwasm_2_0 \
  artifacts/*.wasm || status=1
exit $status
