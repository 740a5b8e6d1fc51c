//! `btp relay`, `btp status` and `btp transfer`: the relayer and the user's
//! commands against real nodes, configured by a deployment config.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use btp_types::events::message_center::MessageCommitted;
use btp_types::events::token_handler::TransferStarted;
use btp_types::events::TypedEvent;
use btp_types::msg::message_center::{KeptReplyResponse, LinkResponse, QueryMsg as CenterQuery};
use btp_types::msg::token_handler::{
    CoinResponse, ExecuteMsg as HandlerMsg, QueryMsg as HandlerQuery, ReceiveMsg,
};
use btp_types::msg::verifier_tendermint::{LatestHeightResponse, LightClientQuery};
use btp_types::BtpAddress;
use cosmwasm_std::{Binary, Coin, CosmosMsg, Uint128, WasmMsg};
use relayer::config;
use relayer::metrics::Metrics;
use relayer::node::Signer;
use relayer::service::{self, connect, time_text, RelaySettings, RoundSettings};
use relayer::{pending_requests, ChainBackend, Result};
use tracing::info;

use crate::args::{ConfigArg, RelayArgs, TransferArgs};
use crate::Failure;

/// JSON of a message, as a contract takes it.
fn json<T: serde::Serialize>(message: &T) -> Result<Binary> {
    Ok(cosmwasm_std::to_json_binary(message)?)
}

/// Sets `stop` on Ctrl-C or SIGTERM.
pub fn stop_on_signal(stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        else {
            return;
        };
        runtime.block_on(async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut terminate) => {
                    tokio::select! {
                        _ = tokio::signal::ctrl_c() => {}
                        _ = terminate.recv() => {}
                    }
                }
                Err(_) => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        });
        stop.store(true, Ordering::SeqCst);
    });
}

/// `btp relay`: relays every link of the config until Ctrl-C or SIGTERM
/// (or, with `--once`, until nothing is left to deliver or resolve), one
/// progress line per delivered batch and per timeout transaction on
/// standard output; `--metrics ADDR` serves the metrics meanwhile.
pub fn relay(args: &RelayArgs) -> Result<(), Failure> {
    let setup = config::load(&args.config.config)?;
    let (names, links) = service::links_of(&setup)?;
    let mut nodes = vec![];
    for chain in &setup.chains {
        let key = chain.key_source(
            args.key.mnemonic_file.as_deref(),
            args.key.key.as_deref(),
            chain.relayer_key.as_ref(),
        )?;
        nodes.push(connect(chain, Some(&key))?);
    }
    let metrics = Arc::new(Metrics::new());
    if let Some(address) = args.metrics {
        let bound = crate::http::serve_metrics(address, metrics.clone())
            .map_err(|err| Failure::usage(format!("--metrics {address}: {err}")))?;
        info!("metrics on http://{bound}/metrics");
    }
    let max_batch = usize::try_from(args.max_batch).unwrap_or(usize::MAX);
    println!(
        "relaying {} as {} (max batch {max_batch}){}",
        setup
            .links
            .iter()
            .map(|link| setup.link_name(*link))
            .collect::<Vec<_>>()
            .join(", "),
        nodes
            .iter()
            .map(|node| node.signer_address().unwrap_or_default())
            .collect::<Vec<_>>()
            .join(" / "),
        if args.once {
            ", until nothing is pending"
        } else {
            "; Ctrl-C stops"
        }
    );
    let stop = Arc::new(AtomicBool::new(false));
    stop_on_signal(stop.clone());
    let poll = Duration::from_millis(args.poll_ms);
    let settings = RelaySettings {
        round: RoundSettings {
            max_batch,
            split: args.split,
        },
        once: args.once,
        poll,
        gauges_every: poll.max(Duration::from_secs(5)),
    };
    service::run(
        &mut nodes,
        &names,
        &links,
        &settings,
        &stop,
        &metrics,
        &mut |line| println!("{line}"),
    )?;
    Ok(())
}

