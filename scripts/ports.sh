# Port bases for scripts/localnet.sh (sourced by scripts/e2e.sh, scripts/soak.sh
# and scripts/localnet-coexist.sh): a localnet on base B takes 100 ports per
# chain, at most the 300 ports B .. B+299 (see scripts/localnet.sh).
#
#   free_port_base [EXCEPT...]   # prints a base whose 300 ports nothing listens
#                                # on and no other localnet has locked
#
# Candidates are 27000, 27300, ... 32100 (below Linux's ephemeral ports,
# 32768 and up, and apart from the default base 26656 a developer's localnet
# uses), tried from a random one on so that runs started together rarely
# pick the same; `localnet.sh up` locks the base it starts on, and refuses a
# base another localnet holds, so two that still do cannot both start.
# shellcheck shell=bash

PORT_BASE_FIRST=27000
PORT_BASE_STEP=300
PORT_BASE_COUNT=18

# The TCP ports something listens on, one a line.
listening_ports() {
  if command -v ss >/dev/null; then
    ss -Hltn | awk '{ n = split($4, a, ":"); print a[n] }'
  else
    # No ss: read /proc (hex ports of sockets in state 0A, LISTEN).
    cat /proc/net/tcp /proc/net/tcp6 2>/dev/null |
      awk 'NR > 1 && $4 == "0A" { split($2, a, ":"); print strtonum("0x" a[2]) }'
  fi
}

# port_base_free BASE: nothing listens on BASE .. BASE+299 and its lock is free.
port_base_free() {
  local base=$1 lock="${CW_BTP_CACHE:-$HOME/.cache/cw-btp}/port-locks/$1.lock"
  if listening_ports | awk -v lo="$base" -v hi=$((base + 299)) '$1 >= lo && $1 <= hi { found = 1 } END { exit !found }'; then
    return 1
  fi
  if [ -f "$lock" ] && command -v flock >/dev/null; then
    # Held by the nodes of a localnet (or one starting): not free.
    flock -n "$lock" true || return 1
  fi
  return 0
}

free_port_base() {
  local start i base except skip
  start=$((RANDOM % PORT_BASE_COUNT))
  for ((i = 0; i < PORT_BASE_COUNT; i++)); do
    base=$((PORT_BASE_FIRST + PORT_BASE_STEP * ((start + i) % PORT_BASE_COUNT)))
    skip=false
    for except in "$@"; do
      [ "$except" = "$base" ] && skip=true
    done
    $skip && continue
    if port_base_free "$base"; then
      echo "$base"
      return 0
    fi
  done
  echo "no free port base among $PORT_BASE_COUNT from $PORT_BASE_FIRST (every one has a port in use)" >&2
  return 1
}
