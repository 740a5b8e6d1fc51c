//! The call service's events.

typed_events! {
    /// A call was sent.
    CallMessageSent = "call_message_sent" {
        sn: i64,
        from: String,
        /// The BTP address called.
        to: String,
        rollback: bool,
        /// Nanoseconds.
        timeout: u64,
    }

    /// An arriving call is being executed.
    CallMessage = "call_message" {
        src: String,
        sn: i64,
        from: String,
        to: String,
    }

    /// An arriving call was executed (code `0`) or failed.
    CallExecuted = "call_executed" {
        src: String,
        sn: i64,
        from: String,
        to: String,
        code: u32,
        reason: String,
    }

    /// An arriving call was refused before it ran.
    CallRefused = "call_refused" {
        src: String,
        sn: i64,
        code: u32,
        reason: String,
    }

    /// The outcome of a call sent from here.
    CallResponse = "call_response" {
        sn: i64,
        to: String,
        /// The xCall response code.
        code: i32,
        /// The BTP error code.
        btp_code: u32,
        message: String,
        timed_out: bool,
    }

    /// A failed call's rollback was started.
    RollbackMessage = "rollback_message" {
        sn: i64,
        to: String,
        reason: String,
    }

    /// A rollback ran.
    RollbackExecuted = "rollback_executed" {
        sn: i64,
        to: String,
    }

    /// A rollback failed; it can be executed again.
    RollbackFailed = "rollback_failed" {
        sn: i64,
        to: String,
        reason: String,
    }
}
