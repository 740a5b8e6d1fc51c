#!/usr/bin/env python3
"""Shrinks a fuzz target's corpus to a small set with the same edge coverage.

libFuzzer's merge (`cargo fuzz cmin`) keeps, in size order, every input that
adds a feature: hundreds per target here. This keeps fewer: it reads each
input's full edge coverage (one `-merge=1 -use_counters=0` run per input,
whose control file lists every edge the input reaches), then picks inputs
greedily, most new edges first (a seed before a found input when equal,
then the smaller), until every edge of the corpus is covered or --max-files
are kept. Inputs that crash reach no edges and are dropped.

    fuzz/minimize.py <target binary> <corpus dir> [--max-files N] [--jobs J]
"""

import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile

SEEDS_FIRST = True


def edges(binary, path):
    """The edges (libFuzzer features without hit counts) `path` reaches."""
    with tempfile.TemporaryDirectory() as tmp:
        source, out = os.path.join(tmp, "in"), os.path.join(tmp, "out")
        os.mkdir(source)
        os.mkdir(out)
        os.symlink(os.path.abspath(path), os.path.join(source, "input"))
        control = os.path.join(tmp, "control")
        subprocess.run(
            [binary, "-merge=1", "-use_counters=0", f"-merge_control_file={control}", out, source],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        try:
            with open(control) as lines:
                for line in lines:
                    if line.startswith("FT 0"):
                        return frozenset(int(f) for f in line.split()[2:])
        except FileNotFoundError:
            pass
    return frozenset()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("corpus")
    parser.add_argument("--max-files", type=int, default=None)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    names = sorted(os.listdir(args.corpus))
    paths = [os.path.join(args.corpus, name) for name in names]
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        sets = dict(zip(names, pool.map(lambda path: edges(args.binary, path), paths)))
    sizes = {name: os.path.getsize(os.path.join(args.corpus, name)) for name in names}
    total = frozenset().union(*sets.values()) if sets else frozenset()

    uncovered, kept = set(total), []
    candidates = [name for name in names if sets[name]]
    while uncovered and (args.max_files is None or len(kept) < args.max_files):
        best = max(
            candidates,
            key=lambda n: (SEEDS_FIRST and n.startswith("seed-") and bool(sets[n] & uncovered), len(sets[n] & uncovered), n.startswith("seed-"), -sizes[n]),
        )
        gain = sets[best] & uncovered
        if not gain:
            break
        kept.append(best)
        candidates.remove(best)
        uncovered -= gain

    for name in names:
        if name not in kept:
            os.remove(os.path.join(args.corpus, name))
    covered = len(total) - len(uncovered)
    print(
        f"{args.corpus}: kept {len(kept)} of {len(names)} inputs "
        f"({sum(sizes[n] for n in kept)} bytes, {sum(n.startswith('seed-') for n in kept)} seeds), "
        f"covering {covered} of {len(total)} edges"
    )


if __name__ == "__main__":
    sys.exit(main())
