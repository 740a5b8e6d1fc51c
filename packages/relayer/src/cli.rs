//! `btp relay`, `btp status` and `btp transfer`: the relayer and the user's
//! commands against real nodes, configured by a deployment config.
//!
//! `btp relay` runs both of the relayer's steps in both directions: it
//! delivers committed messages in batches (one proof per batch), and it
//! resolves, on the sending chain, the requests that timed out on the other
//! chain undelivered (their senders are refunded), so that nothing waits on
//! a relayer that is behind or a link that is closed.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use btp_types::msg::message_center::{KeptReplyResponse, LinkResponse, QueryMsg as CenterQuery};
use btp_types::msg::token_handler::{
    CoinResponse, ExecuteMsg as HandlerMsg, QueryMsg as HandlerQuery, ReceiveMsg,
};
use btp_types::msg::verifier_tendermint::LatestHeightResponse;
use btp_types::msg::verifier_tendermint::LightClientQuery;
use btp_types::BtpAddress;
use cosmwasm_std::{to_json_binary, Coin, CosmosMsg, Event, Timestamp, Uint128, WasmMsg};

use crate::backend::{ChainBackend, Submitted};
use crate::config::{self, ChainSetup, KeySource, Setup};
use crate::node::{NodeChain, Signer};
use crate::relay::{
    pending_requests, plan_relay, plan_timeouts, Endpoint, RelayReport, TimeoutReport,
};

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

    pub(crate) fn setup(&self) -> Result<Setup> {
        config::load(Path::new(self.value("config")?))
    }
}

pub(crate) fn connect(chain: &ChainSetup, key: Option<&KeySource>) -> Result<NodeChain> {
    let signer = match key {
        Some(key) => Some(Signer::load(key, &chain.node.bech32_prefix)?),
        None => None,
    };
    let node = NodeChain::new(chain.node.clone(), signer)?;
    node.check_chain_id()?;
    Ok(node)
}

/// The value of `key` in the first event of type `ty` that has it.
pub(crate) fn attribute<'e>(events: &'e [Event], ty: &str, key: &str) -> Option<&'e str> {
    events
        .iter()
        .filter(|event| event.ty == ty)
        .flat_map(|event| event.attributes.iter())
        .find(|attribute| attribute.key == key)
        .map(|attribute| attribute.value.as_str())
}

/// Submits a plan's messages as one transaction, or, with `split`, one
/// transaction per message, with a line of each one's gas under its name
/// in `names` (for measurements); answers the last transaction.
fn submit_plan<C: ChainBackend>(
    chain: &mut C,
    messages: Vec<CosmosMsg>,
    split: bool,
    names: impl Fn(usize, usize) -> &'static str,
    lines: &mut Vec<String>,
) -> Result<Submitted> {
    if !split {
        return chain.submit(messages);
    }
    let count = messages.len();
    let mut submitted = None;
    for (index, message) in messages.into_iter().enumerate() {
        let result = chain.submit(vec![message])?;
        lines.push(format!(
            "  {}: block {}, gas {}",
            names(index, count),
            result.height,
            attribute(&result.events, "tx", "gas_used").unwrap_or("?")
        ));
        submitted = Some(result);
    }
    submitted.context("a plan without messages")
}

/// One relay step from `src` to `dst` (see [`crate::relay::relay_once`]).
fn relay_step<S: ChainBackend, D: ChainBackend>(
    src: &LoopChain<S>,
    dst: &mut LoopChain<D>,
    settings: RoundSettings,
    lines: &mut Vec<String>,
) -> Result<Option<RelayReport>> {
    let Some(plan) = plan_relay(
        &*src.chain,
        &src.endpoint,
        &*dst.chain,
        &dst.endpoint,
        settings.max_batch,
    )?
    else {
        return Ok(None);
    };
    // With `split`, the light-client update and the delivery are two
    // transactions, so that each one's gas shows.
    let submitted = submit_plan(
        dst.chain,
        plan.messages,
        settings.split,
        |index, count| {
            if index + 1 < count {
                "update_client"
            } else {
                "handle_relay_message"
            }
        },
        lines,
    )?;
    Ok(Some(RelayReport {
        sequences: plan.sequences,
        updated_to: plan.updated_to,
        proof_height: plan.proof_height,
        submitted,
    }))
}

