//! The relay service: rounds of the relayer's two steps over every link of
//! a config, both ways. Each round delivers committed messages in batches
//! (one proof per batch), and resolves, on the sending chain, the requests
//! that timed out on the other chain undelivered (their senders are
//! refunded), so that nothing waits on a relayer that is behind or a link
//! that is closed. [`run`] loops rounds until stopped, recording
//! [`Metrics`] and reporting progress lines.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use btp_types::events::{relayer::TxIncluded, TypedEvent};
use btp_types::msg::message_center::ExecuteMsg as CenterMsg;
use btp_types::{BtpMessage, MessageKind};
use cosmwasm_std::{from_json, Coin, CosmosMsg, Event, Timestamp, WasmMsg};
use tracing::{debug, info, info_span, warn};

use crate::backend::{ChainBackend, Submitted};
use crate::config::{ChainSetup, KeySource};
use crate::error::{Context, Error, Result};
use crate::metrics::Metrics;
use crate::node::{NodeChain, Signer};
use crate::relay::{plan_relay, plan_timeouts, Endpoint, RelayReport, TimeoutReport};

/// Connects to a chain of the config, with a signer when `key` is given,
/// and checks that the node serves that chain.
pub fn connect(chain: &ChainSetup, key: Option<&KeySource>) -> Result<NodeChain> {
    let signer = match key {
        Some(key) => Some(Signer::load(key, &chain.node.bech32_prefix)?),
        None => None,
    };
    let node = NodeChain::new(chain.node.clone(), signer)?;
    node.check_chain_id()?;
    Ok(node)
}

/// The gas a node reports its transaction used (`None` on simulated chains,
/// which add no `tx` event).
pub fn gas_used(events: &[Event]) -> Option<u64> {
    TxIncluded::first(events).and_then(|tx| u64::try_from(tx.gas_used).ok())
}

/// A gas amount, or `?` when unknown.
pub fn gas_text(gas: Option<u64>) -> String {
    gas.map_or_else(|| "?".to_string(), |gas| gas.to_string())
}

/// What the relayer's transactions on one chain cost.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Spent {
    /// The chain (its name in progress lines).
    pub chain: String,
    /// Transactions submitted.
    pub transactions: u64,
    /// Gas they used, as far as their events tell.
    pub gas: u64,
    /// Fees they paid, as far as their events tell.
    pub fees: Vec<Coin>,
}

impl Spent {
    fn record(&mut self, submitted: &Submitted) {
        self.transactions += 1;
        if let Some(gas) = gas_used(&submitted.events) {
            self.gas += gas;
        }
        let fee = TxIncluded::first(&submitted.events).and_then(|tx| parse_coin(&tx.fee));
        if let Some(fee) = fee {
            match self.fees.iter_mut().find(|coin| coin.denom == fee.denom) {
                Some(coin) => coin.amount += fee.amount,
                None => self.fees.push(fee),
            }
        }
    }
}

/// `1000ucoin` as a coin.
fn parse_coin(text: &str) -> Option<Coin> {
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (amount, denom) = text.split_at(split);
    Some(Coin::new(amount.parse::<u128>().ok()?, denom))
}

/// Submits a plan's messages as one transaction, or, with `split`, one
/// transaction per message, with a line of each one's gas under its name
/// in `names` (for measurements); answers the last transaction. Every
/// transaction is added to `spent`.
fn submit_plan<C: ChainBackend>(
    chain: &mut C,
    messages: Vec<CosmosMsg>,
    split: bool,
    names: impl Fn(usize, usize) -> &'static str,
    lines: &mut Vec<String>,
    spent: &mut Spent,
) -> Result<Submitted> {
    if !split {
        let submitted = chain.submit(messages)?;
        spent.record(&submitted);
        return Ok(submitted);
    }
    let count = messages.len();
    let mut submitted = None;
    for (index, message) in messages.into_iter().enumerate() {
        let result = chain.submit(vec![message])?;
        spent.record(&result);
        lines.push(format!(
            "  {}: block {}, gas {}",
            names(index, count),
            result.height,
            gas_text(gas_used(&result.events))
        ));
        submitted = Some(result);
    }
    submitted.context("a plan without messages")
}

