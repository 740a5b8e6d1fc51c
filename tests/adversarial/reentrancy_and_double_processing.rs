//! Re-entrancy and double processing: a handler that calls back into the
//! message center or the vault while its message is delivered, the same
//! message twice in one transaction. (A reply delivered twice, and a refund
//! paid twice, are in `tests/token_transfer.rs`.)

use btp_types::error_code::SERVICE_HANDLER_FAILED;
use btp_types::msg::message_center::{
    ExecuteMsg as CenterMsg, LinkResponse, QueryMsg as CenterQuery,
};
use btp_types::msg::service_handler::ServiceHandlerMsg;
use btp_types::msg::token_vault::{
    CoinTotals, ExecuteMsg as VaultMsg, QueryMsg as VaultQuery, VaultAsset,
};
use btp_types::{BtpMessage, ErrorMessage};
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    to_json_binary, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdResult, Uint128,
    WasmMsg,
};
use cw_multi_test::{Contract, ContractWrapper, Executor};
use cw_storage_plus::Item;
use testing::mock_handler;
use testing::relay::{deliver, honest, update};
use testing::suite::{Side, Suite, SuiteBuilder, COIN_A};

use crate::common::{rejected_then_honest, two_pending};

const EVIL: &str = "evil";

#[cw_serde]
enum EvilControl {
    /// What to execute, and where, when a message arrives.
    Arm { contract: String, msg: Binary },
}

#[cw_serde]
#[serde(untagged)]
enum EvilMsg {
    Control(EvilControl),
    FromMessageCenter(ServiceHandlerMsg),
}

const ARMED: Item<(String, Binary)> = Item::new("armed");
const DELIVERIES: Item<u32> = Item::new("deliveries");

/// A service handler that, on delivery, calls whatever it was armed with.
fn evil_handler() -> Box<dyn Contract<Empty>> {
    let execute = |deps: DepsMut, _: Env, _: MessageInfo, msg: EvilMsg| -> StdResult<Response> {
        match msg {
            EvilMsg::Control(EvilControl::Arm { contract, msg }) => {
                ARMED.save(deps.storage, &(contract, msg))?;
                Ok(Response::new())
            }
            EvilMsg::FromMessageCenter(_) => {
                let count = DELIVERIES.may_load(deps.storage)?.unwrap_or(0) + 1;
                DELIVERIES.save(deps.storage, &count)?;
                let (contract_addr, msg) = ARMED.load(deps.storage)?;
                Ok(Response::new().add_message(WasmMsg::Execute {
                    contract_addr,
                    msg,
                    funds: vec![],
                }))
            }
        }
    };
    let instantiate = |_: DepsMut, _: Env, _: MessageInfo, _: Empty| -> StdResult<Response> {
        Ok(Response::new())
    };
    let query = |deps: Deps, _: Env, _: Empty| -> StdResult<Binary> {
        to_json_binary(&DELIVERIES.may_load(deps.storage)?.unwrap_or(0))
    };
    Box::new(ContractWrapper::new(execute, instantiate, query))
}

/// A's mock handler sends a request for `evil` to B's evil handler.
fn armed_suite() -> (Suite, cosmwasm_std::Addr) {
    let mut suite = SuiteBuilder::new().build();
    let owner = suite.owner.clone();
    let sender_code = suite.app.store_code(mock_handler::contract());
    let sender = suite
        .app
        .instantiate_contract(
            sender_code,
            owner.clone(),
            &mock_handler::InstantiateMsg {
                message_center: suite.a.message_center.to_string(),
            },
            &[],
            "sender",
            None,
        )
        .unwrap();
    let evil_code = suite.app.store_code(evil_handler());
    let evil = suite
        .app
        .instantiate_contract(evil_code, owner.clone(), &Empty {}, &[], "evil", None)
        .unwrap();
    for (center, handler) in [
        (suite.a.message_center.clone(), sender.clone()),
        (suite.b.message_center.clone(), evil.clone()),
    ] {
        let add = CenterMsg::AddService {
            svc: EVIL.into(),
            handler: handler.to_string(),
            batches: None,
        };
        suite
            .app
            .execute_contract(owner.clone(), center, &add, &[])
            .unwrap();
    }
    let send = mock_handler::ControlMsg::Send {
        to: suite.b.network.clone(),
        svc: EVIL.into(),
        sn: 1,
        payload: Binary::new(b"hello".to_vec()),
        timeout: None,
    };
    let user = suite.user.clone();
    suite.execute(Side::A, &user, &sender, &send, &[]).unwrap();
    (suite, evil)
}

