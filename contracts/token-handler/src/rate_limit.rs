//! Rolling rate limits: at most `amount` of a coin in any `window_secs`
//! consecutive seconds, per direction.
//!
//! Each (coin, direction) has a [`RateLog`] of what was admitted, oldest
//! first. The window is cut into [`RATE_LOG_SLOTS`] slices; admissions in
//! the same slice share one entry, dated by the latest of them, so at most
//! [`MAX_RATE_ENTRIES`] entries are live and every operation reads and writes
//! one record of bounded size (O(1) in the number of transfers).
//!
//! An admission first drops the entries that have left the window (dated
//! `window_secs` or more seconds ago), then admits the amount only if the
//! entries left plus the amount fit in the limit. The guarantee: take any
//! window of `window_secs` seconds and the last admission in it; every
//! earlier admission in that window is dated (at or after its own time)
//! less than `window_secs` before it, so it was still counted when the last
//! one was checked: the window holds at most the limit. The price of the
//! shared entries is that an amount may count up to one slice (a twelfth of
//! the window) longer than the window. A fixed window, which this replaces,
//! let up to twice the limit through around its edge; so would a token
//! bucket of capacity `amount` refilled at `amount / window_secs`.
//!
//! A refund gives back what the refunded transfer counted, from the entry
//! that holds it: the first entry dated at or after the transfer (entries
//! only ever move forward in time: a slice's date moves to its latest
//! admission; when the cap on entries is hit after the window was lengthened,
//! the oldest entry is merged into the next). Once the log has dropped an
//! entry dated at or after the transfer, the transfer has left the window
//! and there is nothing to give back; `since` records that.

use btp_types::msg::token_handler::RateLimit;
use cosmwasm_std::{Order, Storage, Uint128};

use crate::error::ContractError;
use crate::state::{LegacyWindow, RateEntry, RateLog, COINS, LEGACY_WINDOWS, OUTGOING, RATE_LOGS};

/// Slices of a window: one log entry each.
pub const RATE_LOG_SLOTS: u64 = 12;
/// The most entries a log keeps: the slices of one window, plus the one the
/// window's start falls in.
pub const MAX_RATE_ENTRIES: usize = 13;

fn overflow() -> ContractError {
    ContractError::Overflow {
        what: "rate window",
    }
}

/// The length of one slice, in seconds (at least 1).
fn slice_secs(window_secs: u64) -> u64 {
    window_secs.div_ceil(RATE_LOG_SLOTS).max(1)
}

fn slice_of(at: u64, slice: u64) -> Option<u64> {
    at.checked_div(slice)
}

/// Drops the entries that have left the window at `now` and answers what
/// the others still count.
fn expire(log: &mut RateLog, window_secs: u64, now: u64) -> Result<Uint128, ContractError> {
    let mut since = log.since;
    log.entries.retain(|entry| {
        let live = entry.at.saturating_add(window_secs) > now;
        if !live {
            since = since.max(entry.at.saturating_add(1));
        }
        live
    });
    log.since = since;
    log.entries.iter().try_fold(Uint128::zero(), |sum, entry| {
        sum.checked_add(entry.amount).map_err(|_| overflow())
    })
}

/// Records `amount` admitted at `now`.
fn record(
    log: &mut RateLog,
    window_secs: u64,
    now: u64,
    amount: Uint128,
) -> Result<(), ContractError> {
    let slice = slice_secs(window_secs);
    match log.entries.last_mut() {
        // Same slice (or a clock that went back, never seen on a chain): the
        // entry moves forward to the latest admission, which only counts it longer.
        Some(last) if slice_of(last.at, slice) == slice_of(now, slice) || now < last.at => {
            last.amount = last.amount.checked_add(amount).map_err(|_| overflow())?;
            last.at = last.at.max(now);
        }
        _ => log.entries.push(RateEntry { at: now, amount }),
    }
    // Only a window lengthened since the entries were made (their slices
    // were shorter) can leave more live entries than the cap: merge the
    // oldest into the next (later) one, which only counts it longer.
    while log.entries.len() > MAX_RATE_ENTRIES {
        let oldest = log.entries.remove(0);
        if let Some(next) = log.entries.first_mut() {
            next.amount = next
                .amount
                .checked_add(oldest.amount)
                .map_err(|_| overflow())?;
        }
    }
    Ok(())
}

/// A rate log as an admitted transfer leaves it; nothing is written until
/// [`RateUpdate::save`], so a caller can check several before applying any.
pub struct RateUpdate {
    coin_name: String,
    direction: u8,
    log: RateLog,
}

