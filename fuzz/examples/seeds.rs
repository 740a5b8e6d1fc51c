//! Writes the seed inputs of every target into `corpus/<target>/seed-<name>`
//! (run from fuzz/: `cargo run --release --no-default-features --example seeds`,
//! with target names after `--` to write only theirs).
//! They come from real data: the repository's test vectors, the real chain
//! fixtures of contracts/verifier-tendermint/tests/fixtures (copied from
//! /work/shared/fixtures, see their SOURCES.md), and the messages the
//! contracts themselves commit on the simulated suite. Each seed is checked
//! to pass its target before it is written.

use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let only: Vec<String> = std::env::args().skip(1).collect();
    let mut total = 0;
    for (target, seeds) in cw_btp_fuzz::seeds::all() {
        if !only.is_empty() && !only.iter().any(|name| name == target) {
            continue;
        }
        let dir = root.join(target);
        std::fs::create_dir_all(&dir).unwrap();
        let run = cw_btp_fuzz::TARGETS
            .iter()
            .find(|(name, _)| *name == target)
            .map(|(_, run)| *run)
            .unwrap_or_else(|| panic!("no target {target}"));
        for (name, bytes) in seeds {
            run(&bytes);
            std::fs::write(dir.join(format!("seed-{name}")), &bytes).unwrap();
            total += 1;
        }
    }
    println!("wrote {total} seeds under {}", root.display());
}
