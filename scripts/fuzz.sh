#!/usr/bin/env bash
# Fuzzes every target of fuzz/ with libFuzzer (cargo fuzz, nightly) for a
# fixed number of executions, at least 10^7 in total by default, and prints
# per target the executions, the corpus sizes and the findings. Not run in
# CI (scripts/fuzz-replay.sh replays the committed corpus there). Exits
# non-zero if any target crashed (a crash is a bug: see fuzz/findings/).
#
#   bash scripts/fuzz.sh                  # every target, default runs (15.8M executions)
#   bash scripts/fuzz.sh relay rlp        # some targets
#   FUZZ_SCALE=0.1 bash scripts/fuzz.sh   # a tenth of the runs (a quick look)
#   FUZZ_MINIMIZE=1 bash scripts/fuzz.sh  # then minimize into fuzz/corpus/ (cargo fuzz cmin)
#   FUZZ_MINIMIZE=only bash scripts/fuzz.sh  # only minimize what earlier runs left in fuzz/work/
#
# Installs nightly (rustup, minimal profile) and cargo-fuzz (cargo install)
# when missing. New inputs go to fuzz/work/<target>/ (not committed); the
# committed corpus fuzz/corpus/<target>/ is read, and changed only by
# FUZZ_MINIMIZE=1. Crashes are written to fuzz/artifacts/<target>/.
# FUZZ_SANITIZER: libFuzzer's sanitizer, default none (the fuzzed code is
# safe Rust; AddressSanitizer would slow every target down for little).
# FUZZ_MINIMIZE needs python3 (fuzz/minimize.py).
set -euo pipefail
cd "$(dirname "$0")/.."

# Executions per target: the decoders are fast (35k to 500k per second),
# the verifier update (real 100-validator headers) and the relay (a
# cw-multi-test app with both chains' contracts) about 10k per second, the
# BTP-block verifier (secp256k1 recovery of every signature) under 1k per
# second: its default runs are a short look (`FUZZ_SCALE=7 bash
# scripts/fuzz.sh verifier_btpblock` for a campaign of 2.1M executions, as
# fuzz/README.md reports).
declare -A RUNS=(
  [rlp]=2000000
  [btp_message]=2000000
  [error_message]=1000000
  [message_center_message]=1000000
  [token_service]=2000000
  [call_message]=2000000
  [verifier_header]=1500000
  [verifier_proof]=1500000
  [verifier_update]=1250000
  [verifier_btpblock]=300000
  [relay]=1250000
)
ALL=(rlp btp_message error_message message_center_message token_service call_message
  verifier_header verifier_proof verifier_update verifier_btpblock relay)
# Most inputs each target keeps in the committed corpus (FUZZ_MINIMIZE):
# about 560 files and 0.55 MB in all, 87 to 99% of each target's edges.
declare -A MAX_FILES=(
  [rlp]=60 [btp_message]=40 [error_message]=40 [message_center_message]=40 [token_service]=40
  [call_message]=40 [verifier_header]=60 [verifier_proof]=60 [verifier_update]=60
  [verifier_btpblock]=60 [relay]=60
)
SCALE="${FUZZ_SCALE:-1}"
SANITIZER="${FUZZ_SANITIZER:-none}"
# Seconds one input may take before libFuzzer calls it a hang (a finding).
TIMEOUT_SECS="${FUZZ_TIMEOUT:-30}"

log() { printf '[fuzz] %s\n' "$*" >&2; }
die() { printf '[fuzz] error: %s\n' "$*" >&2; exit 1; }

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=("${ALL[@]}")
fi
for target in "${targets[@]}"; do
  [ -n "${RUNS[$target]:-}" ] || die "unknown target $target (targets: ${ALL[*]})"
done

# --- Toolchain: nightly and cargo-fuzz, into the rustup and cargo homes.
command -v rustup >/dev/null || die "rustup is not installed: cargo fuzz needs a nightly toolchain from rustup"
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  log "installing the nightly toolchain (rustup toolchain install nightly --profile minimal)"
  if ! rustup toolchain install nightly --profile minimal >&2; then
    die "rustup could not install nightly (is its server, static.rust-lang.org, reachable?); cannot fuzz without it"
  fi
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  log "installing cargo-fuzz (cargo install cargo-fuzz --locked)"
  cargo install cargo-fuzz --locked >&2 || die "cargo install cargo-fuzz failed (is crates.io reachable?)"
fi
log "$(rustup run nightly rustc --version), $(cargo fuzz --version)"

host=$(rustc -vV | sed -n 's/^host: //p')
fuzz=(cargo +nightly fuzz)
common=(--fuzz-dir fuzz --sanitizer "$SANITIZER")
log "building the targets (sanitizer: $SANITIZER)"
"${fuzz[@]}" build "${common[@]}" >&2

