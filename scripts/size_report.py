"""Sorts a contract's functions, as twiggy measured them, by what they are for.

Called by scripts/size-report.sh with: contract name, twiggy's CSV of the
unstripped build (v0 mangling), the artifact's size in bytes, and the
ceiling and goal of scripts/build-wasm.sh in bytes.

Sizes are of the build before wasm-opt; the artifact is smaller by a factor
that this report takes to be the same for every kind of code (printed as
"scale"), which is what makes the floor an estimate.
"""

import collections
import csv
import re
import sys

# The suite's crates and the CosmWasm crates whose types it decodes and
# encodes as its own messages and state (cw-ownable's actions, cw2's version,
# cw20's messages, cw-utils' expirations): their JSON code is the part a
# different encoding could change.
OWN_CRATES = (
    "btp_types|contract_kit|message_center|token_handler|token_vault|"
    "cw_ownable|cw_utils|cw2|cw20|cw_storage_plus|kv_service|call_service|"
    "htlc|call_counter|verifier_[a-z]+"
)
TYPE_IN_NAME = re.compile(rf"((?:cosmwasm_std|{OWN_CRATES})::[A-Za-z_0-9:]+)")
CRATE_HASH = re.compile(r"\[[0-9a-f]+\]")


def kind_of(name):
    """The kind of code a function is, and the type it serves if it is JSON code."""
    if "rustc_demangle" in name or "backtrace" in name.lower():
        return "std's backtrace printer (cosmwasm-std's errors)", None
    if "serde" not in name:
        return "everything else: the contracts' logic, storage, std, allocator", None
    types = [t for t in TYPE_IN_NAME.findall(name) if not t.endswith("__Visitor")]
    if not types:
        return "JSON: the parser and printer shared by all types", None
    served = re.sub(r"::_$", "", types[0])
    if served.startswith("cosmwasm_std::"):
        return "JSON: cosmwasm-std's types (env, info, replies, queries, messages)", served
    return "JSON: the suite's own messages, responses and state", served


def main():
    contract, csv_path, artifact, ceiling_and_goal = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    ceiling, goal = (int(x) for x in " ".join(ceiling_and_goal).split())
    kinds = collections.Counter()
    own_types = collections.Counter()
    total = 0
    with open(csv_path) as f:
        for row in csv.DictReader(f):
            name = CRATE_HASH.sub("", row["Name"])
            if name.startswith("custom section") or "function names" in name:
                continue
            size = int(row["ShallowSize"])
            total += size
            if name.startswith("data segment"):
                kinds["data: texts of errors and events, field names, tables"] += size
                continue
            kind, served = kind_of(name)
            kinds[kind] += size
            if served and kind.startswith("JSON: the suite's own"):
                own_types[served] += size
    scale = artifact / total
    kib = lambda n: f"{n * scale / 1024:6.0f}"
    print(f"## {contract}: {artifact / 1024:.0f} KiB (ceiling {ceiling // 1024}, issue 13's goal {goal // 1024})")
    print(f"code and data before wasm-opt {total / 1024:.0f} KiB; scale {scale:.2f}; KiB below are scaled")
    for kind, size in kinds.most_common():
        print(f"  {kib(size)}  {kind}")
    print("  the suite's types with the most JSON code:")
    for served, size in own_types.most_common(8):
        print(f"  {kib(size)}    {served}")
    own = kinds["JSON: the suite's own messages, responses and state"]
    floor = artifact - own * scale
    backtrace = kinds["std's backtrace printer (cosmwasm-std's errors)"] * scale
    print(f"  floor with no JSON code for the suite's own types: {floor / 1024:.0f} KiB "
          f"({(floor - backtrace) / 1024:.0f} KiB without std's backtrace printer, "
          "which cosmwasm-std's \"std\" feature links and cw-storage-plus, cw2 and cw-utils require)")
    print()


if __name__ == "__main__":
    main()
