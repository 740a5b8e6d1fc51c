//! The deployment config (`deploy/*.json`, what `scripts/deploy.sh` reads)
//! and the deployment file it writes: together they tell the relayer and the
//! `btp` command where each chain is and where the suite lives on it.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{bail, ensure, Context, Error, Result};
use serde::Deserialize;

use crate::node::NodeConfig;
use crate::relay::Endpoint;

#[derive(Deserialize)]
struct RawConfig {
    deployment: String,
    chains: Vec<RawChain>,
    /// The links to relay, by chain id; every pair of chains when absent.
    #[serde(default)]
    links: Option<Vec<RawLink>>,
}

/// A link of the config: two chains whose message centers have a link to
/// each other, each with a light client of the other.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLink {
    a: String,
    b: String,
}

#[derive(Deserialize)]
struct RawChain {
    chain_id: String,
    rpc: String,
    #[serde(default = "default_prefix")]
    bech32_prefix: String,
    gas_price: String,
    fee_denom: String,
    #[serde(default)]
    gas_adjustment: Option<String>,
    #[serde(default)]
    relayer_mnemonic_file: Option<String>,
    #[serde(default)]
    relayer_key: Option<String>,
    #[serde(default)]
    cli: Option<String>,
    #[serde(default)]
    keyring_backend: Option<String>,
    #[serde(default)]
    keyring_dir: Option<String>,
}

fn default_prefix() -> String {
    "wasm".into()
}

#[derive(Deserialize)]
struct RawDeployment {
    chains: BTreeMap<String, Contracts>,
}

/// The suite's contracts on one chain, as the deployment file lists them.
#[derive(Clone, Debug, Deserialize)]
pub struct Contracts {
    /// The message center.
    pub message_center: String,
    /// The light client of the other chain, in a deployment of two chains
    /// (empty when the deployment names one per chain in `verifiers`).
    #[serde(default)]
    pub verifier: String,
    /// The light client of each other chain, by its chain id (a deployment
    /// of more than two chains); `verifier` serves for a chain missing here.
    #[serde(default)]
    pub verifiers: BTreeMap<String, String>,
    /// The token handler.
    pub handler: String,
    /// The token vault.
    pub vault: String,
    /// Test tokens the deployment created, by coin name.
    #[serde(default)]
    pub tokens: BTreeMap<String, String>,
}

/// The chain CLI's keyring, as `scripts/deploy.sh` uses it.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyring {
    /// The chain's CLI: the config's `cli`, else `$WASMD`, else `wasmd`.
    pub cli: String,
    /// `--keyring-backend` (`test` unless the config says otherwise).
    pub backend: String,
    /// `--keyring-dir`, when the config names one.
    pub dir: Option<String>,
}

/// Where a signing key comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum KeySource {
    /// A file holding a BIP-39 mnemonic.
    MnemonicFile(String),
    /// A key of the chain CLI's keyring, by name.
    Keyring {
        /// The key's name (`wasmd keys list`).
        name: String,
        /// The keyring that holds it.
        keyring: Keyring,
    },
}

impl KeySource {
    /// The key a mnemonic file or a key name of `keyring` designates, if
    /// one is given; an error when both are (which one was meant is unknown).
    fn either(
        mnemonic_file: Option<String>,
        name: Option<&str>,
        keyring: &Keyring,
    ) -> Result<Option<Self>> {
        match (mnemonic_file, name) {
            (Some(_), Some(_)) => bail!("a mnemonic file and a key name are both given"),
            (Some(file), None) => Ok(Some(Self::MnemonicFile(file))),
            (None, Some(name)) => Ok(Some(Self::Keyring {
                name: name.into(),
                keyring: keyring.clone(),
            })),
            (None, None) => Ok(None),
        }
    }
}

/// One chain of a deployment.
#[derive(Clone, Debug)]
pub struct ChainSetup {
    /// How to reach it.
    pub node: NodeConfig,
    /// The chain CLI's keyring.
    pub keyring: Keyring,
    /// The relayer's key, if the config names one (`relayer_mnemonic_file`
    /// or `relayer_key`).
    pub relayer_key: Option<KeySource>,
    /// The suite on it.
    pub contracts: Contracts,
}

