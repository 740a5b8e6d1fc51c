//! The real-node backend: a Cosmos SDK chain with `x/wasm`, reached over its
//! CometBFT RPC endpoint. Headers and validator sets come from `/commit` and
//! `/validators`, committed messages from `/tx_search` over the message
//! center's `wasm-btp_message` events (and, for blocks the node's index
//! lost, from the blocks' results: [`crate::gaps`]), values and proofs (of membership, or
//! of absence for a key not stored) from `abci_query` of the `wasm` store
//! with `prove = true`, header times from `/commit`; transactions are built and signed with
//! `cosmrs` and broadcast with `broadcast_tx_sync`, their gas estimated by
//! the chain's `Simulate`.

use std::str::FromStr;
use std::time::{Duration, Instant};

use crate::error::{bail, ensure, failure, Context, Error, Result};
use btp_types::msg::verifier::Counterpart;
use btp_types::NetworkAddress;
use cosmrs::proto::cosmos::auth::v1beta1::{
    BaseAccount, QueryAccountRequest, QueryAccountResponse,
};
use cosmrs::proto::cosmos::bank::v1beta1::{QueryBalanceRequest, QueryBalanceResponse};
use cosmrs::proto::cosmos::tx::v1beta1::{SimulateRequest, SimulateResponse};
use cosmrs::proto::cosmwasm::wasm::v1::{
    QuerySmartContractStateRequest, QuerySmartContractStateResponse,
};
use cosmrs::proto::prost::Message as _;
use cosmrs::tx::{Fee, Msg as _, SignDoc, SignerInfo};
use cosmrs::{AccountId, Any, Coin as SdkCoin, Denom};
use cosmwasm_std::{Attribute, Binary, CosmosMsg, Event, Timestamp, WasmMsg};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tendermint::block::Height;
use tendermint::validator;
use tendermint_rpc::query::Query;
use tendermint_rpc::{Client, HttpClient, Order, Paging};

use crate::backend::{ChainBackend, CommittedMessage, ProvenValue, Submitted};
use crate::config::{KeySource, Keyring};
use crate::gaps::{complete, BlockSource};
use btp_types::events::message_center::MessageCommitted;
use btp_types::events::relayer::TxIncluded;
use btp_types::events::{emitter, foreign_event, is_type, TypedEvent, WASM_PREFIX};
use btp_types::keys::{commitment_storage_key, wasm_store_key};
use cometbft_header::{IbcHeader, IbcHeight};

/// The message center's event of a committed message, as wasmd names it.
/// Cosmos SDK's `ErrWrongSequence` (`sdkerrors` code 32).
const WRONG_SEQUENCE: u32 = 32;
/// Cosmos SDK's `ErrInsufficientFunds` (code 5) and `ErrInsufficientFee` (13).
const INSUFFICIENT_FUNDS: u32 = 5;
const INSUFFICIENT_FEE: u32 = 13;
/// How often a transaction is re-signed after a sequence mismatch.
const SEQUENCE_RETRIES: usize = 4;
/// How long to wait for a broadcast transaction to be in a block.
const INCLUSION_TIMEOUT: Duration = Duration::from_secs(60);

/// How to reach one chain and pay for transactions on it.
#[derive(Clone, Debug)]
pub struct NodeConfig {
    /// The chain id.
    pub chain_id: String,
    /// The CometBFT RPC endpoint, e.g. `http://127.0.0.1:26657`.
    pub rpc: String,
    /// The bech32 prefix of account addresses.
    pub bech32_prefix: String,
    /// The gas price, in `fee_denom` per gas unit (a decimal, e.g. `0.025`).
    pub gas_price: f64,
    /// The denom fees are paid in.
    pub fee_denom: String,
    /// Simulated gas is multiplied by this.
    pub gas_adjustment: f64,
}

/// The secp256k1 key that signs transactions, and its account.
pub struct Signer {
    key: cosmrs::crypto::secp256k1::SigningKey,
    /// The account's address.
    pub address: AccountId,
}

