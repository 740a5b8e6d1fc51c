//! The message center's events.

use cosmwasm_std::{HexBinary, Timestamp, Uint128};

typed_events! {
    /// A message was committed: everything a relayer needs to prove and
    /// deliver it.
    MessageCommitted = "btp_message" {
        /// The network it is committed for: its destination, or the first
        /// hop of the route to it.
        network: String,
        /// The destination message center: the history it was committed in
        /// (absent in events from before the second transport version).
        remote_center: Option<String>,
        sequence: u64,
        nsn: i64,
        svc: String,
        sn: i64,
        /// Nanoseconds, `0` for none (absent before the second transport version).
        timeout: Option<u64>,
        /// The RLP bytes of the BTP message.
        message: HexBinary,
        /// The chain head stored for it (absent before the second transport version).
        head: Option<HexBinary>,
    }

    /// An arriving message was proven and handed to its handler.
    MessageDelivered = "btp_message_delivered" {
        /// The source network.
        network: String,
        sequence: u64,
        svc: String,
        sn: i64,
        handler: String,
    }

    /// An arriving message was proven but could not be handled (or had
    /// timed out: code `TIMED_OUT`).
    DeliveryFailed = "btp_delivery_failed" {
        network: String,
        sequence: u64,
        /// Absent when the message could not be read at all.
        svc: Option<String>,
        sn: Option<i64>,
        code: u32,
        reason: String,
        /// When an error reply was committed (requests).
        error_reply_sequence: Option<u64>,
    }

    /// A proven reply whose request was already resolved (by timeout) or
    /// was never sent from here.
    ReplyIgnored = "btp_reply_ignored" {
        network: String,
        sequence: u64,
        nsn: i64,
        reason: String,
    }

    /// The handler failed to take a reply or timeout; it is kept for
    /// `retry_reply`.
    ReplyKept = "btp_reply_kept" {
        nsn: i64,
        network: String,
        sequence: u64,
        handler: String,
        reason: String,
    }

    /// A kept reply or timeout was taken by its handler.
    ReplyRetried = "btp_reply_retried" {
        nsn: i64,
        network: String,
        sequence: u64,
        handler: String,
    }

    /// A request was resolved by proof of timeout.
    RequestTimedOut = "btp_request_timed_out" {
        nsn: i64,
        network: String,
        sequence: u64,
        svc: String,
        sn: i64,
        handler: String,
        proof_height: u64,
    }

    /// A batch call of a handler failed; its messages go again one by one.
    BatchFailed = "btp_batch_failed" {
        handler: String,
        count: u64,
        reason: String,
    }

    /// A relayer earned a fee.
    Reward = "btp_reward" {
        relayer: String,
        fee_network: String,
        amount: Uint128,
    }

    /// A fee or reward claim beyond what was paid here for messages over its
    /// link (or a fee of a network this chain cannot reach).
    RewardRefused = "btp_reward_refused" {
        network: String,
        receiver: String,
        amount: Uint128,
        /// What the link's ledger holds (absent for an unreachable network's fee).
        ledger: Option<Uint128>,
        reason: String,
    }

    /// A remote network's reward claim was paid here.
    RewardCredited = "btp_reward_credited" {
        network: String,
        sequence: u64,
        receiver: String,
        amount: Uint128,
    }

    /// The answer to a reward claim sent from here: paid there, or refunded
    /// here.
    ClaimResult = "btp_claim_result" {
        network: String,
        nsn: i64,
        claimer: String,
        amount: Uint128,
        code: u32,
        message: String,
        refunded: bool,
    }

    /// A route announcement (`Init`, `Link`, `Unlink`) arrived; this message
    /// center routes only over its own links.
    RouteAnnouncementIgnored = "btp_route_announcement_ignored" {
        network: String,
        sequence: u64,
        kind["type"]: String,
        reason: String,
    }

    /// A proven message for another network was committed again towards it.
    MessageForwarded = "btp_message_forwarded" {
        /// The network it came from.
        network: String,
        /// Its sequence there.
        sequence: u64,
        src: String,
        dst: String,
        /// The network it was committed for: the destination, or the next hop.
        next: String,
        /// Its sequence in that history.
        next_sequence: u64,
    }

    /// A route was set or removed.
    RouteChanged = "btp_route_changed" {
        network: String,
        /// Absent once the route is removed.
        next: Option<String>,
        /// The route's hops, the link to `next` included (`0` once removed).
        hops: u64,
    }

    /// A link was opened, changed or closed.
    LinkChanged = "btp_link_changed" {
        network: String,
        open: bool,
        verifier: String,
        remote_center: String,
        /// How many relayers are allowed (`0`: anyone).
        relayers: u64,
        /// `none`, or `<seconds>s,<blocks>blocks`.
        delay: String,
        tx_seq: u64,
        rx_seq: u64,
    }
}

impl MessageCommitted {
    /// The timeout as a time: `None` for none (`0` in the event, or absent
    /// before the second transport version).
    pub fn timeout_time(&self) -> Option<Timestamp> {
        self.timeout
            .filter(|nanos| *nanos != 0)
            .map(Timestamp::from_nanos)
    }
}

/// Why a route announcement is ignored.
pub const ROUTE_ANNOUNCEMENT_IGNORED: &str = "this message center routes only over its own links";
