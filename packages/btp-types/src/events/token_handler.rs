//! The token handler's events. `assets` is `coin:amount` pairs joined with `,`.

use cosmwasm_std::Uint128;

typed_events! {
    /// A transfer was sent.
    TransferStarted = "btp_transfer_started" {
        sn: i64,
        sender: String,
        /// The BTP address of the receiver.
        to: String,
        network: String,
        assets: String,
        /// Nanoseconds.
        timeout: u64,
    }

    /// An arriving transfer was paid out.
    TransferReceived = "btp_transfer_received" {
        sn: i64,
        from: String,
        receiver: String,
        network: String,
        assets: String,
    }

    /// An arriving transfer was refused.
    TransferRefused = "btp_transfer_refused" {
        sn: i64,
        code: u32,
        reason: String,
    }

    /// A transfer sent from here was paid out there.
    TransferCompleted = "btp_transfer_completed" {
        sn: i64,
        sender: String,
        assets: String,
    }

    /// A transfer sent from here failed or timed out: its coins go back.
    TransferRefunded = "btp_transfer_refunded" {
        sn: i64,
        sender: String,
        code: u32,
        reason: String,
        assets: String,
        timed_out: bool,
    }

    /// A refund could not be paid: it is kept for the sender to claim.
    RefundDeferred = "btp_refund_deferred" {
        sender: String,
        coin: String,
        amount: Uint128,
        reason: String,
    }
}
