//! `btp relay`, `btp status` and `btp transfer`: the relayer and the user's
//! commands against real nodes, configured by a deployment config.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use btp_types::msg::message_center::{LinkResponse, QueryMsg as CenterQuery};
use btp_types::msg::token_handler::{
    CoinResponse, ExecuteMsg as HandlerMsg, QueryMsg as HandlerQuery, ReceiveMsg,
};
use btp_types::msg::verifier_tendermint::{LatestHeightResponse, QueryMsg as VerifierQuery};
use btp_types::BtpAddress;
use cosmwasm_std::{to_json_binary, Coin, CosmosMsg, Event, Uint128, WasmMsg};

use crate::backend::ChainBackend;
use crate::config::{self, ChainSetup, KeySource, Setup};
use crate::node::{NodeChain, Signer};
use crate::relay::{plan_relay, relay_once, RelayReport};

/// Options of a command: `--name value` pairs and bare `--flag`s.
pub struct Options(BTreeMap<String, Option<String>>);

impl Options {
    /// Parses `--name value` and `--flag` arguments.
    pub fn parse(args: &[String]) -> Result<Self> {
        let mut options = BTreeMap::new();
        let mut iter = args.iter().peekable();
        while let Some(arg) = iter.next() {
            let Some(name) = arg.strip_prefix("--") else {
                bail!("unexpected argument {arg}");
            };
            let value = match iter.peek() {
                Some(next) if !next.starts_with("--") => iter.next().cloned(),
                _ => None,
            };
            options.insert(name.to_string(), value);
        }
        Ok(Self(options))
    }

    /// A required option's value.
    pub fn value(&self, name: &str) -> Result<&str> {
        self.optional(name)
            .with_context(|| format!("--{name} VALUE is required"))
    }

    /// An option's value, if given.
    pub fn optional(&self, name: &str) -> Option<&str> {
        self.0.get(name).and_then(|value| value.as_deref())
    }

    /// Whether a flag is present.
    pub fn flag(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    fn setup(&self) -> Result<Setup> {
        config::load(Path::new(self.value("config")?))
    }
}

fn connect(chain: &ChainSetup, key: Option<&KeySource>) -> Result<NodeChain> {
    let signer = match key {
        Some(key) => Some(Signer::load(key, &chain.node.bech32_prefix)?),
        None => None,
    };
    let node = NodeChain::new(chain.node.clone(), signer)?;
    node.check_chain_id()?;
    Ok(node)
}

fn attribute<'e>(events: &'e [Event], ty: &str, key: &str) -> Option<&'e str> {
    events
        .iter()
        .filter(|event| event.ty == ty)
        .flat_map(|event| event.attributes.iter())
        .find(|attribute| attribute.key == key)
        .map(|attribute| attribute.value.as_str())
}

fn relay_step(
    src: &NodeChain,
    src_setup: &ChainSetup,
    dst: &mut NodeChain,
    dst_setup: &ChainSetup,
    max_batch: usize,
    split: bool,
) -> Result<Option<RelayReport>> {
    if !split {
        return relay_once(
            src,
            &src_setup.endpoint(),
            dst,
            &dst_setup.endpoint(),
            max_batch,
        );
    }
    // One transaction per message (the light-client update, then the
    // delivery), so that each one's gas shows: for measurements.
    let Some(plan) = plan_relay(
        src,
        &src_setup.endpoint(),
        dst,
        &dst_setup.endpoint(),
        max_batch,
    )?
    else {
        return Ok(None);
    };
    let count = plan.messages.len();
    let mut submitted = None;
    for (index, message) in plan.messages.into_iter().enumerate() {
        let result = dst.submit(vec![message])?;
        let what = if index + 1 < count {
            "update_client"
        } else {
            "handle_relay_message"
        };
        println!(
            "  {what}: block {}, gas {}",
            result.height,
            attribute(&result.events, "tx", "gas_used").unwrap_or("?")
        );
        submitted = Some(result);
    }
    Ok(Some(RelayReport {
        sequences: plan.sequences,
        updated_to: plan.updated_to,
        proof_height: plan.proof_height,
        submitted: submitted.context("a relay plan without messages")?,
    }))
}

