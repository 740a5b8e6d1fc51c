//! `btp swap initiate | respond | claim | refund | show`: an atomic swap
//! between two chains through their HTLC contracts, no bridge involved
//! (the steps are `relayer::swap`'s).

use btp_types::msg::htlc::{parse_hashlock, Asset};
use relayer::config::Setup;
use relayer::node::NodeChain;
use relayer::service::{connect, time_text};
use relayer::swap::{
    claim_revealed, claim_with_secret, describe, gas_text, hashlock_of, initiate, locks_under,
    new_secret, parse_asset, query_lock, read_secret, refund, respond, write_secret, Expected,
    Initiation, ResponseTerms, DEFAULT_CLAIMABLE_SECS, DEFAULT_MARGIN_SECS,
};

use crate::args::{ConfigArg, KeyArgs, SwapCommand};
use crate::Failure;

/// A bad option value as a usage error.
fn usage(err: impl std::fmt::Display) -> Failure {
    Failure::usage(err)
}

/// A signed connection to `chain`, and the signer's address.
fn signed(setup: &Setup, chain: &str, key: &KeyArgs) -> Result<(NodeChain, String), Failure> {
    let chain = setup.chain(chain)?;
    let key = chain.key_source(key.mnemonic_file.as_deref(), key.key.as_deref(), None)?;
    let node = connect(chain, Some(&key))?;
    let address = node
        .signer_address()
        .ok_or_else(|| Failure::failed("a signed connection without an address"))?;
    Ok((node, address))
}

fn unsigned(setup: &Setup, chain: &str) -> Result<NodeChain, Failure> {
    Ok(connect(setup.chain(chain)?, None)?)
}

/// `btp swap respond`'s options.
struct Respond<'a> {
    config: &'a ConfigArg,
    from_chain: &'a str,
    from_htlc: &'a str,
    hashlock: &'a str,
    expect_amount: &'a str,
    expect_token: Option<&'a str>,
    initiator: Option<&'a str>,
    me: Option<&'a str>,
    chain: &'a str,
    htlc: &'a str,
    receiver: &'a str,
    amount: &'a str,
    token: Option<&'a str>,
    timelock: u64,
    margin: Option<u64>,
    key: &'a KeyArgs,
}

/// `btp swap claim`'s options.
struct Claim<'a> {
    config: &'a ConfigArg,
    chain: &'a str,
    htlc: &'a str,
    id: u64,
    secret_file: Option<&'a str>,
    expect_amount: Option<&'a str>,
    expect_token: Option<&'a str>,
    counterparty: Option<&'a str>,
    min_left: Option<u64>,
    preimage_from: Option<&'a str>,
    preimage_htlc: Option<&'a str>,
    key: &'a KeyArgs,
}

/// Runs one step of a swap.
pub fn run(step: SwapCommand) -> Result<(), Failure> {
    match &step {
        SwapCommand::Initiate {
            config,
            chain,
            htlc,
            receiver,
            amount,
            token,
            timelock,
            secret_file,
            key,
        } => initiate_step(
            config,
            chain,
            htlc,
            receiver,
            amount,
            token.as_deref(),
            *timelock,
            secret_file.as_deref(),
            key,
        ),
        SwapCommand::Respond {
            config,
            from_chain,
            from_htlc,
            hashlock,
            expect_amount,
            expect_token,
            initiator,
            me,
            chain,
            htlc,
            receiver,
            amount,
            token,
            timelock,
            margin,
            key,
        } => respond_step(&Respond {
            config,
            from_chain,
            from_htlc,
            hashlock,
            expect_amount,
            expect_token: expect_token.as_deref(),
            initiator: initiator.as_deref(),
            me: me.as_deref(),
            chain,
            htlc,
            receiver,
            amount,
            token: token.as_deref(),
            timelock: *timelock,
            margin: *margin,
            key,
        }),
        SwapCommand::Claim {
            config,
            chain,
            htlc,
            id,
            secret_file,
            expect_amount,
            expect_token,
            counterparty,
            min_left,
            preimage_from,
            preimage_htlc,
            key,
        } => claim_step(&Claim {
            config,
            chain,
            htlc,
            id: *id,
            secret_file: secret_file.as_deref(),
            expect_amount: expect_amount.as_deref(),
            expect_token: expect_token.as_deref(),
            counterparty: counterparty.as_deref(),
            min_left: *min_left,
            preimage_from: preimage_from.as_deref(),
            preimage_htlc: preimage_htlc.as_deref(),
            key,
        }),
        SwapCommand::Refund {
            config,
            chain,
            htlc,
            id,
            key,
        } => refund_step(config, chain, htlc, *id, key),
        SwapCommand::Show {
            config,
            chain,
            htlc,
            id,
            hashlock,
        } => show_step(config, chain, htlc, *id, hashlock.as_deref()),
    }
}