/// `btp status --config FILE`: each chain's height, its link to the other
/// chain (sequences, open or closed), its light client of the other chain,
/// the relayer's funds, and the requests it sent that wait for their reply
/// or timeout: each one's timeout, and whether the other chain received it
/// (its reply is due), or it can be resolved by timeout now.
pub fn status(args: &ConfigArg) -> Result<(), Failure> {
    /// The most pending requests listed per chain (all are counted).
    const LISTED: usize = 20;
    let setup = config::load(&args.config)?;
    let nodes = setup
        .chains
        .iter()
        .map(|chain| connect(chain, None))
        .collect::<Result<Vec<_>>>()?;
    for (index, chain) in setup.chains.iter().enumerate() {
        let node = &nodes[index];
        let height = node.check_chain_id()?;
        let network = node.network();
        println!(
            "{} (network {network}): height {height}",
            chain.node.chain_id
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
        let counterparts = setup.links.iter().filter_map(|link| {
            if link.a == index {
                Some(link.b)
            } else if link.b == index {
                Some(link.a)
            } else {
                None
            }
        });
        for other_index in counterparts {
            let other = &setup.chains[other_index];
            let other_node = &nodes[other_index];
            let other_network = other_node.network();
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
                chain.verifier_of(&other.node.chain_id)?,
                &LightClientQuery::LatestHeight {},
            )?;
            println!(
                "  light client of {}: trusts height {}",
                other.node.chain_id, trusted.height
            );
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
pub fn transfer(args: &TransferArgs) -> Result<(), Failure> {
    let setup = config::load(&args.config.config)?;
    let from = setup.chain(&args.from)?;
    let to = setup.chain(&args.to)?;
    let key = from.key_source(
        args.key.mnemonic_file.as_deref(),
        args.key.key.as_deref(),
        None,
    )?;
    let mut node = connect(from, Some(&key))?;
    let receiver = BtpAddress::parse(&format!(
        "btp://{}.cosmos/{}",
        to.node.chain_id, args.receiver
    ))
    .map_err(|err| Failure::usage(format!("--receiver {}: {err}", args.receiver)))?;
    let fee: btp_types::msg::message_center::FeeQuoteResponse = node.query(
        &from.contracts.message_center,
        &CenterQuery::FeeQuote {
            to: btp_types::NetworkAddress::parse(&format!("{}.cosmos", to.node.chain_id))
                .map_err(Failure::usage)?,
            expects_reply: true,
        },
    )?;
    let mut funds = vec![];
    if !fee.amount.is_zero() {
        funds.push(Coin::new(fee.amount, fee.denom.clone()));
    }
    let amount = args.amount.as_str();
    let timeout_secs = args.timeout;
    let message: CosmosMsg = match args.coin.as_deref() {
        None => {
            let split = amount
                .find(|c: char| !c.is_ascii_digit())
                .filter(|&at| at > 0)
                .ok_or_else(|| {
                    Failure::usage("--amount must be like 1000ucoina for a native coin")
                })?;
            let (value, denom) = amount.split_at(split);
            let value: u128 = value
                .parse()
                .map_err(|err| Failure::usage(format!("--amount {amount}: {err}")))?;
            match funds.iter_mut().find(|coin| coin.denom == denom) {
                Some(coin) => coin.amount += Uint128::new(value),
                None => funds.push(Coin::new(value, denom)),
            }
            funds.sort_by(|x, y| x.denom.cmp(&y.denom));
            WasmMsg::Execute {
                contract_addr: from.contracts.handler.clone(),
                msg: json(&HandlerMsg::Transfer {
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
            let token = coin.token.ok_or_else(|| {
                Failure::usage(format!(
                    "{coin_name} is not a cw20 token on {}",
                    from.node.chain_id
                ))
            })?;
            if !fee.amount.is_zero() {
                return Err(Failure::failed(format!(
                    "the relay fee to {} is not zero: a cw20 transfer needs transfer_batch",
                    to.node.chain_id
                )));
            }
            WasmMsg::Execute {
                contract_addr: token,
                msg: json(&cw20::Cw20ExecuteMsg::Send {
                    contract: from.contracts.handler.clone(),
                    amount: Uint128::new(
                        amount
                            .parse()
                            .map_err(|err| Failure::usage(format!("--amount {amount}: {err}")))?,
                    ),
                    msg: json(&ReceiveMsg::Transfer {
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
    let committed = MessageCommitted::first(&submitted.events);
    let timeout = committed
        .as_ref()
        .and_then(MessageCommitted::timeout_time)
        .map_or_else(|| "none".to_string(), time_text);
    let sequence = committed.map_or_else(|| "?".to_string(), |c| c.sequence.to_string());
    let sn = TransferStarted::first(&submitted.events)
        .map_or_else(|| "?".to_string(), |started| started.sn.to_string());
    println!(
        "transfer {} to {receiver} sent in block {} of {} (message sequence {sequence}, sn {sn}, timeout {timeout} on {})",
        amount,
        submitted.height,
        from.node.chain_id,
        to.node.chain_id,
    );
    Ok(())
}