/// A progress line for one delivered batch.
pub fn progress_line(src: &str, dst: &str, report: &RelayReport) -> String {
    let sequences = match (report.sequences.first(), report.sequences.last()) {
        (Some(first), Some(last)) if first != last => format!("{first}..={last}"),
        (Some(first), _) => first.to_string(),
        _ => "-".into(),
    };
    let update = match report.updated_to {
        Some(height) => format!(", light client updated to {height}"),
        None => String::new(),
    };
    format!(
        "[{src} → {dst}] delivered message(s) {sequences} ({} in the batch) proven at {}{update}; block {} of {dst}, gas {}",
        report.sequences.len(),
        report.proof_height,
        report.submitted.height,
        attribute(&report.submitted.events, "tx", "gas_used").unwrap_or("?"),
    )
}

/// `btp relay --config FILE [--once] [--split] [--max-batch N] [--poll-ms N]
/// [--mnemonic-file F | --key NAME]`: relays both ways until Ctrl-C (or, with `--once`, until nothing is left
/// to deliver), one progress line per delivered batch. `--split` sends the
/// light-client update and the delivery as two transactions and prints each
/// one's gas (for measurements).
pub fn relay(options: &Options) -> Result<()> {
    let setup = options.setup()?;
    let max_batch: usize = options.optional("max-batch").unwrap_or("50").parse()?;
    let poll = Duration::from_millis(options.optional("poll-ms").unwrap_or("500").parse()?);
    let once = options.flag("once");
    let split = options.flag("split");
    let (a_setup, b_setup) = (&setup.chains[0], &setup.chains[1]);
    let key = |chain: &ChainSetup| {
        chain.key_source(
            options.optional("mnemonic-file"),
            options.optional("key"),
            chain.relayer_key.as_ref(),
        )
    };
    let mut a = connect(a_setup, Some(&key(a_setup)?))?;
    let mut b = connect(b_setup, Some(&key(b_setup)?))?;
    let (a_id, b_id) = (a_setup.node.chain_id.clone(), b_setup.node.chain_id.clone());
    println!(
        "relaying {a_id} ⇄ {b_id} as {} / {} (max batch {max_batch}){}",
        a.signer_address().unwrap_or_default(),
        b.signer_address().unwrap_or_default(),
        if once {
            ", until nothing is pending"
        } else {
            "; Ctrl-C stops"
        }
    );

    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime for the signal handler");
            runtime.block_on(async {
                let mut terminate =
                    tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                        .expect("SIGTERM handler");
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            });
            stop.store(true, Ordering::SeqCst);
        });
    }

    let mut delivered = 0usize;
    let mut failures = 0u32;
    let started = Instant::now();
    while !stop.load(Ordering::SeqCst) {
        let mut idle = true;
        for forward in [true, false] {
            let (result, src, dst) = if forward {
                (
                    relay_step(&a, a_setup, &mut b, b_setup, max_batch, split),
                    &a_id,
                    &b_id,
                )
            } else {
                (
                    relay_step(&b, b_setup, &mut a, a_setup, max_batch, split),
                    &b_id,
                    &a_id,
                )
            };
            match result {
                Ok(Some(report)) => {
                    idle = false;
                    failures = 0;
                    delivered += report.sequences.len();
                    println!("{}", progress_line(src, dst, &report));
                }
                Ok(None) => {}
                Err(err) => {
                    idle = false;
                    failures += 1;
                    eprintln!("[{src} → {dst}] relay failed (attempt {failures}): {err:#}");
                    if once && failures >= 5 {
                        return Err(err.context("relaying failed five times in a row"));
                    }
                    std::thread::sleep(poll * failures.min(10));
                }
            }
        }
        if idle {
            if once {
                break;
            }
            std::thread::sleep(poll);
        }
    }
    println!(
        "relayer stopped: {delivered} message(s) delivered in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `btp status --config FILE`: each chain's height, links and light client.
pub fn status(options: &Options) -> Result<()> {
    let setup = options.setup()?;
    for (index, chain) in setup.chains.iter().enumerate() {
        let other = &setup.chains[1 - index];
        let node = connect(chain, None)?;
        let height = node.check_chain_id()?;
        let network = node.network();
        println!(
            "{} (network {network}): height {height}",
            chain.node.chain_id
        );
        let link: LinkResponse = node.query(
            &chain.contracts.message_center,
            &CenterQuery::Link {
                network: btp_types::NetworkAddress::parse(&format!(
                    "{}.cosmos",
                    other.node.chain_id
                ))?,
            },
        )?;
        println!(
            "  link to {}: sent {} message(s), received {}; relay fee {}",
            link.network, link.tx_seq, link.rx_seq, link.forward_fee
        );
        let trusted: LatestHeightResponse =
            node.query(&chain.contracts.verifier, &VerifierQuery::LatestHeight {})?;
        println!(
            "  light client of {}: trusts height {}",
            other.node.chain_id, trusted.height
        );
        if let Some(key) = &chain.relayer_key {
            if let Ok(signer) = Signer::load(key, &chain.node.bech32_prefix) {
                let balance = node.balance(signer.address.as_ref(), &chain.node.fee_denom)?;
                println!(
                    "  relayer {}: {balance}{}",
                    signer.address, chain.node.fee_denom
                );
            }
        }
    }
    Ok(())
}

/// `btp transfer --config FILE --from CHAIN --to CHAIN --receiver ADDRESS
/// (--mnemonic-file FILE | --key NAME) (--amount 1000ucoina | --coin NAME --amount 1000)`:
/// a native coin with `transfer`, or a cw20 token (by coin name, wrapped or
/// at home) with its `send` hook; the relay fee is added to the funds.
pub fn transfer(options: &Options) -> Result<()> {
    let setup = options.setup()?;
    let from = setup.chain(options.value("from")?)?;
    let to = setup.chain(options.value("to")?)?;
    let key = from.key_source(
        options.optional("mnemonic-file"),
        options.optional("key"),
        None,
    )?;
    let mut node = connect(from, Some(&key))?;
    let receiver = BtpAddress::parse(&format!(
        "btp://{}.cosmos/{}",
        to.node.chain_id,
        options.value("receiver")?
    ))?;
    let fee: btp_types::msg::message_center::FeeQuoteResponse = node.query(
        &from.contracts.message_center,
        &CenterQuery::FeeQuote {
            to: btp_types::NetworkAddress::parse(&format!("{}.cosmos", to.node.chain_id))?,
            expects_reply: true,
        },
    )?;
    let mut funds = vec![];
    if !fee.amount.is_zero() {
        funds.push(Coin::new(fee.amount, fee.denom.clone()));
    }
    let amount = options.value("amount")?;
    let message: CosmosMsg = match options.optional("coin") {
        None => {
            let split = amount
                .find(|c: char| !c.is_ascii_digit())
                .context("--amount must be like 1000ucoina for a native coin")?;
            let (value, denom) = amount.split_at(split);
            let value: u128 = value.parse()?;
            match funds.iter_mut().find(|coin| coin.denom == denom) {
                Some(coin) => coin.amount += Uint128::new(value),
                None => funds.push(Coin::new(value, denom)),
            }
            funds.sort_by(|x, y| x.denom.cmp(&y.denom));
            WasmMsg::Execute {
                contract_addr: from.contracts.handler.clone(),
                msg: to_json_binary(&HandlerMsg::Transfer {
                    to: receiver.clone(),
                })?,
                funds,
            }
            .into()
        }
        Some(coin_name) => {
            let coin: CoinResponse = node.query(
                &from.contracts.handler,
                &HandlerQuery::Coin {
                    coin_name: coin_name.to_string(),
                },
            )?;
            let token = coin.token.with_context(|| {
                format!("{coin_name} is not a cw20 token on {}", from.node.chain_id)
            })?;
            if !fee.amount.is_zero() {
                bail!(
                    "the relay fee to {} is not zero: a cw20 transfer needs transfer_batch",
                    to.node.chain_id
                );
            }
            WasmMsg::Execute {
                contract_addr: token,
                msg: to_json_binary(&cw20::Cw20ExecuteMsg::Send {
                    contract: from.contracts.handler.clone(),
                    amount: Uint128::new(amount.parse()?),
                    msg: to_json_binary(&ReceiveMsg::Transfer {
                        to: receiver.clone(),
                    })?,
                })?,
                funds: vec![],
            }
            .into()
        }
    };
    let submitted = node.submit(vec![message])?;
    println!(
        "transfer {} to {receiver} sent in block {} of {} (message sequence {}, sn {})",
        amount,
        submitted.height,
        from.node.chain_id,
        attribute(&submitted.events, "wasm-btp_message", "sequence").unwrap_or("?"),
        attribute(&submitted.events, "wasm-btp_transfer_started", "sn").unwrap_or("?"),
    );
    Ok(())
}