fn only_reply_code(suite: &mut Suite) -> u32 {
    let replies = suite.take_outbox(Side::B);
    assert_eq!(replies.len(), 1, "exactly one reply");
    let message = BtpMessage::decode(&replies[0].message).unwrap();
    ErrorMessage::decode(&message.payload).unwrap().code
}

fn deliveries(suite: &Suite, evil: &cosmwasm_std::Addr) -> u32 {
    suite.app.wrap().query_wasm_smart(evil, &Empty {}).unwrap()
}

/// Check: the message center advances `rx_seq` before it dispatches, so a
/// handler that re-enters `handle_relay_message` with its own message finds
/// it already delivered; the handler's call fails, the request is answered
/// with an error, and the message counts once.
#[test]
fn a_handler_reentering_the_message_center_gets_its_message_once() {
    let (mut suite, evil) = armed_suite();
    let outbox = suite.take_outbox(Side::A);
    let replay = CenterMsg::HandleRelayMessage {
        src: suite.a.network.clone(),
        proof_height: suite.app.block_info().height,
        messages: outbox.clone(),
        proof: Binary::new(testing::mock_verifier::MOCK_PROOF.to_vec()),
        prior_head: None,
    };
    let arm = EvilMsg::Control(EvilControl::Arm {
        contract: suite.b.message_center.to_string(),
        msg: to_json_binary(&replay).unwrap(),
    });
    let owner = suite.owner.clone();
    suite.execute(Side::B, &owner, &evil, &arm, &[]).unwrap();

    suite.relay_messages(Side::A, outbox).unwrap();
    let link: LinkResponse = suite
        .app
        .wrap()
        .query_wasm_smart(
            &suite.b.message_center,
            &CenterQuery::Link {
                network: suite.a.network.clone(),
            },
        )
        .unwrap();
    assert_eq!(link.rx_seq, 1);
    assert_eq!(
        deliveries(&suite, &evil),
        0,
        "the failed delivery left nothing behind"
    );
    assert_eq!(only_reply_code(&mut suite), SERVICE_HANDLER_FAILED);
}

/// Check: only the token handler moves the vault's value. A service handler
/// that calls the vault's `mint` during its delivery fails; nothing is minted.
#[test]
fn a_handler_calling_the_vault_during_delivery_mints_nothing() {
    let (mut suite, evil) = armed_suite();
    let mint = VaultMsg::Mint {
        coin_name: COIN_A.into(),
        recipient: suite.user.to_string(),
        amount: Uint128::new(1_000_000),
    };
    let arm = EvilMsg::Control(EvilControl::Arm {
        contract: suite.b.vault.to_string(),
        msg: to_json_binary(&mint).unwrap(),
    });
    let owner = suite.owner.clone();
    suite.execute(Side::B, &owner, &evil, &arm, &[]).unwrap();
    suite.relay(Side::A).unwrap();
    let totals: CoinTotals = suite
        .app
        .wrap()
        .query_wasm_smart(
            &suite.b.vault,
            &VaultQuery::Totals {
                asset: VaultAsset::Wrapped {
                    coin_name: COIN_A.into(),
                },
            },
        )
        .unwrap();
    assert_eq!(totals.minted, Uint128::zero());
    assert_eq!(only_reply_code(&mut suite), SERVICE_HANDLER_FAILED);
}

/// Check: sequences must continue `rx_seq`; the same batch twice in one
/// transaction fails as a whole, and the honest relay then delivers it once.
#[test]
fn the_same_message_in_two_relays_of_one_transaction_is_refused() {
    let chains = two_pending();
    let honest = honest(&chains);
    let transaction = vec![
        update(&chains, honest.header),
        deliver(
            &chains,
            honest.target,
            honest.messages.clone(),
            honest.proof.clone(),
        ),
        deliver(
            &chains,
            honest.target,
            honest.messages,
            honest.proof.clone(),
        ),
    ];
    rejected_then_honest(chains, transaction, "was already delivered");
}
