//! Atomic swaps between two chains with two HTLC contracts
//! (`contracts/htlc`), no bridge involved: the library functions over
//! [`ChainBackend`] (so that they run on the simulated chains as on real
//! nodes), and `btp swap`.
//!
//! The initiator swaps X on chain A against the counterparty's Y on chain B:
//!
//! 1. [`initiate`]: the initiator picks a secret and locks X on A for the
//!    counterparty under its hash, with the longer timelock `T_A`.
//! 2. [`respond`]: the counterparty finds that lock on A by its hashlock and
//!    checks it (amount, receiver, hash, open, and `T_A` at least a margin
//!    beyond the `T_B` it is about to set), then locks Y on B for the
//!    initiator with the same hashlock and the shorter timelock `T_B`.
//! 3. [`claim_with_secret`]: the initiator checks the lock on B, then claims
//!    it, which reveals the secret on B.
//! 4. [`claim_revealed`]: the counterparty reads the secret on B and claims X
//!    on A, before `T_A`.
//!
//! If a side stops, [`refund`] gives each party its own lock back after its
//! timelock. The margin `T_A - T_B` is the counterparty's time to claim on A
//! after the initiator claimed on B as late as it could: it must cover the
//! counterparty's reaction time and the difference between the two chains'
//! clocks.

use crate::error::{bail, ensure, Context, Result};
use btp_types::events::{htlc::HtlcLocked, TypedEvent};
use btp_types::msg::htlc::{
    Asset, ExecuteMsg, LockResponse, LockState, LocksResponse, PreimageResponse, QueryMsg,
    ReceiveMsg, MAX_LIMIT, PREIMAGE_BYTES,
};
use cosmwasm_std::{
    coins, to_json_binary, Checksum, CosmosMsg, HexBinary, Timestamp, Uint128, WasmMsg,
};

use crate::backend::ChainBackend;
use crate::service::time_text;

/// A swap's secret: [`PREIMAGE_BYTES`] bytes, as the contract takes them.
pub type Secret = [u8; PREIMAGE_BYTES];
/// SHA-256 of a secret.
pub type Hashlock = [u8; 32];

/// The most locks under one hashlock [`find_lock`] looks through.
const MAX_CANDIDATES: usize = 1000;

/// SHA-256 of `preimage`: the hashlock it opens.
pub fn hashlock_of(preimage: &[u8]) -> Hashlock {
    // `Checksum::generate` is SHA-256 (the code checksum of wasmd).
    *Checksum::generate(preimage).as_ref()
}

/// A new secret from the operating system's randomness.
pub fn new_secret() -> Result<Secret> {
    use std::io::Read;
    let mut secret = [0u8; PREIMAGE_BYTES];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut random| random.read_exact(&mut secret))
        .context("reading /dev/urandom for a secret")?;
    Ok(secret)
}

/// The chain's time now: the time of its latest header.
pub fn chain_time<C: ChainBackend>(chain: &C) -> Result<Timestamp> {
    chain.header_time(chain.latest_header_height()?)
}

/// `now` plus `seconds`.
fn after(now: Timestamp, seconds: u64) -> Result<Timestamp> {
    seconds
        .checked_mul(1_000_000_000)
        .and_then(|nanos| now.nanos().checked_add(nanos))
        .map(Timestamp::from_nanos)
        .with_context(|| format!("{seconds} seconds after {now} is beyond the largest time"))
}

/// Seconds from `from` to `to` (0 when `to` is not later).
fn seconds_between(from: Timestamp, to: Timestamp) -> u64 {
    to.nanos()
        .saturating_sub(from.nanos())
        .div_ceil(1_000_000_000)
}

