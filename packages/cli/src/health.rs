//! `btp health`: checks the config, the nodes (reachable, serving the
//! configured chain), the relayer's keys (loadable), its balances (enough
//! for `--min-gas` at the config's gas price) and the light clients (not
//! frozen or expired), one line per check, and fails when one fails.

use relayer::config::{ChainSetup, Setup};
use relayer::node::{NodeChain, Signer};
use relayer::status::LightClientStatus;
use relayer::Result;

use crate::args::HealthArgs;
use crate::Failure;

/// One check and what it found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// What was checked, e.g. `node btp-a`.
    pub what: String,
    /// Whether it passed.
    pub ok: bool,
    /// What was found, or what is wrong and what to do.
    pub detail: String,
}

impl Check {
    fn ok(what: String, detail: String) -> Self {
        Self {
            what,
            ok: true,
            detail,
        }
    }

    fn failed(what: String, detail: String) -> Self {
        Self {
            what,
            ok: false,
            detail,
        }
    }
}

/// What the health check asks a node.
pub trait Probe {
    /// The node's latest height and the chain id it serves.
    fn status(&self) -> Result<(u64, String)>;
    /// An account's balance of `denom`.
    fn balance(&self, address: &str, denom: &str) -> Result<u128>;
    /// The light client at `verifier` (on this chain) of `counterpart`.
    fn light_client(
        &self,
        chain_id: &str,
        verifier: &str,
        counterpart: &str,
    ) -> Result<LightClientStatus>;
}

impl Probe for NodeChain {
    fn status(&self) -> Result<(u64, String)> {
        NodeChain::status(self)
    }

    fn balance(&self, address: &str, denom: &str) -> Result<u128> {
        NodeChain::balance(self, address, denom)
    }

    fn light_client(
        &self,
        chain_id: &str,
        verifier: &str,
        counterpart: &str,
    ) -> Result<LightClientStatus> {
        relayer::status::light_client(self, chain_id, verifier, counterpart)
    }
}

