# Tables of scripts/bench-ibc.sh from its transactions (TSV: system,
# direction, mode, transfers, chain, height, txhash, code, gas_used,
# messages, kind). Gas per transfer: the gas of every transaction of a round
# of a kind, divided by the round's transfers. Variables: batch, A, B.
function commas(n,    s, neg) {
  n = sprintf("%.0f", n)
  neg = (n ~ /^-/)
  if (neg) n = substr(n, 2)
  s = ""
  while (length(n) > 3) {
    s = "," substr(n, length(n) - 2) s
    n = substr(n, 1, length(n) - 3)
  }
  return (neg ? "-" : "") n s
}
function row_of(kind) {
  if (kind == "send") return "send"
  if (kind ~ /^update \+ delivery/) return "update + delivery (destination)"
  if (kind ~ /^update \+ ack\/reply/) return "update + ack / reply (source)"
  return kind
}
function ratio(x, y) { return (y > 0 && x != "") ? sprintf("%.2f×", x / y) : "–" }
NR == 1 { next }
{
  sys = $1; dir = $2; mode = $3; n = $4; gas = $9; row = row_of($11)
  key = sys SUBSEP dir SUBSEP mode
  transfers[key] = n
  g[key, row] += gas
  total[key] += gas
  txs[key]++
  if (!(row in seen_row)) { seen_row[row] = 1; rows[++nrows] = row }
  if (!(sys in seen_sys)) { seen_sys[sys] = 1 }
  # Both directions together, for the summary.
  both[sys, mode] += gas
  both_n[sys, mode, dir] = n
}
END {
  nsys = 0
  if ("ibc" in seen_sys) sys_list[++nsys] = "ibc"
  if ("suite" in seen_sys) sys_list[++nsys] = "suite"
  if ("suite-pinned" in seen_sys) sys_list[++nsys] = "suite-pinned"
  name["ibc"] = "IBC"; name["suite"] = "suite"; name["suite-pinned"] = "suite pinned"
  modes[1] = "single"; modes[2] = "one-by-one"; modes[3] = "one-tx"
  mode_name["single"] = "1"; mode_name["one-by-one"] = batch " one by one"; mode_name["one-tx"] = batch " in one tx"
  # Fixed rows first, then whatever else appeared.
  order[1] = "send"; order[2] = "update + delivery (destination)"; order[3] = "update + ack / reply (source)"
  norder = 3
  for (i = 1; i <= nrows; i++) if (rows[i] != order[1] && rows[i] != order[2] && rows[i] != order[3]) order[++norder] = rows[i]

  print "**Per transfer, both ways together** (gas of every transaction of both chains, divided by the transfers):"
  print ""
  print "| | batch 1 | batch " batch ", sends one by one | batch " batch ", sends in one transaction |"
  print "|---|---:|---:|---:|"
  for (s = 1; s <= nsys; s++) {
    sys = sys_list[s]
    line = "| " name[sys]
    for (m = 1; m <= 3; m++) {
      mode = modes[m]
      nn = both_n[sys, mode, A " → " B] + both_n[sys, mode, B " → " A]
      v[sys, mode] = nn ? both[sys, mode] / nn : ""
      line = line " | " (nn ? commas(v[sys, mode]) : "–")
    }
    print line " |"
    if (sys != "ibc" && ("ibc" in seen_sys)) {
      line = "| " name[sys] " / IBC"
      for (m = 1; m <= 3; m++) line = line " | " ratio(v[sys, modes[m]], v["ibc", modes[m]])
      print line " |"
    }
  }

  for (d = 1; d <= 2; d++) {
    dir = (d == 1) ? A " → " B : B " → " A
    print ""
    print "**" dir "**, gas per transfer by transaction kind (batch of transfers in brackets):"
    print ""
    header = "| transaction kind"; sep = "|---"
    for (s = 1; s <= nsys; s++) for (m = 1; m <= 3; m++) {
      header = header " | " name[sys_list[s]] " (" mode_name[modes[m]] ")"; sep = sep "|---:"
    }
    print header " |"
    print sep "|"
    for (r = 1; r <= norder; r++) {
      row = order[r]; line = "| " row; any = 0
      for (s = 1; s <= nsys; s++) for (m = 1; m <= 3; m++) {
        key = sys_list[s] SUBSEP dir SUBSEP modes[m]
        if ((key, row) in g) { line = line " | " commas(g[key, row] / transfers[key]); any = 1 }
        else line = line " | –"
      }
      if (any) print line " |"
    }
    line = "| **total per transfer**"
    for (s = 1; s <= nsys; s++) for (m = 1; m <= 3; m++) {
      key = sys_list[s] SUBSEP dir SUBSEP modes[m]
      line = line " | " ((key in total) ? "**" commas(total[key] / transfers[key]) "**" : "–")
    }
    print line " |"
    if ("ibc" in seen_sys) {
      line = "| ratio to IBC"
      for (s = 1; s <= nsys; s++) for (m = 1; m <= 3; m++) {
        key = sys_list[s] SUBSEP dir SUBSEP modes[m]
        ikey = "ibc" SUBSEP dir SUBSEP modes[m]
        line = line " | " ((key in total && ikey in total) ? ratio(total[key] / transfers[key], total[ikey] / transfers[ikey]) : "–")
      }
      print line " |"
    }
    line = "| transactions"
    for (s = 1; s <= nsys; s++) for (m = 1; m <= 3; m++) {
      key = sys_list[s] SUBSEP dir SUBSEP modes[m]
      line = line " | " ((key in txs) ? txs[key] : "–")
    }
    print line " |"
  }
}