impl Signer {
    fn new(key: cosmrs::crypto::secp256k1::SigningKey, bech32_prefix: &str) -> Result<Self> {
        let address = key
            .public_key()
            .account_id(bech32_prefix)
            .map_err(|err| failure!("{err}"))?;
        Ok(Self { key, address })
    }

    /// The key of a BIP-39 mnemonic at the Cosmos HD path `m/44'/118'/0'/0/0`
    /// (what `wasmd keys add` creates; `wasmd keys add NAME --recover` imports it).
    pub fn from_mnemonic(phrase: &str, bech32_prefix: &str) -> Result<Self> {
        let mnemonic = bip32::Mnemonic::new(phrase.trim(), bip32::Language::English)
            .map_err(|err| failure!("not a BIP-39 mnemonic: {err}"))?;
        let seed = mnemonic.to_seed("");
        let path = "m/44'/118'/0'/0/0"
            .parse()
            .map_err(|err| failure!("derivation path: {err}"))?;
        let key = cosmrs::crypto::secp256k1::SigningKey::derive_from_path(seed, &path)
            .map_err(|err| failure!("deriving the key: {err}"))?;
        Self::new(key, bech32_prefix)
    }

    /// [`Self::from_mnemonic`] with the phrase read from a file.
    pub fn from_mnemonic_file(path: &str, bech32_prefix: &str) -> Result<Self> {
        let phrase = std::fs::read_to_string(path)
            .with_context(|| format!("reading the mnemonic {path}"))?;
        Self::from_mnemonic(&phrase, bech32_prefix).with_context(|| format!("mnemonic file {path}"))
    }