/// Checks every chain of `setup` through the probes `connect` makes. The
/// key of each chain is `--mnemonic-file`/`--key` when given, else the
/// config's relayer key.
pub fn check<P: Probe>(
    setup: &Setup,
    args: &HealthArgs,
    connect: impl Fn(&ChainSetup) -> Result<P>,
) -> Vec<Check> {
    let mut checks = vec![Check::ok(
        "config".into(),
        format!(
            "{}: {} chain(s), link(s) {}",
            args.config.config.display(),
            setup.chains.len(),
            setup
                .links
                .iter()
                .map(|link| setup.link_name(*link))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )];
    let mut reachable = vec![];
    for chain in &setup.chains {
        let id = &chain.node.chain_id;
        let probe = connect(chain).and_then(|probe| probe.status().map(|status| (probe, status)));
        let probe = match probe {
            Ok((probe, (height, served))) if served == *id => {
                checks.push(Check::ok(
                    format!("node {id}"),
                    format!("{} serves {id} at height {height}", chain.node.rpc),
                ));
                Some(probe)
            }
            Ok((_, (_, served))) => {
                checks.push(Check::failed(
                    format!("node {id}"),
                    format!(
                        "{} serves chain {served}, not {id}: fix its rpc in the config",
                        chain.node.rpc
                    ),
                ));
                None
            }
            Err(err) => {
                checks.push(Check::failed(
                    format!("node {id}"),
                    format!("cannot reach {}: {err}", chain.node.rpc),
                ));
                None
            }
        };
        let signer = chain
            .key_source(
                args.key.mnemonic_file.as_deref(),
                args.key.key.as_deref(),
                chain.relayer_key.as_ref(),
            )
            .and_then(|source| Signer::load(&source, &chain.node.bech32_prefix));
        let address = match signer {
            Ok(signer) => {
                checks.push(Check::ok(
                    format!("key {id}"),
                    format!("the relayer signs as {}", signer.address),
                ));
                Some(signer.address.to_string())
            }
            Err(err) => {
                checks.push(Check::failed(format!("key {id}"), err.to_string()));
                None
            }
        };
        if let (Some(probe), Some(address)) = (&probe, &address) {
            let denom = &chain.node.fee_denom;
            let needed = (args.min_gas as f64 * chain.node.gas_price).ceil() as u128;
            match probe.balance(address, denom) {
                Ok(balance) if balance >= needed && balance > 0 => checks.push(Check::ok(
                    format!("balance {id}"),
                    format!("{address} has {balance}{denom} (at least {needed}{denom} needed)"),
                )),
                Ok(balance) => checks.push(Check::failed(
                    format!("balance {id}"),
                    format!(
                        "{address} has {balance}{denom}, not enough to pay for {} gas ({needed}{denom}): fund it",
                        args.min_gas
                    ),
                )),
                Err(err) => checks.push(Check::failed(
                    format!("balance {id}"),
                    format!("cannot read the balance of {address}: {err}"),
                )),
            }
        }
        reachable.push(probe);
    }
    for link in &setup.links {
        for (this, other) in [(link.a, link.b), (link.b, link.a)] {
            let (chain, counterpart) = (&setup.chains[this], &setup.chains[other]);
            let Some(probe) = &reachable[this] else {
                continue;
            };
            let (id, other_id) = (&chain.node.chain_id, &counterpart.node.chain_id);
            let what = format!("light client of {other_id} on {id}");
            let client = chain
                .verifier_of(other_id)
                .and_then(|verifier| probe.light_client(id, verifier, other_id));
            checks.push(match client {
                Ok(client) if client.frozen => {
                    Check::failed(what, format!("frozen at height {}: it must be recovered", client.height))
                }
                Ok(client) if client.expires_in_secs.is_some_and(|left| left <= 0) => Check::failed(
                    what,
                    format!(
                        "expired: its latest header (height {}) is older than its trusting period; it must be recovered",
                        client.height
                    ),
                ),
                Ok(client) => Check::ok(
                    what,
                    format!(
                        "trusts height {}{}",
                        client.height,
                        client
                            .expires_in_secs
                            .map(|left| format!(", expires in {left}s unless updated"))
                            .unwrap_or_default()
                    ),
                ),
                Err(err) => Check::failed(what, err.to_string()),
            });
        }
    }
    checks
}

/// `btp health`: prints each check; fails (exit 1) when one failed.
pub fn run(args: &HealthArgs) -> Result<(), Failure> {
    let setup = relayer::config::load(&args.config.config)?;
    let checks = check(&setup, args, |chain| {
        NodeChain::new(chain.node.clone(), None)
    });
    for check in &checks {
        println!(
            "{} {}: {}",
            if check.ok { "ok  " } else { "FAIL" },
            check.what,
            check.detail
        );
    }
    let failed: Vec<&Check> = checks.iter().filter(|check| !check.ok).collect();
    if failed.is_empty() {
        return Ok(());
    }
    Err(Failure::failed(format!(
        "{} check(s) failed: {}",
        failed.len(),
        failed
            .iter()
            .map(|check| format!("{}: {}", check.what, check.detail))
            .collect::<Vec<_>>()
            .join("; ")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::{ConfigArg, KeyArgs};
    use relayer::Error;

    /// A valid 24-word BIP-39 mnemonic (the standard test vector).
    const MNEMONIC: &str = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art";

    /// A config of two chains whose nodes are at `rpcs`, with a relayer
    /// mnemonic file; answers the directory and the health options.
    fn setup(tag: &str, rpcs: [&str; 2]) -> (std::path::PathBuf, HealthArgs) {
        let dir = std::env::temp_dir().join(format!("btp-health-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mnemonic = dir.join("relayer.mnemonic");
        std::fs::write(&mnemonic, MNEMONIC).unwrap();
        let contracts = |n: u32| {
            serde_json::json!({"message_center": format!("center{n}"), "verifier": format!("verifier{n}"),
                "handler": "handler", "vault": "vault"})
        };
        let deployment = dir.join("deployment.json");
        std::fs::write(
            &deployment,
            serde_json::json!({"chains": {"btp-a": contracts(1), "btp-b": contracts(2)}})
                .to_string(),
        )
        .unwrap();
        let chain = |id: &str, rpc: &str| {
            serde_json::json!({"chain_id": id, "rpc": rpc, "gas_price": "0.0025", "fee_denom": "stake",
                "relayer_mnemonic_file": mnemonic.to_str().unwrap()})
        };
        let config = dir.join("config.json");
        std::fs::write(
            &config,
            serde_json::json!({"deployment": deployment.to_str().unwrap(),
                "chains": [chain("btp-a", rpcs[0]), chain("btp-b", rpcs[1])]})
            .to_string(),
        )
        .unwrap();
        let args = HealthArgs {
            config: ConfigArg { config },
            key: KeyArgs::default(),
            min_gas: 2_000_000,
        };
        (dir, args)
    }

    /// A node that answers with these balances.
    struct FakeNode {
        chain_id: String,
        balance: u128,
    }

    impl Probe for FakeNode {
        fn status(&self) -> Result<(u64, String)> {
            Ok((100, self.chain_id.clone()))
        }
        fn balance(&self, _: &str, _: &str) -> Result<u128> {
            Ok(self.balance)
        }
        fn light_client(
            &self,
            chain_id: &str,
            verifier: &str,
            counterpart: &str,
        ) -> Result<LightClientStatus> {
            Ok(LightClientStatus {
                chain: chain_id.into(),
                counterpart: counterpart.into(),
                address: verifier.into(),
                height: 90,
                header_time: None,
                age_secs: Some(10),
                expires_in_secs: Some(1000),
                frozen: false,
                status: Some("active".into()),
            })
        }
    }

    fn failures(checks: &[Check]) -> Vec<&Check> {
        checks.iter().filter(|check| !check.ok).collect()
    }

    #[test]
    fn an_unfunded_key_fails_and_says_to_fund_it() {
        let (dir, args) = setup("unfunded", ["http://a", "http://b"]);
        let setup = relayer::config::load(&args.config.config).unwrap();
        let checks = check(&setup, &args, |chain| {
            Ok(FakeNode {
                chain_id: chain.node.chain_id.clone(),
                // btp-a's relayer is funded (5000stake ≥ 2M gas × 0.0025); btp-b's is not.
                balance: if chain.node.chain_id == "btp-a" {
                    5_000
                } else {
                    0
                },
            })
        });
        let failed = failures(&checks);
        assert_eq!(failed.len(), 1, "{checks:?}");
        assert_eq!(failed[0].what, "balance btp-b");
        assert!(
            failed[0]
                .detail
                .contains("has 0stake, not enough to pay for 2000000 gas (5000stake): fund it"),
            "{}",
            failed[0].detail
        );
        // Every other check ran and passed: the node, the key, the light clients.
        assert!(checks
            .iter()
            .any(|check| check.ok && check.what == "key btp-b"));
        assert!(checks
            .iter()
            .any(|check| check.ok && check.what == "light client of btp-a on btp-b"));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_stopped_node_fails_with_the_reason() {
        // Nobody listens on port 1 of the loopback.
        let (dir, args) = setup("stopped", ["http://127.0.0.1:1", "http://127.0.0.1:1"]);
        let setup = relayer::config::load(&args.config.config).unwrap();
        let checks = check(&setup, &args, |chain| {
            NodeChain::new(chain.node.clone(), None)
        });
        let failed = failures(&checks);
        let node = failed
            .iter()
            .find(|check| check.what == "node btp-a")
            .expect("a failed node check");
        assert!(
            node.detail.starts_with("cannot reach http://127.0.0.1:1: "),
            "{}",
            node.detail
        );
        assert!(
            node.detail
                .contains("error sending request for url (http://127.0.0.1:1/)"),
            "{}",
            node.detail
        );
        assert!(!node.detail.contains('\n'), "one line: {}", node.detail);
        // The keys still load; balances and light clients are not read from a node that is down.
        assert!(checks
            .iter()
            .any(|check| check.ok && check.what == "key btp-a"));
        assert!(!checks.iter().any(|check| check.what.starts_with("balance")));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_node_of_another_chain_fails() {
        let (dir, args) = setup("other", ["http://a", "http://b"]);
        let setup = relayer::config::load(&args.config.config).unwrap();
        let checks = check(&setup, &args, |_| {
            Ok::<_, Error>(FakeNode {
                chain_id: "btp-z".into(),
                balance: 1 << 40,
            })
        });
        let failed = failures(&checks);
        assert_eq!(failed.len(), 2, "{checks:?}");
        assert!(
            failed[0].detail.contains("serves chain btp-z, not btp-a"),
            "{}",
            failed[0].detail
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
