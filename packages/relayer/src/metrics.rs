//! The relayer's metrics, in the Prometheus text format (what Hermes'
//! telemetry exposes, under `btp_` names). A [`Metrics`] is shared between
//! the relay loop, which records, and whoever serves [`Metrics::render`]
//! (`btp relay --metrics ADDR`).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;

/// A metric's kind in the text format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Only goes up.
    Counter,
    /// Goes up and down.
    Gauge,
}

/// Every metric the relayer exports: name, kind, help.
pub const METRICS: &[(&str, Kind, &str)] = &[
    (
        "btp_backlog_messages",
        Kind::Gauge,
        "Messages committed on src and not yet received on dst (per link direction).",
    ),
    (
        "btp_messages_relayed_total",
        Kind::Counter,
        "Messages delivered from src to dst (requests and replies).",
    ),
    (
        "btp_replies_relayed_total",
        Kind::Counter,
        "Of the messages delivered from src to dst, the replies (to requests dst sent).",
    ),
    (
        "btp_batches_relayed_total",
        Kind::Counter,
        "Delivery transactions (one proof each) from src to dst.",
    ),
    (
        "btp_timeouts_submitted_total",
        Kind::Counter,
        "Requests chain sent to counterpart resolved on chain by a timeout proof (their senders refunded).",
    ),
    (
        "btp_transactions_total",
        Kind::Counter,
        "Transactions the relayer submitted on chain.",
    ),
    (
        "btp_gas_used_total",
        Kind::Counter,
        "Gas the relayer's transactions used on chain.",
    ),
    (
        "btp_fees_paid_total",
        Kind::Counter,
        "Fees the relayer paid on chain, in the smallest unit of denom.",
    ),
    (
        "btp_wallet_balance",
        Kind::Gauge,
        "The relayer account's balance on chain, in the smallest unit of denom.",
    ),
    (
        "btp_light_client_height",
        Kind::Gauge,
        "The latest height of counterpart that the light client on chain trusts.",
    ),
    (
        "btp_light_client_age_seconds",
        Kind::Gauge,
        "How old, in chain's block time, the latest header the light client on chain trusts is.",
    ),
    (
        "btp_light_client_expiry_seconds",
        Kind::Gauge,
        "Seconds until the light client on chain expires unless updated (negative: expired).",
    ),
    (
        "btp_light_client_frozen",
        Kind::Gauge,
        "1 when the light client on chain was frozen by proven misbehaviour.",
    ),
    (
        "btp_relay_rounds_total",
        Kind::Counter,
        "Relay rounds run (each link, both directions).",
    ),
    (
        "btp_errors_total",
        Kind::Counter,
        "Failed relay steps and readings, by kind of error (config, key, node, chain_id, funds, transaction, protocol, ...).",
    ),
];

type Labels = Vec<(String, String)>;

/// The values of the metrics, by name and labels.
#[derive(Debug, Default)]
pub struct Metrics {
    values: Mutex<BTreeMap<&'static str, BTreeMap<Labels, f64>>>,
}

fn known(name: &str) -> &'static str {
    METRICS
        .iter()
        .find(|(known, _, _)| *known == name)
        .map(|(known, _, _)| *known)
        .unwrap_or_else(|| panic!("metric {name} is not in METRICS"))
}

fn labels(labels: &[(&str, &str)]) -> Labels {
    labels
        .iter()
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .collect()
}

impl Metrics {
    /// No values yet.
    pub fn new() -> Self {
        Self::default()
    }

    fn update(&self, name: &str, labels: Labels, update: impl FnOnce(&mut f64)) {
        let mut values = self
            .values
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        update(
            values
                .entry(known(name))
                .or_default()
                .entry(labels)
                .or_insert(0.0),
        );
    }

    /// Adds `value` to a counter.
    pub fn add(&self, name: &str, label_values: &[(&str, &str)], value: f64) {
        self.update(name, labels(label_values), |current| *current += value);
    }

    /// Sets a gauge.
    pub fn set(&self, name: &str, label_values: &[(&str, &str)], value: f64) {
        self.update(name, labels(label_values), |current| *current = value);
    }

    /// The value of a metric with these labels, if it was recorded.
    pub fn get(&self, name: &str, label_values: &[(&str, &str)]) -> Option<f64> {
        let values = self
            .values
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        values.get(name)?.get(&labels(label_values)).copied()
    }

    /// Every metric in the Prometheus text format (version 0.0.4): `HELP`
    /// and `TYPE` lines, then one line per recorded label set.
    pub fn render(&self) -> String {
        let values = self
            .values
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut text = String::new();
        for (name, kind, help) in METRICS {
            let kind = match kind {
                Kind::Counter => "counter",
                Kind::Gauge => "gauge",
            };
            let _ = writeln!(text, "# HELP {name} {help}");
            let _ = writeln!(text, "# TYPE {name} {kind}");
            for (labels, value) in values.get(name).into_iter().flatten() {
                let labels = labels
                    .iter()
                    .map(|(key, value)| format!("{key}=\"{}\"", escape(value)))
                    .collect::<Vec<_>>()
                    .join(",");
                if labels.is_empty() {
                    let _ = writeln!(text, "{name} {value}");
                } else {
                    let _ = writeln!(text, "{name}{{{labels}}} {value}");
                }
            }
        }
        text
    }
}

/// A label value as the text format quotes it.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_add_gauges_set_and_both_render_with_their_labels() {
        let metrics = Metrics::new();
        let link = [("src", "a"), ("dst", "b")];
        metrics.add("btp_messages_relayed_total", &link, 2.0);
        metrics.add("btp_messages_relayed_total", &link, 3.0);
        metrics.set("btp_backlog_messages", &link, 7.0);
        metrics.set("btp_backlog_messages", &link, 1.0);
        metrics.add("btp_errors_total", &[("kind", "say \"node\"")], 1.0);
        assert_eq!(metrics.get("btp_messages_relayed_total", &link), Some(5.0));
        let text = metrics.render();
        assert!(
            text.contains("# TYPE btp_messages_relayed_total counter\n"),
            "{text}"
        );
        assert!(
            text.contains("btp_messages_relayed_total{src=\"a\",dst=\"b\"} 5\n"),
            "{text}"
        );
        assert!(
            text.contains("btp_backlog_messages{src=\"a\",dst=\"b\"} 1\n"),
            "{text}"
        );
        assert!(
            text.contains("btp_errors_total{kind=\"say \\\"node\\\"\"} 1\n"),
            "{text}"
        );
    }

    #[test]
    #[should_panic(expected = "not in METRICS")]
    fn an_undeclared_metric_is_a_bug() {
        Metrics::new().add("btp_nothing", &[], 1.0);
    }
}