/// One timeout step: the requests `src` sent to `dst` that timed out there
/// undelivered, resolved on `src` (see [`crate::relay::resolve_timeouts_once`]).
fn timeout_step<S: ChainBackend, D: ChainBackend>(
    src: &mut LoopChain<S>,
    dst: &LoopChain<D>,
    settings: RoundSettings,
    lines: &mut Vec<String>,
) -> Result<Option<TimeoutReport>> {
    let Some(plan) = plan_timeouts(&*src.chain, &src.endpoint, &*dst.chain, settings.max_batch)?
    else {
        return Ok(None);
    };
    let updates = usize::from(plan.updated_to.is_some());
    let submitted = submit_plan(
        src.chain,
        plan.messages,
        settings.split,
        |index, _| {
            if index < updates {
                "update_client for timeouts"
            } else {
                "resolve_timeout"
            }
        },
        lines,
    )?;
    Ok(Some(TimeoutReport {
        requests: plan.requests,
        updated_to: plan.updated_to,
        proof_height: plan.proof_height,
        proof_time: plan.proof_time,
        submitted,
    }))
}

/// One chain of the relay loop: its backend, its contracts, and its name in
/// progress lines (the chain id).
pub struct LoopChain<'c, C> {
    /// The backend.
    pub chain: &'c mut C,
    /// The suite's contracts a relay touches on it.
    pub endpoint: Endpoint,
    /// Its name in progress lines.
    pub name: String,
}

/// How the relay loop works.
#[derive(Clone, Copy, Debug)]
pub struct RoundSettings {
    /// The most messages per delivery, and requests per timeout transaction.
    pub max_batch: usize,
    /// One transaction per message, each one's gas shown (for measurements).
    pub split: bool,
}

/// What one round of the relay loop did.
#[derive(Debug, Default)]
pub struct Round {
    /// Progress lines, in order.
    pub lines: Vec<String>,
    /// The steps that failed, each error saying which.
    pub failures: Vec<anyhow::Error>,
    /// Messages delivered.
    pub delivered: usize,
    /// Requests resolved by timeout.
    pub resolved: usize,
}

impl Round {
    /// Whether nothing happened and nothing failed: nothing is left to do now.
    pub fn idle(&self) -> bool {
        self.delivered == 0 && self.resolved == 0 && self.failures.is_empty()
    }
}

/// One round of `btp relay`, whatever the backends: a relay step each way
/// (A → B, then B → A), then a timeout step on each chain for the requests
/// it sent to the other one, unless the relay step in that direction has
/// just delivered (the other chain's receive state is moving: the next round
/// looks again). A failing step is reported and the others still run.
pub fn relay_round<A: ChainBackend, B: ChainBackend>(
    a: &mut LoopChain<A>,
    b: &mut LoopChain<B>,
    settings: RoundSettings,
) -> Round {
    let mut round = Round::default();
    // Whether A → B, and B → A, delivered.
    let mut delivered = [false, false];
    for forward in [true, false] {
        let mut lines = vec![];
        let (result, src, dst) = if forward {
            (relay_step(a, b, settings, &mut lines), &a.name, &b.name)
        } else {
            (relay_step(b, a, settings, &mut lines), &b.name, &a.name)
        };
        round.lines.extend(lines);
        match result {
            Ok(Some(report)) => {
                delivered[usize::from(!forward)] = true;
                round.delivered += report.sequences.len();
                round.lines.push(progress_line(src, dst, &report));
            }
            Ok(None) => {}
            Err(err) => round
                .failures
                .push(err.context(format!("[{src} → {dst}] relay failed"))),
        }
    }
    for forward in [true, false] {
        if delivered[usize::from(!forward)] {
            continue;
        }
        let mut lines = vec![];
        let (result, src, dst) = if forward {
            (timeout_step(a, b, settings, &mut lines), &a.name, &b.name)
        } else {
            (timeout_step(b, a, settings, &mut lines), &b.name, &a.name)
        };
        round.lines.extend(lines);
        match result {
            Ok(Some(report)) => {
                round.resolved += report.requests.len();
                round.lines.push(timeout_line(src, dst, &report));
            }
            Ok(None) => {}
            Err(err) => round
                .failures
                .push(err.context(format!("[{src} ⇠ {dst}] resolving timeouts failed"))),
        }
    }
    round
}