    /// A key of the chain CLI's keyring, read with `CLI keys export NAME
    /// --unarmored-hex --unsafe -y`: the `test` backend needs nothing more; a
    /// passphrase-protected backend (`file`, `os`) asks on the terminal.
    pub fn from_keyring(name: &str, keyring: &Keyring, bech32_prefix: &str) -> Result<Self> {
        let mut command = std::process::Command::new(&keyring.cli);
        command
            .args(["keys", "export", name, "--unarmored-hex", "--unsafe", "-y"])
            .args(["--keyring-backend", &keyring.backend]);
        if let Some(dir) = &keyring.dir {
            command.args(["--keyring-dir", dir]);
        }
        let what = format!(
            "key {name:?} of the {} keyring{} ({} keys export)",
            keyring.backend,
            keyring
                .dir
                .as_deref()
                .map(|dir| format!(" in {dir}"))
                .unwrap_or_default(),
            keyring.cli
        );
        let output = command
            .stdin(std::process::Stdio::inherit())
            .stderr(std::process::Stdio::piped())
            .output()
            .with_context(|| format!("running {} for the {what}", keyring.cli))?;
        ensure!(
            output.status.success(),
            "cannot read the {what}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
        let bytes = hex::decode(String::from_utf8_lossy(&output.stdout).trim())
            .with_context(|| format!("the {what} is not a hex private key"))?;
        let key = cosmrs::crypto::secp256k1::SigningKey::from_slice(&bytes)
            .map_err(|err| failure!("the {what} is not a secp256k1 key: {err}"))?;
        Self::new(key, bech32_prefix)
    }

    /// The key of `source`; an [`Error::Key`] saying why it cannot be loaded.
    pub fn load(source: &KeySource, bech32_prefix: &str) -> Result<Self> {
        match source {
            KeySource::MnemonicFile(file) => Self::from_mnemonic_file(file, bech32_prefix),
            KeySource::Keyring { name, keyring } => {
                Self::from_keyring(name, keyring, bech32_prefix)
            }
        }
        .map_err(|err| match err {
            Error::Key(message) => Error::Key(message),
            other => Error::Key(other.to_string()),
        })
    }
}

/// One chain reached through a node, as a [`ChainBackend`].
pub struct NodeChain {
    runtime: tokio::runtime::Runtime,
    client: HttpClient,
    config: NodeConfig,
    network: NetworkAddress,
    signer: Option<Signer>,
}

/// An RPC error in one line: its message and causes, without the trace
/// `tendermint-rpc` appends.
fn rpc_error(err: tendermint_rpc::Error) -> Error {
    let text = err.to_string();
    let message = text
        .lines()
        .map(str::trim)
        .take_while(|line| {
            !line.is_empty()
                && !line.ends_with(|c: char| c.is_ascii_digit())
                && !line.starts_with("0:")
        })
        .collect::<Vec<_>>()
        .join(": ");
    let mut source = std::error::Error::source(&err);
    let mut causes = vec![];
    while let Some(cause) = source {
        causes.push(cause.to_string());
        source = cause.source();
    }
    Error::Node(if causes.is_empty() {
        message
    } else {
        format!("{message} ({})", causes.join(": "))
    })
}

/// The message `event` of block `height` tells of, when it is a
/// `btp_message` event of `message_center`.
fn committed_message(
    message_center: &str,
    height: u64,
    event: &tendermint::abci::Event,
) -> Result<Option<CommittedMessage>> {
    let event = cosmwasm_event(event);
    if !is_type(&event, MessageCommitted::TYPE) || emitter(&event) != Some(message_center) {
        return Ok(None);
    }
    // `remote_center`, `timeout` and `head` came with the second transport
    // version: events of a message center before its migration have none.
    let committed = MessageCommitted::from_event(&event)
        .with_context(|| format!("an unreadable {} event: {:?}", event.ty, event.attributes))?;
    let timeout = committed.timeout_time();
    Ok(Some(CommittedMessage {
        height,
        network: NetworkAddress::parse(&committed.network)?,
        remote_center: committed.remote_center,
        sequence: committed.sequence,
        message: committed.message.to_vec(),
        timeout,
        head: committed.head.map(|head| head.to_vec()),
    }))
}

/// The `tx_search` key of attribute `key` of the `btp_message` event.
fn committed_key(key: &str) -> String {
    format!("{WASM_PREFIX}{}.{key}", MessageCommitted::TYPE)
}

/// A node's event as the contracts' events are parsed.
fn cosmwasm_event(event: &tendermint::abci::Event) -> Event {
    foreign_event(
        event.kind.clone(),
        event
            .attributes
            .iter()
            .map(|attribute| Attribute {
                key: attribute.key_str().unwrap_or_default().to_string(),
                value: attribute.value_str().unwrap_or_default().to_string(),
            })
            .collect(),
    )
}

/// A [`BlockSource`] of one message center on a node.
struct CenterOnNode<'a> {
    node: &'a NodeChain,
    message_center: &'a str,
    canonical_center: Vec<u8>,
}

impl BlockSource for CenterOnNode<'_> {
    fn is_committed(&self, history: &Counterpart, sequence: u64, height: u64) -> Result<bool> {
        let key = wasm_store_key(
            &self.canonical_center,
            &commitment_storage_key(history, sequence),
        );
        Ok(self.node.stored_value(&key, height)?.is_some())
    }

    fn messages_in_block(&self, height: u64) -> Result<Vec<CommittedMessage>> {
        let results = self
            .node
            .block_on(self.node.client.block_results(Height::try_from(height)?))
            .map_err(rpc_error)
            .with_context(|| {
                format!("results of block {height} of {}", self.node.config.chain_id)
            })?;
        let mut messages = vec![];
        for tx in results.txs_results.unwrap_or_default() {
            for event in &tx.events {
                if let Some(message) = committed_message(self.message_center, height, event)? {
                    messages.push(message);
                }
            }
        }
        Ok(messages)
    }

    fn earliest_height(&self) -> Result<u64> {
        let status = self
            .node
            .block_on(self.node.client.status())
            .map_err(rpc_error)
            .with_context(|| format!("status of {}", self.node.config.rpc))?;
        Ok(status.sync_info.earliest_block_height.value().max(1))
    }
}