/// The message that locks `asset` for `receiver` on the HTLC contract
/// `htlc`: `lock` with the coin attached, or the cw20 token's `send`.
pub fn lock_message(
    htlc: &str,
    receiver: &str,
    asset: &Asset,
    hashlock: &Hashlock,
    timelock: Timestamp,
) -> Result<CosmosMsg> {
    let hashlock = hex::encode(hashlock);
    Ok(match asset {
        Asset::Native { denom, amount } => WasmMsg::Execute {
            contract_addr: htlc.to_string(),
            msg: to_json_binary(&ExecuteMsg::Lock {
                receiver: receiver.to_string(),
                hashlock,
                timelock,
            })?,
            funds: coins(amount.u128(), denom),
        }
        .into(),
        Asset::Cw20 { token, amount } => WasmMsg::Execute {
            contract_addr: token.clone(),
            msg: to_json_binary(&cw20::Cw20ExecuteMsg::Send {
                contract: htlc.to_string(),
                amount: *amount,
                msg: to_json_binary(&ReceiveMsg::Lock {
                    receiver: receiver.to_string(),
                    hashlock,
                    timelock,
                })?,
            })?,
            funds: vec![],
        }
        .into(),
    })
}

pub use crate::service::gas_text;
use crate::service::gas_used;

/// A lock made.
#[derive(Clone, Debug, PartialEq)]
pub struct Locked {
    /// Its id.
    pub id: u64,
    /// Its hashlock.
    pub hashlock: Hashlock,
    /// Its timelock.
    pub timelock: Timestamp,
    /// The block it was made in.
    pub height: u64,
    /// The gas its transaction used, where the chain reports it.
    pub gas_used: Option<u64>,
}

/// Locks `asset` for `receiver` on `htlc` (see [`lock_message`]), signed by
/// the backend's account.
pub fn lock<C: ChainBackend>(
    chain: &mut C,
    htlc: &str,
    receiver: &str,
    asset: &Asset,
    hashlock: &Hashlock,
    timelock: Timestamp,
) -> Result<Locked> {
    ensure!(!asset.amount().is_zero(), "a lock of zero is refused");
    let submitted = chain.submit(vec![lock_message(
        htlc, receiver, asset, hashlock, timelock,
    )?])?;
    let id = HtlcLocked::first(&submitted.events)
        .context("the lock's transaction has no htlc_locked event")?
        .id;
    Ok(Locked {
        id,
        hashlock: *hashlock,
        timelock,
        height: submitted.height,
        gas_used: gas_used(&submitted.events),
    })
}

/// One lock of `htlc`.
pub fn query_lock<C: ChainBackend>(chain: &C, htlc: &str, id: u64) -> Result<LockResponse> {
    chain
        .query(htlc, &QueryMsg::Lock { id })
        .with_context(|| format!("lock {id} on {}", chain.network()))
}

/// The preimage of `hashlock`, if a claim on `htlc` revealed it (checked
/// against the hashlock: a contract that answered another is refused).
pub fn revealed_preimage<C: ChainBackend>(
    chain: &C,
    htlc: &str,
    hashlock: &Hashlock,
) -> Result<Option<Secret>> {
    let answer: PreimageResponse = chain.query(
        htlc,
        &QueryMsg::Preimage {
            hashlock: hex::encode(hashlock),
        },
    )?;
    let Some(preimage) = answer.preimage else {
        return Ok(None);
    };
    ensure!(
        hashlock_of(&preimage) == *hashlock,
        "the HTLC {htlc} on {} answered a preimage that does not hash to {}",
        chain.network(),
        hex::encode(hashlock)
    );
    Ok(Some(Secret::try_from(preimage.as_slice()).with_context(
        || format!("a revealed preimage of {} bytes", preimage.len()),
    )?))
}