/// A progress line for one delivered batch.
pub fn progress_line(src: &str, dst: &str, report: &RelayReport) -> String {
    if report.sequences.is_empty() {
        return format!(
            "[{src} → {dst}] light client updated to {}: the link's delay period runs before messages are proven with it; block {} of {dst}, gas {}",
            report.proof_height,
            report.submitted.height,
            attribute(&report.submitted.events, "tx", "gas_used").unwrap_or("?"),
        );
    }
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

/// A progress line for one timeout step.
pub fn timeout_line(src: &str, dst: &str, report: &TimeoutReport) -> String {
    let requests = report
        .requests
        .iter()
        .map(|timed_out| {
            format!(
                "{} (message {}, {} sn {})",
                timed_out.request.nsn,
                timed_out.request.sequence,
                timed_out.request.svc,
                timed_out.request.sn
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let update = match report.updated_to {
        Some(height) => format!(", light client of {dst} updated to {height}"),
        None => String::new(),
    };
    format!(
        "[{src} ⇠ {dst}] resolved {} timed-out request(s) on {src}: nsn {requests}; {dst} had not received them at its height {} (time {}){update}; block {} of {src}, gas {}",
        report.requests.len(),
        report.proof_height,
        time_text(report.proof_time),
        report.submitted.height,
        attribute(&report.submitted.events, "tx", "gas_used").unwrap_or("?"),
    )
}

/// A block time as RFC 3339 text (UTC), or nanoseconds when out of range.
pub fn time_text(time: Timestamp) -> String {
    let seconds = i64::try_from(time.seconds()).unwrap_or(i64::MAX);
    let nanos = u32::try_from(time.subsec_nanos()).unwrap_or(0);
    tendermint::Time::from_unix_timestamp(seconds, nanos)
        .map(|time| time.to_rfc3339())
        .unwrap_or_else(|_| format!("{}ns", time.nanos()))
}

/// `btp relay --config FILE [--once] [--split] [--max-batch N] [--poll-ms N]
/// [--mnemonic-file F | --key NAME]`: relays both ways until Ctrl-C (or, with
/// `--once`, until nothing is left to deliver or resolve), one progress line
/// per delivered batch. Each round also resolves, on each chain, the
/// requests that timed out on the other one before they were delivered, at
/// most `--max-batch` per transaction, one line per transaction. `--split`
/// sends the light-client update and the delivery (or each timeout) as
/// separate transactions and prints each one's gas (for measurements).
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

    let settings = RoundSettings { max_batch, split };
    let mut a = LoopChain {
        chain: &mut a,
        endpoint: a_setup.endpoint(),
        name: a_id,
    };
    let mut b = LoopChain {
        chain: &mut b,
        endpoint: b_setup.endpoint(),
        name: b_id,
    };
    let mut delivered = 0usize;
    let mut resolved = 0usize;
    let mut failures = 0u32;
    let started = Instant::now();
    let mut started_waiting = Instant::now();
    while !stop.load(Ordering::SeqCst) {
        let round = relay_round(&mut a, &mut b, settings);
        for line in &round.lines {
            println!("{line}");
        }
        delivered += round.delivered;
        resolved += round.resolved;
        let idle = round.idle();
        if round.failures.is_empty() {
            failures = 0;
        } else {
            failures += 1;
            for err in &round.failures {
                eprintln!("(attempt {failures}) {err:#}");
            }
            if once && failures >= 5 {
                let first = round.failures.into_iter().next();
                return Err(first
                    .unwrap_or_else(|| anyhow::anyhow!("a failed round"))
                    .context("the relayer failed five rounds in a row"));
            }
            // Another relayer delivering the same batch is the usual cause:
            // back off longer each time, and by a random share of the poll
            // interval too, so that two relayers fall out of step instead
            // of racing again for the next batch.
            std::thread::sleep(poll * failures.min(10) + jitter(poll * 2));
        }
        if idle {
            if once {
                // Messages committed in the last block are not provable
                // until its header exists: wait for them, a while.
                match backlog(&a, &b) {
                    Ok(0) => break,
                    Ok(waiting) if started_waiting.elapsed() > ONCE_BACKLOG_WAIT => bail!(
                        "{waiting} message(s) committed but still not provable after {}s: is the source chain producing blocks?",
                        ONCE_BACKLOG_WAIT.as_secs()
                    ),
                    Ok(_) => {}
                    Err(err) => return Err(err.context("reading the links' sequences")),
                }
            }
            std::thread::sleep(poll);
        } else {
            started_waiting = Instant::now();
        }
    }
    println!(
        "relayer stopped: {delivered} message(s) delivered, {resolved} timed-out request(s) resolved in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// A duration from zero to `max`, from the clock's nanoseconds: enough to
/// put two relayers out of step, no randomness source needed.
fn jitter(max: Duration) -> Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.subsec_nanos());
    let max_millis = u32::try_from(max.as_millis()).unwrap_or(u32::MAX).max(1);
    Duration::from_millis(u64::from(nanos % max_millis))
}

/// How long `btp relay --once` waits for committed messages to become
/// provable (their block's header to exist) before it gives up.
const ONCE_BACKLOG_WAIT: Duration = Duration::from_secs(60);

/// How many messages are committed on either chain and not yet delivered on
/// the other (whether or not they can be proven yet).
fn backlog<A: ChainBackend, B: ChainBackend>(a: &LoopChain<A>, b: &LoopChain<B>) -> Result<u64> {
    let a_link: LinkResponse = a.chain.query(
        &a.endpoint.message_center,
        &CenterQuery::Link {
            network: b.chain.network(),
        },
    )?;
    let b_link: LinkResponse = b.chain.query(
        &b.endpoint.message_center,
        &CenterQuery::Link {
            network: a.chain.network(),
        },
    )?;
    // A closed link is not waited for: its messages wait for the owner.
    let waiting = |out: &LinkResponse, into: &LinkResponse| {
        if into.open {
            out.tx_seq.saturating_sub(into.rx_seq)
        } else {
            0
        }
    };
    Ok(waiting(&a_link, &b_link) + waiting(&b_link, &a_link))
}

/// `btp status --config FILE`: each chain's height, its link to the other
/// chain (sequences, open or closed), its light client of the other chain,
/// the relayer's funds, and the requests it sent that wait for their reply
/// or timeout: each one's timeout, and whether the other chain received it
/// (its reply is due), or it can be resolved by timeout now.
pub fn status(options: &Options) -> Result<()> {
    /// The most pending requests listed per chain (all are counted).
    const LISTED: usize = 20;
    let setup = options.setup()?;
    let nodes = setup
        .chains
        .iter()
        .map(|chain| connect(chain, None))
        .collect::<Result<Vec<_>>>()?;
    for (index, chain) in setup.chains.iter().enumerate() {
        let other = &setup.chains[1 - index];
        let (node, other_node) = (&nodes[index], &nodes[1 - index]);
        let height = node.check_chain_id()?;
        let network = node.network();
        let other_network = other_node.network();
        println!(
            "{} (network {network}): height {height}",
            chain.node.chain_id
        );
        let link: LinkResponse = node.query(
            &chain.contracts.message_center,
            &CenterQuery::Link {
                network: other_network.clone(),
            },
        )?;
        println!(
            "  link to {}{}: sent {} message(s), received {}; relay fee {}",
            link.network,
            if link.open { "" } else { " (closed)" },
            link.tx_seq,
            link.rx_seq,
            link.forward_fee
        );
        let trusted: LatestHeightResponse = node.query(
            &chain.contracts.verifier,
            &LightClientQuery::LatestHeight {},
        )?;
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
        let kept: Vec<KeptReplyResponse> = node.query(
            &chain.contracts.message_center,
            &CenterQuery::KeptReplies {
                start_after: None,
                limit: Some(100),
            },
        )?;
        if !kept.is_empty() {
            println!(
                "  {} reply(ies) or timeout(s) kept after their handler failed (anyone may retry: execute {{\"retry_reply\":{{\"nsn\":N}}}} on the message center):",
                kept.len()
            );
            for reply in kept.iter().take(LISTED) {
                println!(
                    "    nsn {} (message {} from {}): {}",
                    reply.nsn, reply.sequence, reply.network, reply.reason
                );
            }
        }
        let requests =
            pending_requests(node, &chain.contracts.message_center, Some(&other_network))?;
        if requests.is_empty() {
            println!(
                "  no request to {} waits for its reply",
                other.node.chain_id
            );
            continue;
        }
        // What the other chain has received from this one, and its time now.
        let received = other_node
            .query::<_, LinkResponse>(
                &other.contracts.message_center,
                &CenterQuery::Link {
                    network: network.clone(),
                },
            )
            .map(|inbound| inbound.rx_seq)
            .unwrap_or(0);
        let other_time = other_node
            .latest_header_height()
            .and_then(|height| other_node.header_time(height))?;
        println!(
            "  {} request(s) to {} wait for their reply or timeout ({} has received {received} message(s); its time is {}):",
            requests.len(),
            other.node.chain_id,
            other.node.chain_id,
            time_text(other_time)
        );
        for request in requests.iter().take(LISTED) {
            let state = if request.sequence <= received
                && request.remote_message_center == other.contracts.message_center
            {
                "received there: its reply is due".to_string()
            } else {
                match request.timeout {
                    None => "no timeout: only its reply resolves it".to_string(),
                    Some(timeout) if timeout <= other_time => {
                        "timed out: `btp relay` resolves it (refund)".to_string()
                    }
                    Some(timeout) => format!(
                        "times out in {}s",
                        (timeout.nanos() - other_time.nanos()).div_ceil(1_000_000_000)
                    ),
                }
            };
            println!(
                "    nsn {} (message {}, {} sn {}): timeout {}; {state}",
                request.nsn,
                request.sequence,
                request.svc,
                request.sn,
                request
                    .timeout
                    .map_or_else(|| "none".to_string(), time_text),
            );
        }
        if requests.len() > LISTED {
            println!("    … and {} more", requests.len() - LISTED);
        }
    }
    Ok(())
}

/// `btp transfer --config FILE --from CHAIN --to CHAIN --receiver ADDRESS
/// (--mnemonic-file FILE | --key NAME) (--amount 1000ucoina | --coin NAME --amount 1000)
/// [--timeout SECONDS]`:
/// a native coin with `transfer`, or a cw20 token (by coin name, wrapped or
/// at home) with its `send` hook; the relay fee is added to the funds.
/// `--timeout`: seconds after the sending block's time from which on the
/// destination no longer executes the transfer, which is then refunded
/// (the token handler's `default_timeout_secs` when absent).
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
    let timeout_secs = options
        .optional("timeout")
        .map(|seconds| {
            seconds
                .parse::<u64>()
                .with_context(|| format!("--timeout {seconds}: a number of seconds"))
        })
        .transpose()?;
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
                    timeout_secs,
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
                        timeout_secs,
                    })?,
                })?,
                funds: vec![],
            }
            .into()
        }
    };
    let submitted = node.submit(vec![message])?;
    let timeout = attribute(&submitted.events, "wasm-btp_message", "timeout")
        .and_then(|nanos| crate::backend::parse_timeout(nanos).ok())
        .flatten()
        .map_or_else(|| "none".to_string(), time_text);
    println!(
        "transfer {} to {receiver} sent in block {} of {} (message sequence {}, sn {}, timeout {timeout} on {})",
        amount,
        submitted.height,
        from.node.chain_id,
        attribute(&submitted.events, "wasm-btp_message", "sequence").unwrap_or("?"),
        attribute(&submitted.events, "wasm-btp_transfer_started", "sn").unwrap_or("?"),
        to.node.chain_id,
    );
    Ok(())
}