/// How many of the messages a delivery carries are replies.
fn count_replies(messages: &[CosmosMsg]) -> usize {
    messages
        .iter()
        .filter_map(|message| match message {
            CosmosMsg::Wasm(WasmMsg::Execute { msg, .. }) => from_json::<CenterMsg>(msg).ok(),
            _ => None,
        })
        .map(|message| match message {
            CenterMsg::HandleRelayMessage { messages, .. } => messages
                .iter()
                .filter(|relayed| {
                    BtpMessage::decode(&relayed.message)
                        .is_ok_and(|decoded| decoded.kind() == MessageKind::Reply)
                })
                .count(),
            _ => 0,
        })
        .sum()
}

/// One relay step from `src` to `dst` (see [`crate::relay::relay_once`]).
fn relay_step<S: ChainBackend, D: ChainBackend>(
    src: &LoopChain<S>,
    dst: &mut LoopChain<D>,
    settings: RoundSettings,
    lines: &mut Vec<String>,
    spent: &mut Spent,
    replies: &mut Option<usize>,
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
    *replies = Some(count_replies(&plan.messages));
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
        spent,
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
    spent: &mut Spent,
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
        spent,
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

/// A batch of messages delivered in a round.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchDelivered {
    /// The source chain's name.
    pub src: String,
    /// The destination chain's name.
    pub dst: String,
    /// Messages delivered.
    pub messages: usize,
    /// Of them, the replies (to requests of the destination).
    pub replies: usize,
}

/// Requests resolved by timeout in a round.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeoutsResolved {
    /// The chain they were resolved on (that sent them).
    pub chain: String,
    /// The chain they timed out on.
    pub counterpart: String,
    /// How many.
    pub requests: usize,
}