/// What a party requires of the other party's lock before it acts on it.
#[derive(Clone, Debug)]
pub struct Expected {
    /// The swap's hashlock.
    pub hashlock: Hashlock,
    /// Its receiver: the checking party's address on that chain.
    pub receiver: String,
    /// Its sender, when the checking party knows the other party's address.
    pub sender: Option<String>,
    /// At least this amount of this coin or token.
    pub asset: Asset,
    /// Its timelock must be at least this late, when given.
    pub timelock_at_least: Option<Timestamp>,
    /// It must still be claimable this many seconds after the chain's time
    /// now (the claim needs a block or two).
    pub claimable_for_secs: u64,
}

/// Refuses, with the reason, a lock that is not what `expected` requires,
/// at the chain's time `now`.
pub fn check_lock(lock: &LockResponse, expected: &Expected, now: Timestamp) -> Result<()> {
    let id = lock.id;
    ensure!(
        lock.hashlock.as_slice() == expected.hashlock.as_slice(),
        "lock {id} has the hashlock {}, not the swap's {}",
        lock.hashlock.to_hex(),
        hex::encode(expected.hashlock)
    );
    ensure!(
        lock.receiver == expected.receiver,
        "lock {id} pays {}, not {}",
        lock.receiver,
        expected.receiver
    );
    if let Some(sender) = &expected.sender {
        ensure!(
            lock.sender == *sender,
            "lock {id} was made by {}, not by {sender}",
            lock.sender
        );
    }
    ensure!(
        lock.asset.same_kind(&expected.asset),
        "lock {id} holds {}, not {} as expected",
        lock.asset,
        expected.asset
    );
    ensure!(
        lock.asset.amount() >= expected.asset.amount(),
        "lock {id} holds {}, less than the {} expected",
        lock.asset,
        expected.asset
    );
    match lock.state {
        LockState::Open => {}
        LockState::Claimed => bail!("lock {id} was claimed already"),
        LockState::Refunded => bail!("lock {id} was refunded already"),
    }
    let claimable_until = after(now, expected.claimable_for_secs)?;
    ensure!(
        lock.timelock > claimable_until,
        "lock {id} expires at {} ({}s from now): it must stay claimable for more than {}s",
        time_text(lock.timelock),
        seconds_between(now, lock.timelock),
        expected.claimable_for_secs
    );
    if let Some(least) = expected.timelock_at_least {
        ensure!(
            lock.timelock >= least,
            "lock {id} expires at {}, {}s before {} (the timelock this side would set plus the margin): \
             too little time would be left to claim it once the secret is revealed",
            time_text(lock.timelock),
            seconds_between(lock.timelock, least),
            time_text(least)
        );
    }
    Ok(())
}

/// The lock under `expected.hashlock` on `htlc` that meets `expected`: the
/// first one, by id. The error lists why each lock under the hashlock was
/// refused.
pub fn find_lock<C: ChainBackend>(
    chain: &C,
    htlc: &str,
    expected: &Expected,
) -> Result<LockResponse> {
    let now = chain_time(chain)?;
    let hashlock = hex::encode(expected.hashlock);
    let mut refusals = vec![];
    for lock in locks_under(chain, htlc, &expected.hashlock)? {
        match check_lock(&lock, expected, now) {
            Ok(()) => return Ok(lock),
            Err(err) => refusals.push(format!("{err}")),
        }
    }
    if refusals.is_empty() {
        bail!(
            "no lock under the hashlock {hashlock} on {} (HTLC {htlc})",
            chain.network()
        );
    }
    bail!(
        "no acceptable lock under the hashlock {hashlock} on {}: {}",
        chain.network(),
        refusals.join("; ")
    )
}

/// The locks under `hashlock` on `htlc`, by id (the first
/// [`MAX_CANDIDATES`] at most).
pub fn locks_under<C: ChainBackend>(
    chain: &C,
    htlc: &str,
    hashlock: &Hashlock,
) -> Result<Vec<LockResponse>> {
    let mut locks: Vec<LockResponse> = vec![];
    loop {
        let page: LocksResponse = chain.query(
            htlc,
            &QueryMsg::LocksByHashlock {
                hashlock: hex::encode(hashlock),
                start_after: locks.last().map(|lock| lock.id),
                limit: Some(MAX_LIMIT),
            },
        )?;
        if page.locks.is_empty() || locks.len() >= MAX_CANDIDATES {
            return Ok(locks);
        }
        locks.extend(page.locks);
    }
}