// One parameter per option of `btp swap initiate`.
#[allow(clippy::too_many_arguments)]
fn initiate_step(
    config: &ConfigArg,
    chain: &str,
    htlc: &str,
    receiver: &str,
    amount: &str,
    token: Option<&str>,
    timelock: u64,
    secret_file: Option<&str>,
    key: &KeyArgs,
) -> Result<(), Failure> {
    let setup = relayer::config::load(&config.config)?;
    let (mut node, me) = signed(&setup, chain, key)?;
    let terms = Initiation {
        receiver: receiver.to_string(),
        asset: parse_asset(amount, token).map_err(usage)?,
        timelock_secs: timelock,
    };
    let secret = new_secret()?;
    let hashlock = hex::encode(hashlock_of(&secret));
    let path = secret_file.map_or_else(|| format!("swap-{}.secret", &hashlock[..16]), String::from);
    // Kept before anything is locked: a lock whose secret is lost can only be refunded.
    write_secret(&path, &secret)?;
    let locked = initiate(&mut node, htlc, &secret, &terms)?;
    println!(
        "locked {} from {me} for {} on {} (HTLC {htlc}): lock {} in block {}, gas {}",
        terms.asset,
        terms.receiver,
        node.config().chain_id,
        locked.id,
        locked.height,
        gas_text(locked.gas_used)
    );
    println!("hashlock {hashlock}");
    println!("timelock {}", time_text(locked.timelock));
    println!("secret kept in {path}: reveal it only by claiming the counterparty's lock");
    println!(
        "the counterparty responds with: btp swap respond --from-chain {} --from-htlc {htlc} --hashlock {hashlock} --initiator {me} --expect-amount {} ...",
        node.config().chain_id,
        match &terms.asset {
            Asset::Native { denom, amount } => format!("{amount}{denom}"),
            Asset::Cw20 { token, amount } => format!("{amount} --expect-token {token}"),
        }
    );
    Ok(())
}

fn respond_step(step: &Respond<'_>) -> Result<(), Failure> {
    let setup = relayer::config::load(&step.config.config)?;
    let their = unsigned(&setup, step.from_chain)?;
    let their_setup = setup.chain(step.from_chain)?;
    let (mut mine, me) = signed(&setup, step.chain, step.key)?;
    // My address on the initiator's chain: the same key there, unless given.
    let me_there = match step.me {
        Some(address) => address.to_string(),
        None => {
            let key = their_setup.key_source(
                step.key.mnemonic_file.as_deref(),
                step.key.key.as_deref(),
                None,
            )?;
            relayer::node::Signer::load(&key, &their_setup.node.bech32_prefix)?
                .address
                .to_string()
        }
    };
    let hashlock = parse_hashlock(step.hashlock).map_err(usage)?;
    let terms = ResponseTerms {
        expect: Expected {
            hashlock,
            receiver: me_there,
            sender: step.initiator.map(String::from),
            asset: parse_asset(step.expect_amount, step.expect_token).map_err(usage)?,
            timelock_at_least: None,
            claimable_for_secs: 0,
        },
        receiver: step.receiver.to_string(),
        asset: parse_asset(step.amount, step.token).map_err(usage)?,
        timelock_secs: step.timelock,
        margin_secs: step.margin.unwrap_or(DEFAULT_MARGIN_SECS),
        me: Some(me.clone()),
    };
    let htlc = step.htlc;
    let responded = respond(&their, step.from_htlc, &mut mine, htlc, &terms)?;
    println!(
        "checked on {}: {}",
        their_setup.node.chain_id,
        describe(&responded.their_lock)
    );
    println!(
        "locked {} from {me} for {} on {} (HTLC {htlc}): lock {} in block {}, gas {}, timelock {}",
        terms.asset,
        terms.receiver,
        mine.config().chain_id,
        responded.locked.id,
        responded.locked.height,
        gas_text(responded.locked.gas_used),
        time_text(responded.locked.timelock)
    );
    println!(
        "once the initiator claims it, claim yours with: btp swap claim --chain {} --htlc {} --id {} --preimage-from {} --preimage-htlc {htlc}",
        their_setup.node.chain_id,
        step.from_htlc,
        responded.their_lock.id,
        mine.config().chain_id,
    );
    println!(
        "if not, refund from {} on: btp swap refund --chain {} --htlc {htlc} --id {}",
        time_text(responded.locked.timelock),
        mine.config().chain_id,
        responded.locked.id
    );
    Ok(())
}

