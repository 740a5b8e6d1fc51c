//! What a transfer's send writes to storage, priced as wasmd prices it: a
//! write costs 2,000 gas plus 30 per byte of its key (with the contract's
//! 33-byte store prefix) and value. Writes are most of a send's gas at batch
//! 50 (BENCHMARKS.md, "Where a send's gas goes"), so a change that writes
//! more per send fails here and must say why in the figures below.

use btp_types::msg::token_handler::ExecuteMsg as HandlerMsg;
use btp_types::BtpAddress;
use cosmwasm_std::{coin, Addr, Order};
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
fn a_native_transfer_writes_nine_entries_for_about_61_000_gas() {
    let mut suite = SuiteBuilder::new().build();
    let user = suite.user.clone();
    let handler = suite.a.handler.clone();
    let to = BtpAddress::parse(&format!("btp://{}/{user}", suite.chain(Side::B).network)).unwrap();
    let transfer = HandlerMsg::Transfer {
        to,
        timeout_secs: None,
    };
    let funds = [coin(1000, COIN_A_DENOM)];
    // The first transfer creates what every later one only updates.
    suite
        .execute(Side::A, &user, &handler, &transfer, &funds)
        .unwrap();
    let contracts = [
        suite.a.handler.clone(),
        suite.a.message_center.clone(),
        suite.a.vault.clone(),
    ];
    let before: Vec<_> = contracts.iter().map(|c| storage(&suite, c)).collect();
    suite
        .execute(Side::A, &user, &handler, &transfer, &funds)
        .unwrap();

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
    // Handler: fees, outstanding, last_sn, the pending transfer (about 320
    // bytes) and its index by sender; message center: nsn, the history
    // (137 bytes), the commitment (the documented key) and the pending
    // request (about 260 bytes). The vault writes nothing: native coins are
    // locked by a bank send.
    assert_eq!(writes.len(), 9, "{writes:#?}");
    assert!(total <= 61_200, "{total} gas of writes: {writes:#?}");
}