/// What the initiator locks.
#[derive(Clone, Debug)]
pub struct Initiation {
    /// The counterparty's address on the initiator's chain.
    pub receiver: String,
    /// What the initiator gives.
    pub asset: Asset,
    /// The timelock, in seconds after the chain's time now: the longer one
    /// of the swap.
    pub timelock_secs: u64,
}

/// Step 1: the initiator locks `terms.asset` for the counterparty under
/// the hash of `secret`. The secret must be kept (and kept secret) until
/// the claim on the other chain.
pub fn initiate<C: ChainBackend>(
    chain: &mut C,
    htlc: &str,
    secret: &Secret,
    terms: &Initiation,
) -> Result<Locked> {
    let hashlock = hashlock_of(secret);
    ensure!(
        revealed_preimage(chain, htlc, &hashlock)?.is_none(),
        "the secret is already public on {}: pick a new one",
        chain.network()
    );
    let timelock = after(chain_time(chain)?, terms.timelock_secs)?;
    lock(
        chain,
        htlc,
        &terms.receiver,
        &terms.asset,
        &hashlock,
        timelock,
    )
}

/// What the counterparty requires and locks.
#[derive(Clone, Debug)]
pub struct ResponseTerms {
    /// What the initiator's lock must be (`timelock_at_least` is set by
    /// [`respond`] from `timelock_secs` and `margin_secs`).
    pub expect: Expected,
    /// The initiator's address on the counterparty's chain.
    pub receiver: String,
    /// What the counterparty gives.
    pub asset: Asset,
    /// The counterparty's timelock, in seconds after its chain's time now.
    pub timelock_secs: u64,
    /// How much later than its own timelock the initiator's must be, at
    /// least: the time to claim on the initiator's chain once the secret is
    /// revealed (and the clocks' difference).
    pub margin_secs: u64,
    /// The counterparty's own address on its chain, when known: an open
    /// lock it already made under the hashlock (a response made before) is
    /// then refused instead of locking a second time.
    pub me: Option<String>,
}

/// What [`respond`] did.
#[derive(Clone, Debug)]
pub struct Responded {
    /// The initiator's lock it checked.
    pub their_lock: LockResponse,
    /// The lock it made.
    pub locked: Locked,
}

/// Step 2: the counterparty finds and checks the initiator's lock on
/// `their` chain, then locks on `mine` with the same hashlock and the
/// shorter timelock. Nothing is locked if the check fails.
pub fn respond<T: ChainBackend, M: ChainBackend>(
    their: &T,
    their_htlc: &str,
    mine: &mut M,
    my_htlc: &str,
    terms: &ResponseTerms,
) -> Result<Responded> {
    let timelock = after(chain_time(mine)?, terms.timelock_secs)?;
    let mut expect = terms.expect.clone();
    expect.timelock_at_least = Some(after(timelock, terms.margin_secs)?);
    let their_lock = find_lock(their, their_htlc, &expect)
        .with_context(|| format!("checking the initiator's lock on {}", their.network()))?;
    ensure!(
        revealed_preimage(mine, my_htlc, &expect.hashlock)?.is_none(),
        "the swap's secret is already public on {}: a lock under it could be claimed by anyone at once",
        mine.network()
    );
    if let Some(me) = &terms.me {
        if let Some(earlier) = locks_under(mine, my_htlc, &expect.hashlock)?
            .into_iter()
            .find(|lock| lock.sender == *me && lock.state == LockState::Open)
        {
            bail!(
                "{me} already locked under this hashlock on {}: lock {} ({} for {}); not locking twice",
                mine.network(),
                earlier.id,
                earlier.asset,
                earlier.receiver
            );
        }
    }
    let locked = lock(
        mine,
        my_htlc,
        &terms.receiver,
        &terms.asset,
        &expect.hashlock,
        timelock,
    )?;
    Ok(Responded { their_lock, locked })
}

