//! The contract as a chain runs it (cw-multi-test, JSON messages): the
//! message center's `verify_relay_message` JSON is answered with the proven
//! messages as the execution's data.

use btp_types::msg::verifier::{VerifiedMessages, VerifierExecuteMsg};
use btp_types::msg::verifier_btpblock::{BtpBlockQuery, QueryMsg, StatusResponse};
use cosmwasm_std::{from_json, Binary, Empty};
use cw_multi_test::{App, Contract, ContractWrapper, Executor};

use super::goloop::{only_message, single_message_blocks};
use super::{relay_message, Verifier};
use crate::contract::{execute, instantiate, migrate, query};

fn verifier() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

#[test]
fn the_message_centers_call_returns_the_messages_as_data() {
    let blocks = single_message_blocks();
    let mut app = App::default();
    let code = app.store_code(verifier());
    let owner = app.api().addr_make("owner");
    let center = app.api().addr_make("message-center");
    let msg = Verifier::msg(&center, "0x3.icon", 1, &blocks[0].0);
    let address = app
        .instantiate_contract(code, owner, &msg, &[], "verifier-btpblock", None)
        .unwrap();
    let source = Verifier::bare("0x3.icon").source;
    let call = |relay: Vec<u8>| VerifierExecuteMsg::VerifyRelayMessage {
        source: source.clone(),
        relay_message: Binary::from(relay),
    };
    let first = call(relay_message(&[(2, only_message(&blocks[0].2))]));
    // Anyone else is refused, and nothing changes.
    let stranger = app.api().addr_make("stranger");
    app.execute_contract(stranger, address.clone(), &first, &[])
        .unwrap_err();
    let response = app
        .execute_contract(center.clone(), address.clone(), &first, &[])
        .unwrap();
    let verified: VerifiedMessages = from_json(response.data.unwrap()).unwrap();
    assert_eq!(verified.messages, vec![Binary::from(blocks[0].2.clone())]);
    let next = call(relay_message(&[
        (1, blocks[1].1.clone()),
        (2, only_message(&blocks[1].2)),
    ]));
    let response = app
        .execute_contract(center.clone(), address.clone(), &next, &[])
        .unwrap();
    let verified: VerifiedMessages = from_json(response.data.unwrap()).unwrap();
    assert_eq!(verified.messages, vec![Binary::from(blocks[1].2.clone())]);
    // The same call again is refused (already verified).
    app.execute_contract(center, address.clone(), &next, &[])
        .unwrap_err();
    let status: StatusResponse = app
        .wrap()
        .query_wasm_smart(&address, &QueryMsg::BtpBlock(BtpBlockQuery::Status {}))
        .unwrap();
    assert_eq!(status.remaining_messages, 0);
    assert_eq!(verified.height, status.height);
}