impl ChainSetup {
    /// The key a command signs with: `--mnemonic-file FILE` or `--key NAME`
    /// (of this chain's keyring) when given, else `configured`.
    pub fn key_source(
        &self,
        mnemonic_file: Option<&str>,
        key: Option<&str>,
        configured: Option<&KeySource>,
    ) -> Result<KeySource> {
        KeySource::either(mnemonic_file.map(String::from), key, &self.keyring)
            .map_err(|_| Error::Config("give --mnemonic-file or --key, not both".into()))?
            .or_else(|| configured.cloned())
            .ok_or_else(|| {
                Error::Config(format!(
                    "no key for {}: give --mnemonic-file FILE or --key NAME (a key of its keyring)",
                    self.node.chain_id
                ))
            })
    }

    /// The light client of `counterpart` (a chain id) on this chain.
    pub fn verifier_of(&self, counterpart: &str) -> Result<&str> {
        match self.contracts.verifiers.get(counterpart) {
            Some(verifier) => Ok(verifier),
            None if !self.contracts.verifier.is_empty() => Ok(&self.contracts.verifier),
            None => Err(Error::Config(format!(
                "the deployment names no light client of {counterpart} on {} (`verifiers`)",
                self.node.chain_id
            ))),
        }
    }

    /// What a relay with `counterpart` (a chain id) touches on this chain.
    pub fn endpoint(&self, counterpart: &str) -> Result<Endpoint> {
        Ok(Endpoint {
            message_center: self.contracts.message_center.clone(),
            verifier: self.verifier_of(counterpart)?.to_string(),
        })
    }
}

/// A link between two chains of the config, by their index in
/// [`Setup::chains`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkSetup {
    /// The first chain.
    pub a: usize,
    /// The second chain.
    pub b: usize,
}

/// The chains, the suite on each, and the links between them.
#[derive(Clone, Debug)]
pub struct Setup {
    /// The chains, in the config's order.
    pub chains: Vec<ChainSetup>,
    /// The links to relay: the config's `links`, or every pair of chains.
    pub links: Vec<LinkSetup>,
}

impl Setup {
    /// The chain with this chain id.
    pub fn chain(&self, chain_id: &str) -> Result<&ChainSetup> {
        self.index(chain_id).map(|index| &self.chains[index])
    }

    /// The index of the chain with this chain id.
    pub fn index(&self, chain_id: &str) -> Result<usize> {
        self.chains
            .iter()
            .position(|chain| chain.node.chain_id == chain_id)
            .ok_or_else(|| Error::Config(format!("no chain {chain_id} in the config")))
    }

    /// A link's name: `<chain a> ⇄ <chain b>`.
    pub fn link_name(&self, link: LinkSetup) -> String {
        format!(
            "{} ⇄ {}",
            self.chains[link.a].node.chain_id, self.chains[link.b].node.chain_id
        )
    }
}

/// `$CW_BTP_LOCALNET`, `$CW_BTP_CACHE` and a leading `~` expanded as the scripts do.
pub fn expand(path: &str) -> String {
    let home = std::env::var("HOME").unwrap_or_default();
    let cache = std::env::var("CW_BTP_CACHE").unwrap_or_else(|_| format!("{home}/.cache/cw-btp"));
    let localnet = std::env::var("CW_BTP_LOCALNET").unwrap_or_else(|_| format!("{cache}/localnet"));
    let mut path = path
        .replace("$CW_BTP_LOCALNET", &localnet)
        .replace("$CW_BTP_CACHE", &cache);
    if let Some(rest) = path.strip_prefix('~') {
        path = format!("{home}{rest}");
    }
    path
}

fn decimal(text: &str, what: &str) -> Result<f64> {
    let value: f64 = text
        .parse()
        .with_context(|| format!("{what} {text:?} is not a decimal"))?;
    ensure!(
        value.is_finite() && value >= 0.0,
        "{what} {text} is negative"
    );
    Ok(value)
}