impl RateUpdate {
    pub fn save(&self, storage: &mut dyn Storage) -> Result<(), ContractError> {
        RATE_LOGS.save(storage, (&self.coin_name, self.direction), &self.log)?;
        Ok(())
    }
}

/// Admits `amount` of `coin_name` in `direction` at `now` (seconds) if it
/// fits in the rolling window of `rate`.
pub fn admit(
    storage: &dyn Storage,
    coin_name: &str,
    rate: &RateLimit,
    direction: u8,
    amount: Uint128,
    now: u64,
) -> Result<RateUpdate, ContractError> {
    let mut log = RATE_LOGS
        .may_load(storage, (coin_name, direction))?
        .unwrap_or_default();
    let used = expire(&mut log, rate.window_secs, now)?;
    let total = used.checked_add(amount).map_err(|_| overflow())?;
    if total > rate.amount {
        return Err(ContractError::RateLimited {
            coin_name: coin_name.to_string(),
            amount,
            used,
            limit: rate.amount,
            window_secs: rate.window_secs,
        });
    }
    record(&mut log, rate.window_secs, now, amount)?;
    Ok(RateUpdate {
        coin_name: coin_name.to_string(),
        direction,
        log,
    })
}

/// Gives back `amount` that a transfer sent at `sent_at` (seconds) counted in
/// `direction`, if it is still in the window; answers what was given back.
/// Never fails for lack of allowance to give back: a refund must go through.
pub fn give_back(
    storage: &mut dyn Storage,
    coin_name: &str,
    direction: u8,
    sent_at: u64,
    amount: Uint128,
) -> Result<Uint128, ContractError> {
    let key = (coin_name, direction);
    let Some(mut log) = RATE_LOGS.may_load(storage, key)? else {
        return Ok(Uint128::zero());
    };
    if sent_at < log.since {
        return Ok(Uint128::zero());
    }
    let Some(index) = log.entries.iter().position(|entry| entry.at >= sent_at) else {
        return Ok(Uint128::zero());
    };
    let Some(entry) = log.entries.get_mut(index) else {
        return Ok(Uint128::zero());
    };
    let given = entry.amount.min(amount);
    entry.amount = entry.amount.saturating_sub(given);
    if entry.amount.is_zero() {
        log.entries.remove(index);
    }
    RATE_LOGS.save(storage, key, &log)?;
    Ok(given)
}

/// What the rolling window of `direction` counts at `now`.
pub fn counted(
    storage: &dyn Storage,
    coin_name: &str,
    direction: u8,
    window_secs: u64,
    now: u64,
) -> Result<Uint128, ContractError> {
    let mut log = RATE_LOGS
        .may_load(storage, (coin_name, direction))?
        .unwrap_or_default();
    expire(&mut log, window_secs, now)
}

/// Migration from fixed windows: each window still current at `now` becomes
/// a log with its whole use dated `now` (the latest its transfers can have
/// been made, so the limit is never looser than before, at worst stricter
/// for one window); the fixed windows are removed. Transfers sent before the
/// migration give nothing back when refunded (they do not say what they
/// counted). Bounded by the registered coins: two windows each.
pub fn migrate_fixed_windows(storage: &mut dyn Storage, now: u64) -> Result<u32, ContractError> {
    let windows: Vec<((String, u8), LegacyWindow)> = LEGACY_WINDOWS
        .range(storage, None, None, Order::Ascending)
        .collect::<Result<_, _>>()?;
    let mut carried = 0u32;
    for ((coin_name, direction), window) in windows {
        LEGACY_WINDOWS.remove(storage, (&coin_name, direction));
        let Some(coin) = COINS.may_load(storage, &coin_name)? else {
            continue;
        };
        let Some(rate) = coin.limits.rate_limit else {
            continue;
        };
        let current = window.start.saturating_add(rate.window_secs) > now;
        if !current || window.used.is_zero() {
            continue;
        }
        let log = RateLog {
            entries: vec![RateEntry {
                at: now,
                amount: window.used,
            }],
            since: now,
        };
        RATE_LOGS.save(storage, (&coin_name, direction), &log)?;
        carried = carried.saturating_add(1);
    }
    Ok(carried)
}

