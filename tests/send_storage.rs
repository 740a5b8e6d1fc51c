//! What a transfer's send writes to storage, priced as wasmd prices it: a
//! write costs 2,000 gas plus 30 per byte of its key (with the contract's
//! 33-byte store prefix) and value. Writes are most of a send's gas at batch
//! 50 (BENCHMARKS.md, "Where a send's gas goes"), so a change that writes
//! more per send fails here and must say why in the figures below.

use btp_types::msg::message_center::{PendingRequestResponse, QueryMsg as CenterQuery};
use btp_types::msg::token_handler::{PendingTransfer, QueryMsg as HandlerQuery};
use contract_kit::stored::Stored;
use cosmwasm_std::{to_json_vec, Addr, Order};
use message_center::state::{History, PendingRequest};
use std::collections::BTreeMap;
use testing::suite::{Side, Suite, SuiteBuilder, COIN_A_DENOM};

/// wasmd's (Cosmos SDK's) price of one write.
fn write_gas(key: &[u8], value: &[u8]) -> usize {
    const CONTRACT_STORE_PREFIX: usize = 33;
    2_000 + 30 * (CONTRACT_STORE_PREFIX + key.len() + value.len())
}

fn storage(suite: &Suite, contract: &Addr) -> BTreeMap<Vec<u8>, Vec<u8>> {
    suite
        .app
        .contract_storage(contract)
        .range(None, None, Order::Ascending)
        .collect()
}

#[test]
fn a_native_transfer_writes_nine_entries_for_about_52_000_gas() {
    let mut suite = SuiteBuilder::new().build();
    let user = suite.user.to_string();
    // The first transfer creates what every later one only updates.
    suite.send_native_to_b(1000, &user, None).unwrap();
    let contracts = [
        suite.a.handler.clone(),
        suite.a.message_center.clone(),
        suite.a.vault.clone(),
    ];
    let before: Vec<_> = contracts.iter().map(|c| storage(&suite, c)).collect();
    suite.send_native_to_b(1000, &user, None).unwrap();

    let mut writes = vec![];
    for (contract, before) in contracts.iter().zip(before) {
        for (key, value) in storage(&suite, contract) {
            if before.get(&key) != Some(&value) {
                writes.push((
                    String::from_utf8_lossy(&key).into_owned(),
                    write_gas(&key, &value),
                ));
            }
        }
    }
    let total: usize = writes.iter().map(|(_, gas)| gas).sum();
    // Handler: fees, outstanding, last_sn, the pending transfer (185 bytes,
    // compact: 319 as JSON) and its index by sender; message center: nsn, the
    // history (70 bytes, compact: 137 as JSON), the commitment (the
    // documented key) and the pending request (163 bytes, compact: 260 as
    // JSON). The vault writes nothing: native coins are locked by a bank send.
    assert_eq!(writes.len(), 9, "{writes:#?}");
    assert!(total <= 52_200, "{total} gas of writes: {writes:#?}");
}

/// Rewrites every compact record of `namespace` in `contract`'s storage as
/// the JSON that versions before the compact form wrote; returns how many.
fn rewrite_as_json<T: Stored>(suite: &mut Suite, contract: &Addr, namespace: &str) -> usize {
    let prefix = [
        &(namespace.len() as u16).to_be_bytes()[..],
        namespace.as_bytes(),
    ]
    .concat();
    let records: Vec<_> = storage(suite, contract)
        .into_iter()
        .filter(|(key, _)| key.starts_with(&prefix))
        .collect();
    let mut store = suite.app.contract_storage_mut(contract);
    for (key, value) in &records {
        assert_ne!(value.first(), Some(&b'{'), "already JSON: {key:?}");
        let record = T::from_stored(value).unwrap();
        store.set(key, &to_json_vec(&record).unwrap());
    }
    records.len()
}

#[test]
fn a_transfer_whose_records_were_written_as_json_before_an_upgrade_completes() {
    let mut suite = SuiteBuilder::new().build();
    let user = suite.user.clone();
    let handler = suite.a.handler.clone();
    let center = suite.a.message_center.clone();
    let before = suite.native_balance(&user, COIN_A_DENOM);
    suite.send_native_to_b(1000, user.as_str(), None).unwrap();
    // What the version before compact records left in storage.
    assert_eq!(
        rewrite_as_json::<PendingTransfer>(&mut suite, &handler, "pending"),
        1
    );
    assert_eq!(
        rewrite_as_json::<PendingRequest>(&mut suite, &center, "pending_requests"),
        1
    );
    assert_eq!(
        rewrite_as_json::<History>(&mut suite, &center, "histories"),
        1
    );

    // Queries read the JSON records as they did.
    let pending: PendingTransfer = suite.query(&handler, &HandlerQuery::PendingTransfer { sn: 1 });
    assert_eq!(
        pending.assets[0].net.u128() + pending.assets[0].fee.u128(),
        1000
    );
    suite.relay(Side::A).unwrap();
    suite.relay(Side::B).unwrap();

    // The reply found both pending records: the transfer is settled, and
    // the history went on from its JSON form (one sent, one received).
    let settled: Vec<PendingTransfer> = suite.query(
        &handler,
        &HandlerQuery::PendingTransfers {
            sender: user.to_string(),
        },
    );
    assert_eq!(settled, vec![]);
    let center_pending: Vec<PendingRequestResponse> = suite.query(
        &center,
        &CenterQuery::PendingRequests {
            network: None,
            start_after: None,
            limit: None,
        },
    );
    assert_eq!(center_pending, vec![]);
    let link = suite.link(Side::A);
    assert_eq!((link.tx_seq, link.rx_seq), (1, 1));
    assert_eq!(suite.native_balance(&user, COIN_A_DENOM), before - 1000);
}