impl NodeChain {
    /// Connects to `config.rpc` (nothing is sent until the first call);
    /// transactions are signed by `signer`.
    pub fn new(config: NodeConfig, signer: Option<Signer>) -> Result<Self> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let client = HttpClient::new(config.rpc.as_str())
            .map_err(|err| Error::Config(format!("RPC endpoint {}: {err}", config.rpc)))?;
        let network = NetworkAddress::parse(&format!("{}.cosmos", config.chain_id))?;
        Ok(Self {
            runtime,
            client,
            config,
            network,
            signer,
        })
    }

    /// The chain's configuration.
    pub fn config(&self) -> &NodeConfig {
        &self.config
    }

    /// The signer's address, if there is a signer.
    pub fn signer_address(&self) -> Option<String> {
        self.signer
            .as_ref()
            .map(|signer| signer.address.to_string())
    }

    fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// The latest block height and the chain id the node reports.
    pub fn status(&self) -> Result<(u64, String)> {
        let status = self
            .block_on(self.client.status())
            .map_err(rpc_error)
            .with_context(|| format!("status of {}", self.config.rpc))?;
        Ok((
            status.sync_info.latest_block_height.value(),
            status.node_info.network.to_string(),
        ))
    }

    /// Checks that the node serves the configured chain.
    pub fn check_chain_id(&self) -> Result<u64> {
        let (height, chain_id) = self.status()?;
        if chain_id != self.config.chain_id {
            return Err(Error::ChainIdMismatch {
                rpc: self.config.rpc.clone(),
                expected: self.config.chain_id.clone(),
                actual: chain_id,
            });
        }
        Ok(height)
    }

    /// A gRPC query answered through `abci_query` (path `/<service>/<method>`).
    fn grpc_query<
        Req: cosmrs::proto::prost::Message,
        Resp: cosmrs::proto::prost::Message + Default,
    >(
        &self,
        path: &str,
        request: &Req,
    ) -> Result<Resp> {
        let answer = self
            .block_on(self.client.abci_query(
                Some(path.to_string()),
                request.encode_to_vec(),
                None,
                false,
            ))
            .map_err(rpc_error)
            .with_context(|| format!("abci_query {path} on {}", self.config.chain_id))?;
        ensure!(
            answer.code.is_ok(),
            "{path} on {}: {}",
            self.config.chain_id,
            answer.log
        );
        Ok(Resp::decode(answer.value.as_slice())?)
    }

    /// An account's balance of one denom.
    pub fn balance(&self, address: &str, denom: &str) -> Result<u128> {
        let response: QueryBalanceResponse = self.grpc_query(
            "/cosmos.bank.v1beta1.Query/Balance",
            &QueryBalanceRequest {
                address: address.to_string(),
                denom: denom.to_string(),
            },
        )?;
        Ok(match response.balance {
            Some(coin) => coin.amount.parse()?,
            None => 0,
        })
    }

    /// The signer's account number and sequence; an error saying so when
    /// the account does not exist (it never received funds).
    fn account(&self, signer: &Signer) -> Result<(u64, u64)> {
        let answer = self
            .block_on(
                self.client.abci_query(
                    Some("/cosmos.auth.v1beta1.Query/Account".to_string()),
                    QueryAccountRequest {
                        address: signer.address.to_string(),
                    }
                    .encode_to_vec(),
                    None,
                    false,
                ),
            )
            .map_err(rpc_error)?;
        if !answer.code.is_ok() {
            if answer.log.contains("not found") {
                return Err(Error::Funds(format!(
                    "the account {} has no funds on {}: it does not exist until it receives some; send it {} to pay for transactions",
                    signer.address,
                    self.config.chain_id,
                    self.config.fee_denom
                )));
            }
            bail!("reading the account {}: {}", signer.address, answer.log);
        }
        let response = QueryAccountResponse::decode(answer.value.as_slice())?;
        let any = response.account.context("no account in the answer")?;
        ensure!(
            any.type_url == "/cosmos.auth.v1beta1.BaseAccount",
            "the account {} is a {}, not a base account",
            signer.address,
            any.type_url
        );
        let account = BaseAccount::decode(any.value.as_slice())?;
        Ok((account.account_number, account.sequence))
    }

    fn signed_tx(
        &self,
        signer: &Signer,
        messages: &[Any],
        account_number: u64,
        sequence: u64,
        gas: u64,
        fee_amount: u128,
    ) -> Result<Vec<u8>> {
        let body = cosmrs::tx::Body::new(messages.to_vec(), "cw-btp relayer", 0u32);
        let fee = Fee::from_amount_and_gas(
            SdkCoin {
                denom: Denom::from_str(&self.config.fee_denom).map_err(|err| failure!("{err}"))?,
                amount: fee_amount,
            },
            gas,
        );
        let auth_info =
            SignerInfo::single_direct(Some(signer.key.public_key()), sequence).auth_info(fee);
        let chain_id = cosmrs::tendermint::chain::Id::from_str(&self.config.chain_id)
            .map_err(|err| failure!("{err}"))?;
        let sign_doc = SignDoc::new(&body, &auth_info, &chain_id, account_number)
            .map_err(|err| failure!("{err}"))?;
        let raw = sign_doc
            .sign(&signer.key)
            .map_err(|err| failure!("{err}"))?;
        raw.to_bytes().map_err(|err| failure!("{err}"))
    }

    /// Gas the chain's `Simulate` says the messages use (the error of the
    /// simulated execution otherwise: what the real one would fail with).
    fn simulate(&self, signer: &Signer, messages: &[Any], account: (u64, u64)) -> Result<u64> {
        let tx_bytes = self.signed_tx(signer, messages, account.0, account.1, 0, 0)?;
        #[allow(deprecated)]
        let request = SimulateRequest { tx: None, tx_bytes };
        let response: SimulateResponse = self
            .grpc_query("/cosmos.tx.v1beta1.Service/Simulate", &request)
            .context("simulating the transaction")?;
        Ok(response.gas_info.context("no gas info")?.gas_used)
    }

    /// Signs `messages` (already `Any`-encoded) as one transaction, estimates
    /// its gas, broadcasts it, waits until it is in a block and fails unless
    /// it succeeded. Re-signs after a sequence mismatch (another transaction
    /// of the same account got in first).
    pub fn submit_any(&self, messages: Vec<Any>) -> Result<Submitted> {
        let signer = self
            .signer
            .as_ref()
            .context("no signing key configured for this chain")?;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let account = self.account(signer)?;
            let simulated = self.simulate(signer, &messages, account)?;
            let gas = (simulated as f64 * self.config.gas_adjustment).ceil() as u64;
            let fee = (gas as f64 * self.config.gas_price).ceil() as u128;
            let balance = self.balance(signer.address.as_ref(), &self.config.fee_denom)?;
            if balance < fee {
                return Err(Error::Funds(format!(
                    "the account {} has {balance}{denom} on {}, and the transaction needs {fee}{denom} in fees: fund it",
                    signer.address,
                    self.config.chain_id,
                    denom = self.config.fee_denom
                )));
            }
            let tx = self.signed_tx(signer, &messages, account.0, account.1, gas, fee)?;
            let response = self
                .block_on(self.client.broadcast_tx_sync(tx))
                .map_err(rpc_error)
                .context("broadcasting the transaction")?;
            let code = response.code.value();
            if code == WRONG_SEQUENCE && attempt < SEQUENCE_RETRIES {
                std::thread::sleep(Duration::from_millis(300));
                continue;
            }
            match code {
                0 => {}
                INSUFFICIENT_FUNDS | INSUFFICIENT_FEE => {
                    return Err(Error::Funds(format!(
                        "the account {} cannot pay {fee}{} on {}: {}",
                        signer.address, self.config.fee_denom, self.config.chain_id, response.log
                    )))
                }
                _ => {
                    return Err(Error::Transaction(format!(
                        "the transaction was refused on {} (code {code}): {}",
                        self.config.chain_id, response.log
                    )))
                }
            }
            return self.wait_for(response.hash, fee);
        }
    }

    /// Waits for transaction `hash`, which paid `fee` (in the fee denom).
    fn wait_for(&self, hash: tendermint::Hash, fee: u128) -> Result<Submitted> {
        let started = Instant::now();
        loop {
            if let Ok(found) = self.block_on(self.client.tx(hash, false)) {
                let result = found.tx_result;
                if !result.code.is_ok() {
                    return Err(Error::Transaction(format!(
                        "transaction {hash} failed in block {} of {} (code {}, gas used {} of {}): {}",
                        found.height,
                        self.config.chain_id,
                        result.code.value(),
                        result.gas_used,
                        result.gas_wanted,
                        result.log
                    )));
                }
                let mut events: Vec<Event> = result.events.iter().map(cosmwasm_event).collect();
                events.push(
                    TxIncluded {
                        hash: hash.to_string(),
                        gas_used: result.gas_used,
                        gas_wanted: result.gas_wanted,
                        fee: format!("{fee}{}", self.config.fee_denom),
                    }
                    .to_event(),
                );
                return Ok(Submitted {
                    height: found.height.value(),
                    events,
                });
            }
            ensure!(
                started.elapsed() < INCLUSION_TIMEOUT,
                "transaction {hash} is not in a block of {} after {INCLUSION_TIMEOUT:?}",
                self.config.chain_id
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn account_id(&self, address: &str) -> Result<AccountId> {
        AccountId::from_str(address).map_err(|err| failure!("address {address}: {err}"))
    }

    /// `CosmosMsg`s as the chain's messages; only contract executions (what
    /// the relayer and the CLI send).
    pub fn encode_messages(&self, messages: Vec<CosmosMsg>) -> Result<Vec<Any>> {
        let sender = self
            .signer
            .as_ref()
            .context("no signing key configured for this chain")?
            .address
            .clone();
        messages
            .into_iter()
            .map(|message| match message {
                CosmosMsg::Wasm(WasmMsg::Execute {
                    contract_addr,
                    msg,
                    funds,
                }) => cosmrs::cosmwasm::MsgExecuteContract {
                    sender: sender.clone(),
                    contract: self.account_id(&contract_addr)?,
                    msg: msg.to_vec(),
                    funds: funds
                        .into_iter()
                        .map(|coin| {
                            Ok(SdkCoin {
                                denom: Denom::from_str(&coin.denom)
                                    .map_err(|err| failure!("{err}"))?,
                                amount: coin.amount.u128(),
                            })
                        })
                        .collect::<Result<_>>()?,
                }
                .to_any()
                .map_err(|err| failure!("{err}")),
                other => bail!("the node backend only sends contract executions, not {other:?}"),
            })
            .collect()
    }

    /// The `btp_message` events of `message_center` in the transactions
    /// `query` finds, in order; stops paging once `limit` are found.
    fn search_messages(
        &self,
        message_center: &str,
        query: Query,
        limit: usize,
    ) -> Result<Vec<CommittedMessage>> {
        let mut found = vec![];
        let mut page = 1;
        loop {
            let response = self
                .block_on(
                    self.client
                        .tx_search(query.clone(), false, page, 100, Order::Ascending),
                )
                .map_err(rpc_error)
                .with_context(|| format!("tx_search {query} on {}", self.config.chain_id))?;
            let count = response.txs.len();
            for tx in response.txs {
                for event in &tx.tx_result.events {
                    if let Some(message) =
                        committed_message(message_center, tx.height.value(), event)?
                    {
                        found.push(message);
                    }
                }
            }
            if count < 100
                || (page as usize) * 100 >= response.total_count as usize
                || found.len() >= limit
            {
                break;
            }
            page += 1;
        }
        Ok(found)
    }

    /// `abci_query` of `key` in the `wasm` store after block `version`.
    fn store_query(
        &self,
        key: &[u8],
        version: u64,
        prove: bool,
    ) -> Result<tendermint_rpc::endpoint::abci_query::AbciQuery> {
        let answer = self
            .block_on(self.client.abci_query(
                Some("store/wasm/key".to_string()),
                key.to_vec(),
                Some(Height::try_from(version)?),
                prove,
            ))
            .map_err(rpc_error)
            .with_context(|| format!("value of {} at {version}", hex::encode(key)))?;
        ensure!(
            answer.code.is_ok(),
            "value of {} at {version}: {}",
            hex::encode(key),
            answer.log
        );
        Ok(answer)
    }

    /// The value under `key` in the `wasm` store after block `version`,
    /// without a proof.
    fn stored_value(&self, key: &[u8], version: u64) -> Result<Option<Vec<u8>>> {
        let answer = self.store_query(key, version, false)?;
        Ok((!answer.value.is_empty()).then_some(answer.value))
    }

    fn validator_set(&self, height: u64) -> Result<validator::Set> {
        let response = self
            .block_on(
                self.client
                    .validators(Height::try_from(height)?, Paging::All),
            )
            .map_err(rpc_error)
            .with_context(|| format!("validators of {} at {height}", self.config.chain_id))?;
        Ok(validator::Set::without_proposer(response.validators))
    }
}

/// ibc-go's `MerkleProof`: `repeated CommitmentProof proofs = 1`, each
/// already encoded (the `data` of one proof op).
#[derive(Clone, PartialEq, prost::Message)]
struct MerkleProof {
    #[prost(bytes = "vec", repeated, tag = "1")]
    proofs: Vec<Vec<u8>>,
}

impl ChainBackend for NodeChain {
    fn network(&self) -> NetworkAddress {
        self.network.clone()
    }

    fn relayer_balance(&self) -> Result<Option<cosmwasm_std::Coin>> {
        let Some(signer) = &self.signer else {
            return Ok(None);
        };
        let amount = self.balance(signer.address.as_ref(), &self.config.fee_denom)?;
        Ok(Some(cosmwasm_std::Coin::new(
            amount,
            &self.config.fee_denom,
        )))
    }

    fn latest_header_height(&self) -> Result<u64> {
        // The latest block's commit is the node's seen commit, valid but not
        // yet canonical; one below it is settled.
        Ok(self.status()?.0.saturating_sub(1))
    }

    fn header_time(&self, height: u64) -> Result<Timestamp> {
        let commit = self
            .block_on(self.client.commit(Height::try_from(height)?))
            .map_err(rpc_error)
            .with_context(|| format!("commit of {} at {height}", self.config.chain_id))?;
        let nanos = commit.signed_header.header.time.unix_timestamp_nanos();
        Ok(Timestamp::from_nanos(u64::try_from(nanos).with_context(
            || format!("header {height} of {} is before 1970", self.config.chain_id),
        )?))
    }

    fn client_update(&self, trusted_height: u64, height: u64) -> Result<Binary> {
        let commit = self
            .block_on(self.client.commit(Height::try_from(height)?))
            .map_err(rpc_error)
            .with_context(|| format!("commit of {} at {height}", self.config.chain_id))?;
        let validators = self.validator_set(height)?;
        let trusted_validators = self.validator_set(trusted_height + 1)?;
        let header = IbcHeader {
            signed_header: Some(commit.signed_header.into()),
            validator_set: Some(validators.into()),
            trusted_height: Some(IbcHeight {
                revision_number: cometbft_header::revision_number(&self.config.chain_id),
                revision_height: trusted_height,
            }),
            trusted_validators: Some(trusted_validators.into()),
        };
        Ok(Binary::new(prost::Message::encode_to_vec(&header)))
    }

    fn committed_messages(
        &self,
        message_center: &str,
        from: u64,
        to: u64,
    ) -> Result<Vec<CommittedMessage>> {
        let query = Query::eq(committed_key("_contract_address"), message_center)
            .and_gte("tx.height", from)
            .and_lte("tx.height", to);
        self.search_messages(message_center, query, usize::MAX)
    }

    fn pending_messages(
        &self,
        message_center: &str,
        history: &Counterpart,
        after: u64,
        to: u64,
        limit: usize,
    ) -> Result<Vec<CommittedMessage>> {
        // The node's index narrows the search to the history and the
        // sequences not yet delivered, so that a relayer does not read the
        // chain's whole past at every step.
        let link = Query::eq(committed_key("_contract_address"), message_center)
            .and_eq(committed_key("network"), history.network.to_string());
        let in_history = |messages: Vec<CommittedMessage>| -> Vec<CommittedMessage> {
            messages
                .into_iter()
                .filter(|message| message.is_in(history) && message.sequence > after)
                .collect()
        };
        let narrowed = in_history(
            self.search_messages(
                message_center,
                link.clone()
                    .and_eq(committed_key("remote_center"), history.center.clone())
                    .and_gt(committed_key("sequence"), after)
                    .and_lte("tx.height", to),
                limit,
            )?,
        );
        if narrowed.first().map(|message| message.sequence) == Some(after + 1) {
            return Ok(narrowed);
        }
        // Messages committed before the message center's migration to the
        // second transport (still in flight after it) have events without
        // `remote_center`: look for them by network only.
        let broad = in_history(
            self.search_messages(
                message_center,
                link.and_gt(committed_key("sequence"), after)
                    .and_lte("tx.height", to),
                limit,
            )?,
        );
        let indexed = if broad.is_empty() { narrowed } else { broad };
        let source = CenterOnNode {
            node: self,
            message_center,
            canonical_center: self.canonical_address(message_center)?,
        };
        complete(indexed, history, after, to, limit, &source)
    }

    fn proven_value(&self, key: &[u8], version: u64) -> Result<ProvenValue> {
        let answer = self.store_query(key, version, true)?;
        // An absent key (CosmWasm stores no empty value) comes with the
        // IAVL tree's non-existence proof in the same two ops.
        let value = (!answer.value.is_empty()).then_some(answer.value);
        let ops = answer.proof.context("the node sent no proof")?.ops;
        ensure!(
            ops.len() == 2
                && ops[0].field_type == "ics23:iavl"
                && ops[1].field_type == "ics23:simple",
            "expected the proof ops ics23:iavl then ics23:simple, got {:?}",
            ops.iter().map(|op| &op.field_type).collect::<Vec<_>>()
        );
        let proof = MerkleProof {
            proofs: ops.into_iter().map(|op| op.data).collect(),
        };
        Ok(ProvenValue {
            value,
            proof: Binary::new(prost::Message::encode_to_vec(&proof)),
        })
    }

    fn canonical_address(&self, address: &str) -> Result<Vec<u8>> {
        Ok(self.account_id(address)?.to_bytes())
    }

    fn query<Q: Serialize, T: DeserializeOwned>(&self, contract: &str, msg: &Q) -> Result<T> {
        let response: QuerySmartContractStateResponse = self
            .grpc_query(
                "/cosmwasm.wasm.v1.Query/SmartContractState",
                &QuerySmartContractStateRequest {
                    address: contract.to_string(),
                    query_data: serde_json::to_vec(msg)?,
                },
            )
            .with_context(|| format!("query of {contract}"))?;
        Ok(serde_json::from_slice(&response.data)?)
    }

    fn submit(&mut self, messages: Vec<CosmosMsg>) -> Result<Submitted> {
        let messages = self.encode_messages(messages)?;
        self.submit_any(messages)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A 24-word phrase (what `wasmd keys add` makes; bip32's parser takes only those).
    const MNEMONIC: &str = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art";

    #[test]
    fn mnemonic_gives_the_cosmos_hd_path_key() {
        let signer = Signer::from_mnemonic(MNEMONIC, "wasm").unwrap();
        // What `wasmd keys add k --recover` (v0.61.14) gives for this phrase.
        assert_eq!(
            signer.address.to_string(),
            "wasm1r5v5srda7xfth3hn2s26txvrcrntldju3hkw75"
        );
        assert!(matches!(
            Signer::from_mnemonic("not a mnemonic", "cosmos"),
            Err(Error::Protocol(ref reason)) if reason.contains("not a BIP-39 mnemonic")
        ));
    }

    #[test]
    fn merkle_proof_is_repeated_bytes_in_field_one() {
        let proof = MerkleProof {
            proofs: vec![vec![1, 2], vec![3]],
        };
        assert_eq!(
            prost::Message::encode_to_vec(&proof),
            vec![0x0a, 2, 1, 2, 0x0a, 1, 3]
        );
    }
}