/// What one round of the relay loop did.
#[derive(Debug, Default)]
pub struct Round {
    /// Progress lines, in order.
    pub lines: Vec<String>,
    /// The steps that failed, each error saying which.
    pub failures: Vec<Error>,
    /// Messages delivered.
    pub delivered: usize,
    /// Requests resolved by timeout.
    pub resolved: usize,
    /// The batches delivered.
    pub batches: Vec<BatchDelivered>,
    /// The timeout transactions.
    pub timeouts: Vec<TimeoutsResolved>,
    /// What the round's transactions cost, per chain.
    pub spent: Vec<Spent>,
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
    let mut spent_a = Spent {
        chain: a.name.clone(),
        ..Spent::default()
    };
    let mut spent_b = Spent {
        chain: b.name.clone(),
        ..Spent::default()
    };
    // Whether A → B, and B → A, delivered.
    let mut delivered = [false, false];
    for forward in [true, false] {
        let mut lines = vec![];
        let mut replies = None;
        let (result, src, dst) = if forward {
            (
                relay_step(a, b, settings, &mut lines, &mut spent_b, &mut replies),
                &a.name,
                &b.name,
            )
        } else {
            (
                relay_step(b, a, settings, &mut lines, &mut spent_a, &mut replies),
                &b.name,
                &a.name,
            )
        };
        round.lines.extend(lines);
        match result {
            Ok(Some(report)) => {
                delivered[usize::from(!forward)] = true;
                round.delivered += report.sequences.len();
                round.batches.push(BatchDelivered {
                    src: src.clone(),
                    dst: dst.clone(),
                    messages: report.sequences.len(),
                    replies: replies.unwrap_or(0),
                });
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
            (
                timeout_step(a, b, settings, &mut lines, &mut spent_a),
                &a.name,
                &b.name,
            )
        } else {
            (
                timeout_step(b, a, settings, &mut lines, &mut spent_b),
                &b.name,
                &a.name,
            )
        };
        round.lines.extend(lines);
        match result {
            Ok(Some(report)) => {
                round.resolved += report.requests.len();
                round.timeouts.push(TimeoutsResolved {
                    chain: src.clone(),
                    counterpart: dst.clone(),
                    requests: report.requests.len(),
                });
                round.lines.push(timeout_line(src, dst, &report));
            }
            Ok(None) => {}
            Err(err) => round
                .failures
                .push(err.context(format!("[{src} ⇠ {dst}] resolving timeouts failed"))),
        }
    }
    round.spent = vec![spent_a, spent_b];
    round
}

/// A progress line for one delivered batch.
pub fn progress_line(src: &str, dst: &str, report: &RelayReport) -> String {
    if report.sequences.is_empty() {
        return format!(
            "[{src} → {dst}] light client updated to {}: the link's delay period runs before messages are proven with it; block {} of {dst}, gas {}",
            report.proof_height,
            report.submitted.height,
            gas_text(gas_used(&report.submitted.events)),
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
        gas_text(gas_used(&report.submitted.events)),
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
        gas_text(gas_used(&report.submitted.events)),
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

/// A duration from zero to `max`, from the clock's nanoseconds: enough to
/// put two relayers out of step, no randomness source needed.
pub fn jitter(max: Duration) -> Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.subsec_nanos());
    let max_millis = u32::try_from(max.as_millis()).unwrap_or(u32::MAX).max(1);
    Duration::from_millis(u64::from(nanos % max_millis))
}

/// How long `btp relay --once` waits for committed messages to become
/// provable (their block's header to exist) before it gives up.
pub const ONCE_BACKLOG_WAIT: Duration = Duration::from_secs(60);

/// How [`run`] relays.
#[derive(Clone, Debug)]
pub struct RelaySettings {
    /// How each round works.
    pub round: RoundSettings,
    /// Stop when nothing is left to deliver or resolve (`btp relay --once`).
    pub once: bool,
    /// How long to wait after a round that found nothing to do.
    pub poll: Duration,
    /// How often to read the gauges (backlog, light clients, balances).
    pub gauges_every: Duration,
}

/// A link [`run`] relays: two chains, by their index in its `chains`, and
/// what a relay touches on each.
#[derive(Clone, Debug)]
pub struct RelayLink {
    /// The first chain.
    pub a: usize,
    /// The second chain.
    pub b: usize,
    /// The suite on the first chain, with its light client of the second.
    pub a_endpoint: Endpoint,
    /// The suite on the second chain, with its light client of the first.
    pub b_endpoint: Endpoint,
}

/// What [`run`] did before it stopped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Messages delivered.
    pub delivered: usize,
    /// Requests resolved by timeout.
    pub resolved: usize,
}

/// Two distinct elements of a slice, mutably.
fn pair_mut<C>(chains: &mut [C], a: usize, b: usize) -> (&mut C, &mut C) {
    assert_ne!(a, b, "a link of a chain with itself");
    if a < b {
        let (low, high) = chains.split_at_mut(b);
        (&mut low[a], &mut high[0])
    } else {
        let (low, high) = chains.split_at_mut(a);
        (&mut high[0], &mut low[b])
    }
}

/// Adds a round's deliveries, timeouts, costs and failures to `metrics`.
pub fn record_round(metrics: &Metrics, round: &Round) {
    for batch in &round.batches {
        let labels = [("src", batch.src.as_str()), ("dst", batch.dst.as_str())];
        metrics.add("btp_messages_relayed_total", &labels, batch.messages as f64);
        metrics.add("btp_replies_relayed_total", &labels, batch.replies as f64);
        metrics.add("btp_batches_relayed_total", &labels, 1.0);
    }
    for timeouts in &round.timeouts {
        metrics.add(
            "btp_timeouts_submitted_total",
            &[
                ("chain", timeouts.chain.as_str()),
                ("counterpart", timeouts.counterpart.as_str()),
            ],
            timeouts.requests as f64,
        );
    }
    for spent in &round.spent {
        let chain = [("chain", spent.chain.as_str())];
        metrics.add("btp_transactions_total", &chain, spent.transactions as f64);
        metrics.add("btp_gas_used_total", &chain, spent.gas as f64);
        for fee in &spent.fees {
            metrics.add(
                "btp_fees_paid_total",
                &[
                    ("chain", spent.chain.as_str()),
                    ("denom", fee.denom.as_str()),
                ],
                fee.amount.u128() as f64,
            );
        }
    }
    for failure in &round.failures {
        metrics.add("btp_errors_total", &[("kind", failure.kind())], 1.0);
    }
}

/// Reads the gauges of `links` into `metrics`: each direction's backlog,
/// each light client's height, age, expiry and frozen flag, each chain's
/// relayer balance. Answers the total backlog (`None` when a link could not
/// be read) and what failed.
pub fn read_gauges<C: ChainBackend>(
    chains: &[C],
    names: &[String],
    links: &[RelayLink],
    metrics: &Metrics,
) -> (Option<u64>, Vec<Error>) {
    let mut errors = vec![];
    let mut total = Some(0u64);
    for link in links {
        let (a, b) = (&chains[link.a], &chains[link.b]);
        let (a_name, b_name) = (&names[link.a], &names[link.b]);
        match crate::status::directions(
            (a, a_name, &link.a_endpoint.message_center),
            (b, b_name, &link.b_endpoint.message_center),
        ) {
            Ok(directions) => {
                for direction in &directions {
                    metrics.set(
                        "btp_backlog_messages",
                        &[
                            ("src", direction.src.as_str()),
                            ("dst", direction.dst.as_str()),
                        ],
                        direction.backlog as f64,
                    );
                    total = total.map(|total| total + direction.backlog);
                }
            }
            Err(err) => {
                total = None;
                errors.push(err);
            }
        }
        for (chain, name, endpoint, other) in [
            (a, a_name, &link.a_endpoint, b_name),
            (b, b_name, &link.b_endpoint, a_name),
        ] {
            match crate::status::light_client(chain, name, &endpoint.verifier, other) {
                Ok(client) => {
                    let labels = [("chain", name.as_str()), ("counterpart", other.as_str())];
                    metrics.set("btp_light_client_height", &labels, client.height as f64);
                    if let Some(age) = client.age_secs {
                        metrics.set("btp_light_client_age_seconds", &labels, age as f64);
                    }
                    if let Some(expiry) = client.expires_in_secs {
                        metrics.set("btp_light_client_expiry_seconds", &labels, expiry as f64);
                    }
                    metrics.set(
                        "btp_light_client_frozen",
                        &labels,
                        f64::from(u8::from(client.frozen)),
                    );
                }
                Err(err) => errors.push(err),
            }
        }
    }
    for (chain, name) in chains.iter().zip(names) {
        match chain.relayer_balance() {
            Ok(Some(balance)) => metrics.set(
                "btp_wallet_balance",
                &[("chain", name.as_str()), ("denom", balance.denom.as_str())],
                balance.amount.u128() as f64,
            ),
            Ok(None) => {}
            Err(err) => errors.push(err.context(format!("the relayer's balance on {name}"))),
        }
    }
    for err in &errors {
        metrics.add("btp_errors_total", &[("kind", err.kind())], 1.0);
    }
    (total, errors)
}

/// Relays every link of `links` between `chains` (named `names` in progress
/// lines), round after round, until `stop` is set, or with
/// `settings.once`, until nothing is left to deliver or resolve. Each
/// progress line goes to `output` (and to the log); the line
/// `relayer stopped: ...` ends a run that was not failed. With `once`, five
/// failed rounds in a row fail the run.
pub fn run<C: ChainBackend>(
    chains: &mut [C],
    names: &[String],
    links: &[RelayLink],
    settings: &RelaySettings,
    stop: &AtomicBool,
    metrics: &Metrics,
    output: &mut dyn FnMut(&str),
) -> Result<Totals> {
    let mut totals = Totals::default();
    let mut failures = 0u32;
    let started = Instant::now();
    let mut started_waiting = Instant::now();
    let mut gauges_read: Option<Instant> = None;
    let poll = settings.poll;
    while !stop.load(Ordering::SeqCst) {
        let mut idle = true;
        let mut failed: Vec<Error> = vec![];
        for link in links {
            let link_name = format!("{} ⇄ {}", names[link.a], names[link.b]);
            let span = info_span!("link", link = %link_name);
            let _entered = span.enter();
            let (a_chain, b_chain) = pair_mut(chains, link.a, link.b);
            let mut a = LoopChain {
                chain: a_chain,
                endpoint: link.a_endpoint.clone(),
                name: names[link.a].clone(),
            };
            let mut b = LoopChain {
                chain: b_chain,
                endpoint: link.b_endpoint.clone(),
                name: names[link.b].clone(),
            };
            let round = relay_round(&mut a, &mut b, settings.round);
            metrics.add("btp_relay_rounds_total", &[], 1.0);
            record_round(metrics, &round);
            for line in &round.lines {
                info!(target: "btp::relay", "{line}");
                output(line);
            }
            totals.delivered += round.delivered;
            totals.resolved += round.resolved;
            idle &= round.idle();
            failed.extend(round.failures);
        }
        let gauges_due = gauges_read.is_none_or(|read| read.elapsed() >= settings.gauges_every);
        let mut backlog = None;
        if gauges_due || (idle && settings.once) {
            let (total, errors) = read_gauges(chains, names, links, metrics);
            for err in &errors {
                debug!(kind = err.kind(), error = %err, "reading the gauges failed");
            }
            gauges_read = Some(Instant::now());
            backlog = Some(total);
        }
        if failed.is_empty() {
            failures = 0;
        } else {
            failures += 1;
            for err in &failed {
                warn!(attempt = failures, kind = err.kind(), "{err}");
            }
            if settings.once && failures >= 5 {
                let first = failed.into_iter().next();
                return Err(first
                    .unwrap_or_else(|| Error::msg("a failed round"))
                    .context("the relayer failed five rounds in a row"));
            }
            // Another relayer delivering the same batch is the usual cause:
            // back off longer each time, and by a random share of the poll
            // interval too, so that two relayers fall out of step instead
            // of racing again for the next batch.
            std::thread::sleep(poll * failures.min(10) + jitter(poll * 2));
        }
        if idle {
            if settings.once {
                // Messages committed in the last block are not provable
                // until its header exists: wait for them, a while.
                match backlog.flatten() {
                    Some(0) => break,
                    Some(waiting) if started_waiting.elapsed() > ONCE_BACKLOG_WAIT => {
                        return Err(Error::msg(format!(
                            "{waiting} message(s) committed but still not provable after {}s: is the source chain producing blocks?",
                            ONCE_BACKLOG_WAIT.as_secs()
                        )))
                    }
                    Some(_) => {}
                    None => {
                        return Err(Error::msg("the links' sequences cannot be read")
                            .context("reading the backlog"))
                    }
                }
            }
            std::thread::sleep(poll);
        } else {
            started_waiting = Instant::now();
        }
    }
    let line = format!(
        "relayer stopped: {} message(s) delivered, {} timed-out request(s) resolved in {:.1}s",
        totals.delivered,
        totals.resolved,
        started.elapsed().as_secs_f64()
    );
    info!(target: "btp::relay", "{line}");
    output(&line);
    Ok(totals)
}

/// The chain ids of a setup's chains, and its links as [`run`] takes them.
pub fn links_of(setup: &crate::config::Setup) -> Result<(Vec<String>, Vec<RelayLink>)> {
    let names = setup
        .chains
        .iter()
        .map(|chain| chain.node.chain_id.clone())
        .collect::<Vec<_>>();
    let links = setup
        .links
        .iter()
        .map(|link| {
            Ok(RelayLink {
                a: link.a,
                b: link.b,
                a_endpoint: setup.chains[link.a].endpoint(&names[link.b])?,
                b_endpoint: setup.chains[link.b].endpoint(&names[link.a])?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((names, links))
}
