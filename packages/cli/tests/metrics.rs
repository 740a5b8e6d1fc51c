//! `btp relay --metrics`: the endpoint, scraped over HTTP, shows the
//! counters and gauges moving with a relay between two simulated chains.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

use btp_types::msg::token_handler::ExecuteMsg as HandlerMsg;
use btp_types::BtpAddress;
use cosmwasm_std::{coin, to_json_binary, WasmMsg};
use relayer::metrics::Metrics;
use relayer::service::{self, RelayLink, RelaySettings, RoundSettings};
use relayer::Endpoint;
use testing::deploy::COIN_A_DENOM;
use testing::harness::{SimChain, TwoChains};

fn endpoint(chain: &SimChain) -> Endpoint {
    Endpoint {
        message_center: chain.contracts.message_center.to_string(),
        verifier: chain.contracts.verifier.to_string(),
    }
}

/// The value of the sample `line` (name and labels) in a scrape, if present.
fn sample(scrape: &str, line: &str) -> Option<f64> {
    scrape
        .lines()
        .find_map(|l| l.strip_prefix(line)?.strip_prefix(' ')?.parse().ok())
}

#[test]
fn the_metrics_endpoint_shows_a_relay_as_it_happens() {
    let TwoChains { a, b, .. } = testing::suite::SuiteBuilder::new().two_chains().unwrap();
    let mut chains = vec![a, b];
    // Three transfers from A to B, in one transaction.
    let to =
        BtpAddress::parse(&format!("btp://{}/{}", chains[1].network(), chains[1].user)).unwrap();
    let transfers = (0..3)
        .map(|_| {
            WasmMsg::Execute {
                contract_addr: chains[0].contracts.handler.to_string(),
                msg: to_json_binary(&HandlerMsg::Transfer {
                    to: to.clone(),
                    timeout_secs: None,
                })
                .unwrap(),
                funds: vec![coin(1_000, COIN_A_DENOM)],
            }
            .into()
        })
        .collect();
    let user = chains[0].user.clone();
    chains[0].execute_multi(&user, transfers).unwrap();

    let metrics = Arc::new(Metrics::new());
    let address =
        btp_cli::http::serve_metrics("127.0.0.1:0".parse().unwrap(), metrics.clone()).unwrap();
    let (status, before) = btp_cli::http::get(address, "/metrics").unwrap();
    assert_eq!(status, 200);
    assert!(
        before.contains("# TYPE btp_messages_relayed_total counter"),
        "{before}"
    );
    assert_eq!(
        sample(&before, "btp_messages_relayed_total{src=\"a\",dst=\"b\"}"),
        None
    );

    let names = vec!["a".to_string(), "b".to_string()];
    let links = vec![RelayLink {
        a: 0,
        b: 1,
        a_endpoint: endpoint(&chains[0]),
        b_endpoint: endpoint(&chains[1]),
    }];
    let settings = RelaySettings {
        round: RoundSettings {
            max_batch: 50,
            split: false,
        },
        once: true,
        poll: Duration::from_millis(1),
        gauges_every: Duration::ZERO,
    };
    let mut lines = vec![];
    let totals = service::run(
        &mut chains,
        &names,
        &links,
        &settings,
        &AtomicBool::new(false),
        &metrics,
        &mut |line| lines.push(line.to_string()),
    )
    .unwrap();
    // The requests went to B, their replies came back to A.
    assert_eq!(totals.delivered, 6, "{lines:#?}");
    assert!(lines
        .last()
        .unwrap()
        .starts_with("relayer stopped: 6 message(s) delivered"));

    let (_, after) = btp_cli::http::get(address, "/metrics").unwrap();
    let value =
        |line: &str| sample(&after, line).unwrap_or_else(|| panic!("no {line} in\n{after}"));
    assert_eq!(
        value("btp_messages_relayed_total{src=\"a\",dst=\"b\"}"),
        3.0
    );
    assert_eq!(
        value("btp_messages_relayed_total{src=\"b\",dst=\"a\"}"),
        3.0
    );
    // The replies are counted apart.
    assert_eq!(value("btp_replies_relayed_total{src=\"a\",dst=\"b\"}"), 0.0);
    assert_eq!(value("btp_replies_relayed_total{src=\"b\",dst=\"a\"}"), 3.0);
    assert!(value("btp_batches_relayed_total{src=\"a\",dst=\"b\"}") >= 1.0);
    assert!(value("btp_transactions_total{chain=\"b\"}") >= 1.0);
    assert_eq!(value("btp_backlog_messages{src=\"a\",dst=\"b\"}"), 0.0);
    assert_eq!(value("btp_backlog_messages{src=\"b\",dst=\"a\"}"), 0.0);
    assert!(value("btp_light_client_height{chain=\"b\",counterpart=\"a\"}") > 1.0);
    assert_eq!(
        value("btp_light_client_frozen{chain=\"b\",counterpart=\"a\"}"),
        0.0
    );
    assert!(value("btp_light_client_expiry_seconds{chain=\"b\",counterpart=\"a\"}") > 0.0);
    assert!(value("btp_relay_rounds_total") >= 1.0);
    assert_eq!(
        sample(&after, "btp_errors_total{kind=\"protocol\"}"),
        None,
        "{after}"
    );

    let (status, _) = btp_cli::http::get(address, "/nothing").unwrap();
    assert_eq!(status, 404);
}
