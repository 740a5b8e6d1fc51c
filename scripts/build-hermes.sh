#!/usr/bin/env bash
# Builds Hermes, the IBC relayer (crate `ibc-relayer-cli`), for scripts/bench-ibc.sh
# and installs it to $HERMES_HOME/bin/hermes. Nothing of Hermes is committed:
# the published crate and its own lock file are fetched from crates.io.
#
# As published it does not build on these machines (TOOLCHAIN.md): bindgen needs
# libclang, namada needs protoc, and `penumbra-sdk-proof-params`' build script
# downloads Penumbra proving keys from Git LFS. The keys are loaded lazily and only
# for Penumbra chains, so a local copy of that crate whose build.rs does nothing is
# patched in; Cosmos chains are unaffected.
#
# Usage: scripts/build-hermes.sh   (prints the binary's path on its last line)
# Env:   HERMES_VERSION (1.13.2), HERMES_HOME, HERMES_TARGET_DIR (removed after
#        the install unless HERMES_KEEP_TARGET=1: it takes several GB)
set -euo pipefail

HERMES_VERSION=${HERMES_VERSION:-1.13.2}
CACHE=${CW_BTP_CACHE:-$HOME/.cache/cw-btp}
HERMES_HOME=${HERMES_HOME:-$CACHE/hermes-$HERMES_VERSION}
HERMES_TARGET_DIR=${HERMES_TARGET_DIR:-$CACHE/hermes-build}
SRC=$CACHE/hermes-src-$HERMES_VERSION
BIN=$HERMES_HOME/bin/hermes

die() { echo "build-hermes: $*" >&2; exit 1; }

if [[ -x $BIN ]] && "$BIN" version >/dev/null 2>&1; then
  echo "$BIN"
  exit 0
fi

# System packages: libclang for zstd-sys' bindgen, protoc for namada_tx.
missing=()
command -v protoc >/dev/null || missing+=(protobuf-compiler)
ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1 || missing+=(libclang-dev)
if ((${#missing[@]})); then
  command -v apt-get >/dev/null || die "install ${missing[*]} (libclang and protoc) first"
  echo "build-hermes: apt-get install ${missing[*]}" >&2
  SUDO=""; [[ $(id -u) == 0 ]] || SUDO=sudo
  $SUDO apt-get install -y "${missing[@]}" >&2 || die "apt-get install ${missing[*]} failed"
fi

# crate_src NAME VERSION DIR: unpacks the published crate NAME@VERSION into DIR/NAME-VERSION.
crate_src() {
  local name=$1 version=$2 dir=$3 file
  [[ -f $dir/$name-$version/Cargo.toml ]] && return 0
  mkdir -p "$dir"
  file=$dir/$name-$version.crate
  if ! curl -sSfL --retry 3 -o "$file" "https://static.crates.io/crates/$name/$name-$version.crate"; then
    # Fall back on cargo's own registry copy.
    cargo info "$name@$version" >/dev/null 2>&1 || true
    local reg
    reg=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"$name-$version.crate" 2>/dev/null | head -1)
    [[ -n $reg ]] || die "cannot fetch $name $version from crates.io"
    cp "$reg" "$file"
  fi
  tar xzf "$file" -C "$dir"
  [[ -f $dir/$name-$version/Cargo.toml ]] || die "$file did not unpack"
}

crate_src ibc-relayer-cli "$HERMES_VERSION" "$SRC"
CLI=$SRC/ibc-relayer-cli-$HERMES_VERSION
PP_VERSION=$(awk '/^name = "penumbra-sdk-proof-params"$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' "$CLI/Cargo.lock")
[[ -n $PP_VERSION ]] || die "penumbra-sdk-proof-params not in Hermes' lock file: patch not needed? check $CLI/Cargo.lock"
crate_src penumbra-sdk-proof-params "$PP_VERSION" "$SRC"
PP=$SRC/penumbra-sdk-proof-params-$PP_VERSION
cat > "$PP/build.rs" <<'EOF'
// cw-btp: proving keys are not downloaded (Hermes needs them only for Penumbra chains).
fn main() {}
EOF
if ! grep -q '^\[patch.crates-io\]' "$CLI/Cargo.toml"; then
  cat >> "$CLI/Cargo.toml" <<EOF

[patch.crates-io]
penumbra-sdk-proof-params = { path = "../penumbra-sdk-proof-params-$PP_VERSION" }
EOF
fi

echo "build-hermes: cargo build --release --bin hermes in $CLI (target $HERMES_TARGET_DIR); 12+ minutes" >&2
(cd "$CLI" && CARGO_TARGET_DIR=$HERMES_TARGET_DIR RUSTFLAGS="" cargo build --release --bin hermes >&2) ||
  die "cargo build of Hermes failed (see above)"
mkdir -p "$HERMES_HOME/bin"
install -m 755 "$HERMES_TARGET_DIR/release/hermes" "$BIN"
"$BIN" version >&2 || die "$BIN does not run"
# The build directory takes several GB; the installed binary is all that is used.
[ "${HERMES_KEEP_TARGET:-0}" = 1 ] || rm -rf "$HERMES_TARGET_DIR"
echo "$BIN"
