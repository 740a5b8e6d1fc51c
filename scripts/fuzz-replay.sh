#!/usr/bin/env bash
# Replays the committed fuzz corpus (fuzz/corpus/<target>/*) through every
# fuzz target's function on stable Rust, without nightly or libFuzzer: the
# same properties as scripts/fuzz.sh checks, on the inputs that fuzzing
# kept. Cheap enough for CI. fuzz/ is a cargo workspace of its own, built
# in its own target directory under the cw-btp cache. Also runs the
# reproducers of fixed findings (fuzz/tests/findings.rs) as regression tests.
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO_TARGET_DIR="${CW_BTP_CACHE:-$HOME/.cache/cw-btp}/target-fuzz-replay" \
  cargo test --manifest-path fuzz/Cargo.toml --locked --release --no-default-features \
  --test replay --test findings "$@"