/// A claim made.
#[derive(Clone, Debug, PartialEq)]
pub struct Claimed {
    /// The lock.
    pub id: u64,
    /// The preimage it revealed.
    pub preimage: Secret,
    /// The block it was made in.
    pub height: u64,
    /// The gas its transaction used, where the chain reports it.
    pub gas_used: Option<u64>,
}

fn submit_claim<C: ChainBackend>(
    chain: &mut C,
    htlc: &str,
    id: u64,
    preimage: &Secret,
) -> Result<Claimed> {
    let submitted = chain.submit(vec![WasmMsg::Execute {
        contract_addr: htlc.to_string(),
        msg: to_json_binary(&ExecuteMsg::Claim {
            id,
            preimage: HexBinary::from(preimage.as_slice()),
        })?,
        funds: vec![],
    }
    .into()])?;
    Ok(Claimed {
        id,
        preimage: *preimage,
        height: submitted.height,
        gas_used: gas_used(&submitted.events),
    })
}

/// Step 3: the initiator checks lock `id` (the counterparty's) against
/// `expected` (whose hashlock must be the secret's), then claims it,
/// revealing the secret.
pub fn claim_with_secret<C: ChainBackend>(
    chain: &mut C,
    htlc: &str,
    id: u64,
    secret: &Secret,
    expected: &Expected,
) -> Result<Claimed> {
    ensure!(
        hashlock_of(secret) == expected.hashlock,
        "the secret does not hash to the swap's hashlock {}",
        hex::encode(expected.hashlock)
    );
    let lock = query_lock(chain, htlc, id)?;
    check_lock(&lock, expected, chain_time(chain)?)
        .with_context(|| format!("checking the counterparty's lock on {}", chain.network()))?;
    submit_claim(chain, htlc, id, secret)
}

/// Step 4: the counterparty reads the secret that a claim revealed on the
/// `revealed_on` chain and claims lock `id` (the initiator's) on `chain`.
/// `receiver` is the counterparty's address on `chain`, which the lock must pay.
pub fn claim_revealed<R: ChainBackend, C: ChainBackend>(
    revealed_on: &R,
    revealed_htlc: &str,
    chain: &mut C,
    htlc: &str,
    id: u64,
    receiver: &str,
) -> Result<Claimed> {
    let lock = query_lock(chain, htlc, id)?;
    let hashlock = Hashlock::try_from(lock.hashlock.as_slice())
        .with_context(|| format!("lock {id} has a hashlock of {} bytes", lock.hashlock.len()))?;
    let Some(preimage) = revealed_preimage(revealed_on, revealed_htlc, &hashlock)? else {
        bail!(
            "the secret of {} is not revealed on {} yet: nothing to claim with until the other party claims there",
            hex::encode(hashlock),
            revealed_on.network()
        );
    };
    let expected = Expected {
        hashlock,
        receiver: receiver.to_string(),
        sender: None,
        asset: lock.asset.clone(),
        timelock_at_least: None,
        claimable_for_secs: 0,
    };
    check_lock(&lock, &expected, chain_time(chain)?)
        .with_context(|| format!("claiming lock {id} on {}", chain.network()))?;
    submit_claim(chain, htlc, id, &preimage)
}

/// A refund made.
#[derive(Clone, Debug, PartialEq)]
pub struct Refunded {
    /// The lock.
    pub id: u64,
    /// What went back to its sender.
    pub asset: Asset,
    /// The block it was made in.
    pub height: u64,
}