/// Gives back what an outgoing transfer sent at `sent_at` counted.
pub fn refund_outgoing(
    storage: &mut dyn Storage,
    coin_name: &str,
    sent_at: u64,
    counted: Uint128,
) -> Result<Uint128, ContractError> {
    if counted.is_zero() {
        return Ok(Uint128::zero());
    }
    give_back(storage, coin_name, OUTGOING, sent_at, counted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

    const WINDOW: u64 = 3600;
    const LIMIT: u128 = 10_000;

    struct Admitted {
        at: u64,
        amount: u128,
        refunded_at: Option<u64>,
    }

    /// Unrefunded amounts admitted in `(now - span, now]`, as of `now`.
    fn exact_sum(admitted: &[Admitted], now: u64, span: u64) -> u128 {
        admitted
            .iter()
            .filter(|a| a.at + span > now && a.refunded_at.is_none_or(|r| r > now))
            .map(|a| a.amount)
            .sum()
    }

    /// A long random run of admissions and refunds: every admission leaves at
    /// most the limit in the window that ends with it, no refusal happens
    /// unless the window stretched by one slice is full, and the log never
    /// holds more than its cap.
    #[test]
    fn no_window_ever_holds_more_than_the_limit() {
        let rate = RateLimit {
            amount: Uint128::new(LIMIT),
            window_secs: WINDOW,
        };
        let slice = slice_secs(WINDOW);
        let mut storage = MockStorage::new();
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |bound: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % bound
        };
        let mut now = 1_000_000u64;
        let mut admitted: Vec<Admitted> = vec![];
        let (mut admissions, mut refusals, mut given_back) = (0, 0, 0u128);
        for _ in 0..20_000 {
            now += next(400);
            if next(4) == 0 && !admitted.is_empty() {
                let index = next(admitted.len() as u64) as usize;
                let transfer = &mut admitted[index];
                if transfer.refunded_at.is_none() {
                    transfer.refunded_at = Some(now);
                    let given = give_back(
                        &mut storage,
                        "c",
                        OUTGOING,
                        transfer.at,
                        Uint128::new(transfer.amount),
                    )
                    .unwrap();
                    // All of it while it is in the window, nothing once it has left.
                    if transfer.at + WINDOW > now {
                        assert_eq!(given.u128(), transfer.amount);
                    }
                    if transfer.at + WINDOW + slice <= now {
                        assert_eq!(given.u128(), 0);
                    }
                    given_back += given.u128();
                }
                continue;
            }
            let amount = 1 + u128::from(next(4_000));
            match admit(&storage, "c", &rate, OUTGOING, Uint128::new(amount), now) {
                Ok(update) => {
                    update.save(&mut storage).unwrap();
                    admitted.push(Admitted {
                        at: now,
                        amount,
                        refunded_at: None,
                    });
                    assert!(exact_sum(&admitted, now, WINDOW) <= LIMIT);
                    admissions += 1;
                }
                Err(ContractError::RateLimited { .. }) => {
                    assert!(exact_sum(&admitted, now, WINDOW + slice) + amount > LIMIT);
                    refusals += 1;
                }
                Err(other) => panic!("{other}"),
            }
            let log = RATE_LOGS
                .load(&storage, ("c", OUTGOING))
                .unwrap_or_default();
            assert!(log.entries.len() <= MAX_RATE_ENTRIES);
            assert!(log.entries.windows(2).all(|pair| pair[0].at < pair[1].at));
        }
        assert!(admissions > 1000 && refusals > 1000 && given_back > 0);
    }

    /// After the window is lengthened, entries made with the short window's
    /// slices are still live with the new ones: past the cap, the oldest are
    /// merged into the next, which only counts them longer; nothing is lost.
    #[test]
    fn a_lengthened_window_keeps_the_log_bounded_and_counts_everything() {
        let short = RateLimit {
            amount: Uint128::new(1_000_000),
            window_secs: 1_200,
        };
        let long = RateLimit {
            window_secs: 12_000,
            ..short.clone()
        };
        let mut storage = MockStorage::new();
        let mut admit_at = |rate: &RateLimit, at: u64| {
            admit(&storage, "c", rate, INCOMING_FOR_TEST, Uint128::new(1), at)
                .unwrap()
                .save(&mut storage)
                .unwrap();
        };
        for at in (0..1_200u64).step_by(100) {
            admit_at(&short, at);
        }
        for at in (1_200..6_000u64).step_by(1_000) {
            admit_at(&long, at);
        }
        let log = RATE_LOGS.load(&storage, ("c", INCOMING_FOR_TEST)).unwrap();
        assert_eq!(log.entries.len(), MAX_RATE_ENTRIES);
        assert_eq!(log.entries[0].at, 300);
        assert_eq!(log.entries[0].amount.u128(), 4);
        assert_eq!(
            counted(&storage, "c", INCOMING_FOR_TEST, 12_000, 6_000).unwrap(),
            Uint128::new(17)
        );
    }

    const INCOMING_FOR_TEST: u8 = crate::state::INCOMING;
}