/// Reads a config and the deployment file it names. Any fault of either is
/// an [`Error::Config`] naming the file.
pub fn load(config: &Path) -> Result<Setup> {
    read(config).map_err(|err| match err {
        Error::Config(message) => Error::Config(message),
        other => Error::Config(format!("{}: {other}", config.display())),
    })
}

fn read(config: &Path) -> Result<Setup> {
    let raw: RawConfig = serde_json::from_slice(
        &std::fs::read(config).with_context(|| format!("reading {}", config.display()))?,
    )
    .with_context(|| format!("parsing {}", config.display()))?;
    let deployment_path = expand(&raw.deployment);
    let deployment: RawDeployment =
        serde_json::from_slice(&std::fs::read(&deployment_path).with_context(|| {
            format!("reading the deployment {deployment_path} (run scripts/deploy.sh first)")
        })?)
        .with_context(|| format!("parsing {deployment_path}"))?;
    if raw.chains.len() < 2 {
        bail!("{} must list at least two chains", config.display());
    }
    let chains = raw
        .chains
        .into_iter()
        .map(|chain| {
            let contracts = deployment
                .chains
                .get(&chain.chain_id)
                .cloned()
                .with_context(|| format!("{deployment_path} has no chain {}", chain.chain_id))?;
            let keyring = Keyring {
                cli: chain
                    .cli
                    .clone()
                    .or_else(|| std::env::var("WASMD").ok())
                    .unwrap_or_else(|| "wasmd".into()),
                backend: chain
                    .keyring_backend
                    .clone()
                    .unwrap_or_else(|| "test".into()),
                dir: chain.keyring_dir.as_deref().map(expand),
            };
            let relayer_key = KeySource::either(
                chain.relayer_mnemonic_file.as_deref().map(expand),
                chain.relayer_key.as_deref(),
                &keyring,
            )
            .with_context(|| {
                format!(
                    "{}: give relayer_mnemonic_file or relayer_key, not both",
                    chain.chain_id
                )
            })?;
            Ok(ChainSetup {
                keyring,
                relayer_key,
                node: NodeConfig {
                    gas_price: decimal(&chain.gas_price, "gas_price")?,
                    gas_adjustment: decimal(
                        chain.gas_adjustment.as_deref().unwrap_or("1.4"),
                        "gas_adjustment",
                    )?,
                    chain_id: chain.chain_id,
                    rpc: chain.rpc,
                    bech32_prefix: chain.bech32_prefix,
                    fee_denom: chain.fee_denom,
                },
                contracts,
            })
        })
        .collect::<Result<Vec<ChainSetup>>>()?;
    let mut setup = Setup {
        chains,
        links: vec![],
    };
    for (index, chain) in setup.chains.iter().enumerate() {
        ensure!(
            setup.index(&chain.node.chain_id)? == index,
            "{} lists chain {} twice",
            config.display(),
            chain.node.chain_id
        );
    }
    setup.links = match raw.links {
        Some(links) => {
            ensure!(!links.is_empty(), "{}: `links` is empty", config.display());
            links
                .iter()
                .map(|link| {
                    let (a, b) = (setup.index(&link.a)?, setup.index(&link.b)?);
                    ensure!(a != b, "a link of {} with itself", link.a);
                    Ok(LinkSetup { a, b })
                })
                .collect::<Result<Vec<_>>>()?
        }
        None => (0..setup.chains.len())
            .flat_map(|a| (a + 1..setup.chains.len()).map(move |b| LinkSetup { a, b }))
            .collect(),
    };
    for (index, link) in setup.links.iter().enumerate() {
        ensure!(
            !setup.links[..index]
                .iter()
                .any(|other| (other.a, other.b) == (link.a, link.b)
                    || (other.a, other.b) == (link.b, link.a)),
            "the link {} is listed twice",
            setup.link_name(*link)
        );
        let (a, b) = (&setup.chains[link.a], &setup.chains[link.b]);
        a.verifier_of(&b.node.chain_id)?;
        b.verifier_of(&a.node.chain_id)?;
    }
    Ok(setup)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `deploy/<example>` in a temporary directory, naming a deployment
    /// file that lists contracts `center1`, `center2`, ... for its chains in
    /// order; returns the directory, the config's path and its JSON.
    fn example(
        example: &str,
        tag: &str,
    ) -> (std::path::PathBuf, std::path::PathBuf, serde_json::Value) {
        let dir = std::env::temp_dir().join(format!("btp-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut config: serde_json::Value = serde_json::from_slice(
            &std::fs::read(format!(
                "{}/../../deploy/{example}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap(),
        )
        .unwrap();
        let chains: serde_json::Map<_, _> = config["chains"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(index, chain)| {
                let n = index + 1;
                let contracts = serde_json::json!({
                    "message_center": format!("center{n}"), "verifier": format!("verifier{n}"),
                    "handler": format!("handler{n}"), "vault": format!("vault{n}"),
                    "tokens": {"a/token": "token"}
                });
                (chain["chain_id"].as_str().unwrap().to_string(), contracts)
            })
            .collect();
        let deployment = dir.join("deployment.json");
        std::fs::write(
            &deployment,
            serde_json::json!({ "chains": chains }).to_string(),
        )
        .unwrap();
        config["deployment"] = deployment.to_str().unwrap().into();
        let path = dir.join("config.json");
        std::fs::write(&path, config.to_string()).unwrap();
        (dir, path, config)
    }

    #[test]
    fn the_localnet_config_and_a_deployment_load() {
        let (dir, path, mut config) = example("localnet.json", "localnet");
        let setup = load(&path).unwrap();
        let b = setup.chain("btp-b").unwrap();
        assert_eq!(b.node.rpc, "http://127.0.0.1:26757");
        assert_eq!(b.contracts.message_center, "center2");
        assert!((b.node.gas_price - 0.0025).abs() < 1e-12);
        let Some(KeySource::MnemonicFile(file)) = &b.relayer_key else {
            panic!("{:?}", b.relayer_key)
        };
        assert!(file.ends_with("/btp-b/keys/relayer.mnemonic"), "{file}");
        assert!(!file.contains('$'));
        assert_eq!(b.keyring.backend, "test");
        assert!(b.keyring.dir.as_deref().unwrap().ends_with("/btp-b"));
        let by_name = b
            .key_source(None, Some("user"), b.relayer_key.as_ref())
            .unwrap();
        assert_eq!(
            by_name,
            KeySource::Keyring {
                name: "user".into(),
                keyring: b.keyring.clone()
            }
        );
        let config_error = |result: Result<()>| match result {
            Err(Error::Config(reason)) => reason,
            other => panic!("not a configuration error: {other:?}"),
        };
        let key_source = |mnemonic, key| b.key_source(mnemonic, key, None).map(|_| ());
        assert!(config_error(key_source(Some("f"), Some("user"))).contains("not both"));
        assert!(config_error(key_source(None, None)).starts_with("no key for btp-b"));
        assert!(config_error(setup.chain("btp-c").map(|_| ())).contains("no chain btp-c"));

        config["chains"].as_array_mut().unwrap().pop();
        std::fs::write(&path, config.to_string()).unwrap();
        assert!(matches!(load(&path), Err(Error::Config(_))));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Three chains, each with a light client of each other one; links all
    /// pairs unless `links` names some, and refuses what cannot be relayed.
    #[test]
    fn a_config_of_three_chains_links_them_as_told() {
        let dir = std::env::temp_dir().join(format!("btp-three-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let ids = ["btp-a", "btp-b", "btp-c"];
        let deployment = |verifiers_of_c: bool| {
            let chains: serde_json::Map<_, _> = ids
                .iter()
                .map(|id| {
                    let verifiers: serde_json::Map<_, _> = ids
                        .iter()
                        .filter(|other| *other != id)
                        .filter(|other| verifiers_of_c || **other != "btp-c")
                        .map(|other| {
                            (
                                other.to_string(),
                                format!("verifier-of-{other}-on-{id}").into(),
                            )
                        })
                        .collect();
                    let contracts = serde_json::json!({
                        "message_center": format!("center-{id}"), "verifiers": verifiers,
                        "handler": "handler", "vault": "vault", "tokens": {}
                    });
                    (id.to_string(), contracts)
                })
                .collect();
            serde_json::json!({ "chains": chains }).to_string()
        };
        let deployment_path = dir.join("deployment.json");
        std::fs::write(&deployment_path, deployment(true)).unwrap();
        let config = |links: serde_json::Value| {
            let chains: Vec<_> = ids
                .iter()
                .enumerate()
                .map(|(n, id)| {
                    serde_json::json!({
                        "chain_id": id, "rpc": format!("http://127.0.0.1:{}", 26657 + 100 * n),
                        "bech32_prefix": "wasm", "fee_denom": "stake", "gas_price": "0.0025",
                        "relayer_mnemonic_file": "/dev/null"
                    })
                })
                .collect();
            let mut config = serde_json::json!({
                "deployment": deployment_path.to_str().unwrap(), "chains": chains
            });
            if !links.is_null() {
                config["links"] = links;
            }
            let path = dir.join("config.json");
            std::fs::write(&path, config.to_string()).unwrap();
            load(&path)
        };

        let all = config(serde_json::Value::Null).unwrap();
        let names: Vec<String> = all.links.iter().map(|link| all.link_name(*link)).collect();
        assert_eq!(names.len(), 3, "every pair: {names:?}");
        let c = all.chain("btp-c").unwrap();
        assert_eq!(
            c.verifier_of("btp-a").unwrap(),
            "verifier-of-btp-a-on-btp-c"
        );
        assert_eq!(
            c.endpoint("btp-b").unwrap().verifier,
            "verifier-of-btp-b-on-btp-c"
        );

        let chosen =
            config(serde_json::json!([{"a": "btp-a", "b": "btp-b"}, {"a": "btp-b", "b": "btp-c"}]))
                .unwrap();
        assert_eq!(chosen.links.len(), 2);

        let config_error = |result: Result<Setup>| match result {
            Err(Error::Config(message)) => message,
            other => panic!("expected a config error, got {:?}", other.map(|s| s.links)),
        };
        let twice = config_error(config(serde_json::json!([
            {"a": "btp-a", "b": "btp-b"}, {"a": "btp-b", "b": "btp-a"}
        ])));
        assert!(twice.contains("listed twice"), "{twice}");
        let itself = config_error(config(serde_json::json!([{"a": "btp-a", "b": "btp-a"}])));
        assert!(itself.contains("with itself"), "{itself}");
        let unknown = config_error(config(serde_json::json!([{"a": "btp-a", "b": "btp-x"}])));
        assert!(unknown.contains("btp-x"), "{unknown}");

        // A link whose light client the deployment does not name is refused.
        std::fs::write(&deployment_path, deployment(false)).unwrap();
        let missing = config_error(config(serde_json::Value::Null));
        assert!(missing.contains("no light client of btp-c"), "{missing}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The public-testnet example the README documents stays loadable.
    #[test]
    fn the_testnet_example_config_loads() {
        let (dir, path, _) = example("testnets.json", "testnets");
        let setup = load(&path).unwrap();
        let osmosis = setup.chain("osmo-test-5").unwrap();
        assert_eq!(osmosis.node.bech32_prefix, "osmo");
        assert_eq!(osmosis.node.fee_denom, "uosmo");
        assert_eq!(osmosis.keyring.cli, "osmosisd");
        assert_eq!(osmosis.keyring.backend, "os");
        let Some(KeySource::MnemonicFile(file)) = &osmosis.relayer_key else {
            panic!("{:?}", osmosis.relayer_key)
        };
        assert!(!file.starts_with('~') && file.ends_with("/.btp/osmo-relayer.mnemonic"));
        assert_eq!(setup.chain("pion-1").unwrap().keyring.cli, "neutrond");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