/// Gives lock `id` back to its sender, once its timelock has come (refused
/// before, with the time left).
pub fn refund<C: ChainBackend>(chain: &mut C, htlc: &str, id: u64) -> Result<Refunded> {
    let lock = query_lock(chain, htlc, id)?;
    match lock.state {
        LockState::Open => {}
        LockState::Claimed => bail!(
            "lock {id} was claimed (its secret is {}): there is nothing to refund",
            lock.preimage.map(|p| p.to_hex()).unwrap_or_default()
        ),
        LockState::Refunded => bail!("lock {id} was refunded already"),
    }
    let now = chain_time(chain)?;
    ensure!(
        now >= lock.timelock,
        "lock {id} can be refunded from {} on, in {}s (its time is now {})",
        time_text(lock.timelock),
        seconds_between(now, lock.timelock),
        time_text(now)
    );
    let submitted = chain.submit(vec![WasmMsg::Execute {
        contract_addr: htlc.to_string(),
        msg: to_json_binary(&ExecuteMsg::Refund { id })?,
        funds: vec![],
    }
    .into()])?;
    Ok(Refunded {
        id,
        asset: lock.asset,
        height: submitted.height,
    })
}

// ---------------------------------------------------------------------------
// `btp swap`

/// An asset from `--amount 1000ucoina`, or `--amount 1000` with `--token CW20`.
pub fn parse_asset(amount: &str, token: Option<&str>) -> Result<Asset> {
    Ok(match token {
        Some(token) => Asset::Cw20 {
            token: token.to_string(),
            amount: Uint128::new(
                amount
                    .parse()
                    .with_context(|| format!("{amount}: a cw20 amount is a number"))?,
            ),
        },
        None => {
            let split = amount
                .find(|c: char| !c.is_ascii_digit())
                .filter(|&at| at > 0)
                .with_context(|| {
                    format!("{amount}: a native amount is like 1000ucoina (or give --token CW20)")
                })?;
            let (value, denom) = amount.split_at(split);
            Asset::Native {
                denom: denom.to_string(),
                amount: Uint128::new(value.parse()?),
            }
        }
    })
}

/// Reads a secret written by [`write_secret`] (hex).
pub fn read_secret(path: &str) -> Result<Secret> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading the secret {path}"))?;
    let bytes = hex::decode(text.trim()).with_context(|| format!("{path} is not hex"))?;
    Secret::try_from(bytes.as_slice())
        .map_err(|_| crate::error::failure!("{path}: a secret is {PREIMAGE_BYTES} bytes"))
}

/// Writes a new secret file (hex, mode 0600); it must not exist.
pub fn write_secret(path: &str, secret: &Secret) -> Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .with_context(|| format!("creating the secret file {path} (it must not exist)"))?;
    writeln!(file, "{}", hex::encode(secret))?;
    Ok(())
}

/// The default margin of `btp swap respond`: an hour.
pub const DEFAULT_MARGIN_SECS: u64 = 3600;
/// How long a lock must stay claimable for `btp swap claim` by default.
pub const DEFAULT_CLAIMABLE_SECS: u64 = 60;