count_files() { find "$1" -maxdepth 1 -type f 2>/dev/null | wc -l; }
dir_bytes() { find "$1" -maxdepth 1 -type f -printf '%s\n' 2>/dev/null | awk '{s+=$1} END {print s+0}'; }

declare -A EXECS SECS WORK CRASHES STATUS
total_execs=0
total_secs=0
failed=0
mkdir -p fuzz/work
fuzz_targets=("${targets[@]}")
if [ "${FUZZ_MINIMIZE:-0}" = only ]; then
  fuzz_targets=()
fi
for target in "${fuzz_targets[@]}"; do
  runs=$(awk -v r="${RUNS[$target]}" -v s="$SCALE" 'BEGIN { printf "%d", r * s }')
  work="fuzz/work/$target"
  artifacts="fuzz/artifacts/$target"
  mkdir -p "$work" "$artifacts" "fuzz/corpus/$target"
  before=$(count_files "$artifacts")
  log_file="fuzz/work/$target.log"
  log "$target: $runs executions (log: $log_file)"
  start=$(date +%s)
  set +e
  "${fuzz[@]}" run "${common[@]}" "$target" "$work" "fuzz/corpus/$target" -- \
    -runs="$runs" -timeout="$TIMEOUT_SECS" -print_final_stats=1 >"$log_file" 2>&1
  rc=$?
  set -e
  secs=$(($(date +%s) - start))
  execs=$(awk '/stat::number_of_executed_units:/ { print $2 }' "$log_file" | tail -1)
  if [ -z "$execs" ]; then
    # A crash ends the run before the final stats: take the last status line.
    execs=$(grep -oE '^#[0-9]+' "$log_file" | tail -1 | tr -d '#')
  fi
  execs=${execs:-0}
  crashes=$(($(count_files "$artifacts") - before))
  EXECS[$target]=$execs
  SECS[$target]=$secs
  WORK[$target]=$(count_files "$work")
  CRASHES[$target]=$crashes
  if [ "$rc" -ne 0 ] || [ "$crashes" -gt 0 ]; then
    STATUS[$target]="FAILED (exit $rc)"
    failed=1
    grep -E "panicked at|^(assertion|  left|  right)|SUMMARY|Test unit written" "$log_file" | head -8 >&2 || true
  else
    STATUS[$target]="ok"
  fi
  total_execs=$((total_execs + execs))
  total_secs=$((total_secs + secs))
done

if [ "${FUZZ_MINIMIZE:-0}" != 0 ]; then
  for target in "${targets[@]}"; do
    log "$target: minimizing fuzz/work/$target and fuzz/corpus/$target into fuzz/corpus/$target"
    # libFuzzer names what it keeps by content hash: remember the seeds' names.
    unset seed_names
    declare -A seed_names=()
    for seed in fuzz/corpus/"$target"/seed-*; do
      [ -f "$seed" ] && seed_names[$(sha1sum <"$seed" | cut -d' ' -f1)]=$(basename "$seed")
    done
    cp -n fuzz/work/"$target"/* fuzz/corpus/"$target"/ 2>/dev/null || true
    # Inputs that crash are left out of the corpus.
    "${fuzz[@]}" cmin "${common[@]}" "$target" "fuzz/corpus/$target" -- \
      -timeout="$TIMEOUT_SECS" >"fuzz/work/$target.cmin.log" 2>&1 ||
      die "cmin of $target failed (fuzz/work/$target.cmin.log)"
    for hash in "${!seed_names[@]}"; do
      if [ -f "fuzz/corpus/$target/$hash" ]; then
        mv "fuzz/corpus/$target/$hash" "fuzz/corpus/$target/${seed_names[$hash]}"
      fi
    done
    # cmin keeps every input that adds a feature (hundreds per target); keep
    # at most MAX_FILES, greedily by edge coverage, seeds first.
    python3 fuzz/minimize.py "fuzz/target/$host/release/$target" "fuzz/corpus/$target" \
      --max-files "${MAX_FILES[$target]}" >&2
  done
fi

printf '\n%-24s %12s %8s %14s %18s %8s  %s\n' target executions seconds "work corpus" "committed corpus" crashes status
for target in "${targets[@]}"; do
  corpus="fuzz/corpus/$target"
  printf '%-24s %12d %8d %14d %10d (%5d KB) %8d  %s\n' "$target" "${EXECS[$target]:-0}" "${SECS[$target]:-0}" \
    "$(count_files "fuzz/work/$target")" "$(count_files "$corpus")" "$(($(dir_bytes "$corpus") / 1024))" \
    "${CRASHES[$target]:-0}" "${STATUS[$target]:-not fuzzed}"
done
printf '%-24s %12d %8d\n' total "$total_execs" "$total_secs"
if [ "$failed" -ne 0 ]; then
  printf '\nfindings: see fuzz/artifacts/<target>/ and the logs in fuzz/work/<target>.log\n' >&2
  exit 1
fi
