//! The key-value service's events.

typed_events! {
    /// A key was asked of another chain.
    Asked = "kv_asked" {
        sn: i64,
        /// The network asked.
        to: String,
        key: String,
        asker: String,
        /// Nanoseconds.
        timeout: u64,
    }

    /// A request from another chain was answered.
    Answered = "kv_answered" {
        sn: i64,
        src: String,
        key: String,
        code: u32,
    }

    /// The answer to a request sent from here arrived (or it timed out).
    AnswerReceived = "kv_answer_received" {
        sn: i64,
        src: String,
        key: String,
        code: u32,
        timed_out: bool,
    }
}