/// A lock in one line.
pub fn describe(lock: &LockResponse) -> String {
    format!(
        "lock {}: {} from {} to {}, hashlock {}, timelock {}, {:?}{}{}",
        lock.id,
        lock.asset,
        lock.sender,
        lock.receiver,
        lock.hashlock.to_hex(),
        time_text(lock.timelock),
        lock.state,
        if lock.expired && lock.state == LockState::Open {
            " (expired: refundable)"
        } else {
            ""
        },
        lock.preimage
            .as_ref()
            .map(|preimage| format!(", secret {}", preimage.to_hex()))
            .unwrap_or_default()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lock() -> LockResponse {
        LockResponse {
            id: 7,
            sender: "initiator".into(),
            receiver: "counterparty".into(),
            asset: parse_asset("1000ucoina", None).unwrap(),
            hashlock: HexBinary::from(hashlock_of(&[1; 32]).as_slice()),
            timelock: Timestamp::from_seconds(10_000),
            locked_at: Timestamp::from_seconds(1_000),
            state: LockState::Open,
            expired: false,
            preimage: None,
        }
    }

    fn expected() -> Expected {
        Expected {
            hashlock: hashlock_of(&[1; 32]),
            receiver: "counterparty".into(),
            sender: Some("initiator".into()),
            asset: parse_asset("1000ucoina", None).unwrap(),
            timelock_at_least: Some(Timestamp::from_seconds(9_000)),
            claimable_for_secs: 60,
        }
    }

    fn refusal(lock: &LockResponse, expected: &Expected, now: u64) -> String {
        check_lock(lock, expected, Timestamp::from_seconds(now))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn assets_are_parsed_native_or_cw20() {
        assert_eq!(
            parse_asset("1000ucoina", None).unwrap(),
            Asset::Native {
                denom: "ucoina".into(),
                amount: Uint128::new(1000)
            }
        );
        assert_eq!(
            parse_asset("5", Some("token")).unwrap(),
            Asset::Cw20 {
                token: "token".into(),
                amount: Uint128::new(5)
            }
        );
        for bad in ["ucoina", "1000", ""] {
            assert!(
                matches!(
                    parse_asset(bad, None),
                    Err(crate::error::Error::Protocol(ref reason)) if reason.contains("a native amount is like")
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            parse_asset("5ucoina", Some("token")),
            Err(crate::error::Error::Context { ref context, .. }) if context.contains("a cw20 amount is a number")
        ));
    }

    #[test]
    fn a_lock_that_meets_the_terms_is_accepted() {
        check_lock(&lock(), &expected(), Timestamp::from_seconds(5_000)).unwrap();
        // More than expected is fine.
        let mut more = lock();
        more.asset = parse_asset("1001ucoina", None).unwrap();
        check_lock(&more, &expected(), Timestamp::from_seconds(5_000)).unwrap();
    }

    #[test]
    fn each_difference_is_refused_with_its_reason() {
        let mut other = lock();
        other.hashlock = HexBinary::from(hashlock_of(&[2; 32]).as_slice());
        assert!(refusal(&other, &expected(), 5_000).contains("hashlock"));
        let mut other = lock();
        other.receiver = "someone".into();
        assert!(refusal(&other, &expected(), 5_000).contains("pays someone"));
        let mut other = lock();
        other.sender = "someone".into();
        assert!(refusal(&other, &expected(), 5_000).contains("made by someone"));
        let mut other = lock();
        other.asset = parse_asset("999ucoina", None).unwrap();
        assert!(refusal(&other, &expected(), 5_000).contains("less than"));
        let mut other = lock();
        other.asset = parse_asset("1000ucoinb", None).unwrap();
        assert!(refusal(&other, &expected(), 5_000).contains("not 1000ucoina"));
        let mut other = lock();
        other.state = LockState::Claimed;
        assert!(refusal(&other, &expected(), 5_000).contains("claimed already"));
        let mut other = lock();
        other.state = LockState::Refunded;
        assert!(refusal(&other, &expected(), 5_000).contains("refunded already"));
        // Too close to expiry to claim, and too early a timelock for the margin.
        assert!(refusal(&lock(), &expected(), 9_940).contains("must stay claimable"));
        let mut late = expected();
        late.timelock_at_least = Some(Timestamp::from_seconds(10_001));
        assert!(refusal(&lock(), &late, 5_000).contains("too little time"));
    }

    #[test]
    fn a_secret_is_random_and_its_hashlock_is_sha256() {
        let (one, two) = (new_secret().unwrap(), new_secret().unwrap());
        assert_ne!(one, two);
        // SHA-256 of 32 zero bytes.
        assert_eq!(
            hex::encode(hashlock_of(&[0; 32])),
            "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925"
        );
    }
}