fn claim_step(step: &Claim<'_>) -> Result<(), Failure> {
    let setup = relayer::config::load(&step.config.config)?;
    let (mut node, me) = signed(&setup, step.chain, step.key)?;
    let (htlc, id) = (step.htlc, step.id);
    let claimed = match step.secret_file {
        Some(path) => {
            let secret = read_secret(path)?;
            let expected = Expected {
                hashlock: hashlock_of(&secret),
                receiver: me,
                sender: step.counterparty.map(String::from),
                asset: parse_asset(
                    step.expect_amount.ok_or_else(|| {
                        Failure::usage("--expect-amount AMOUNT is required with --secret-file")
                    })?,
                    step.expect_token,
                )
                .map_err(usage)?,
                timelock_at_least: None,
                claimable_for_secs: step.min_left.unwrap_or(DEFAULT_CLAIMABLE_SECS),
            };
            claim_with_secret(&mut node, htlc, id, &secret, &expected)?
        }
        None => {
            let (Some(from), Some(preimage_htlc)) = (step.preimage_from, step.preimage_htlc) else {
                return Err(Failure::usage("give --secret-file FILE (initiator) or --preimage-from CHAIN --preimage-htlc ADDR (counterparty)"));
            };
            let source = unsigned(&setup, from)?;
            claim_revealed(&source, preimage_htlc, &mut node, htlc, id, &me)?
        }
    };
    println!(
        "claimed lock {} on {} in block {}, gas {}, revealing the secret {}",
        claimed.id,
        node.config().chain_id,
        claimed.height,
        gas_text(claimed.gas_used),
        hex::encode(claimed.preimage)
    );
    Ok(())
}

fn refund_step(
    config: &ConfigArg,
    chain: &str,
    htlc: &str,
    id: u64,
    key: &KeyArgs,
) -> Result<(), Failure> {
    let setup = relayer::config::load(&config.config)?;
    let (mut node, _) = signed(&setup, chain, key)?;
    let refunded = refund(&mut node, htlc, id)?;
    println!(
        "refunded lock {} on {} in block {}: {} back to its sender",
        refunded.id,
        node.config().chain_id,
        refunded.height,
        refunded.asset
    );
    Ok(())
}

fn show_step(
    config: &ConfigArg,
    chain: &str,
    htlc: &str,
    id: Option<u64>,
    hashlock: Option<&str>,
) -> Result<(), Failure> {
    let setup = relayer::config::load(&config.config)?;
    let node = unsigned(&setup, chain)?;
    let locks = match (id, hashlock) {
        (Some(id), None) => vec![query_lock(&node, htlc, id)?],
        (None, Some(hashlock)) => {
            locks_under(&node, htlc, &parse_hashlock(hashlock).map_err(usage)?)?
        }
        _ => return Err(Failure::usage("give --id ID or --hashlock HEX")),
    };
    if locks.is_empty() {
        println!("no lock");
    }
    for lock in &locks {
        println!("{}", describe(lock));
    }
    Ok(())
}
