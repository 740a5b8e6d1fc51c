//! Timeouts of outgoing requests: the destination's block time from which on
//! a request is no longer executed, set a number of seconds after this block.

use cosmwasm_std::Timestamp;

const NANOS_PER_SECOND: u64 = 1_000_000_000;

/// `now` plus `seconds`; `None` when that is beyond what a timestamp holds.
pub fn timeout_after(now: Timestamp, seconds: u64) -> Option<Timestamp> {
    seconds
        .checked_mul(NANOS_PER_SECOND)
        .and_then(|nanos| now.nanos().checked_add(nanos))
        .map(Timestamp::from_nanos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timeout_is_now_plus_the_seconds_or_nothing_when_it_overflows() {
        let now = Timestamp::from_seconds(1_000);
        assert_eq!(timeout_after(now, 60), Some(Timestamp::from_seconds(1_060)));
        assert_eq!(timeout_after(now, u64::MAX), None);
        assert_eq!(timeout_after(Timestamp::from_nanos(u64::MAX - 5), 1), None);
    }
}
