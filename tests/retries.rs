//! Nothing is dropped at the source: a reply its handler cannot take now (the
//! vault is paused) is kept by the message center and taken, once, by a
//! retry after the vault resumes.

use btp_types::events::message_center::ReplyKept;
use btp_types::events::TypedEvent;
use btp_types::msg::message_center::{ExecuteMsg as CenterMsg, KeptReplyResponse, QueryMsg};
use btp_types::msg::token_handler::{ExecuteMsg as HandlerMsg, ReceiveMsg};
use btp_types::msg::token_vault::{ExecuteMsg as VaultMsg, VaultAsset};
use btp_types::BtpAddress;
use cosmwasm_std::{coin, to_json_binary, Uint128};
use cw20::Cw20ExecuteMsg;
use testing::suite::{Side, Suite, SuiteBuilder, COIN_A, COIN_A_DENOM};

fn to(suite: &Suite, side: Side) -> BtpAddress {
    BtpAddress::parse(&format!(
        "btp://{}/{}",
        suite.chain(side).network,
        suite.user
    ))
    .unwrap()
}

fn kept(suite: &Suite, side: Side) -> Vec<KeptReplyResponse> {
    suite
        .app
        .wrap()
        .query_wasm_smart(
            &suite.chain(side).message_center,
            &QueryMsg::KeptReplies {
                start_after: None,
                limit: None,
            },
        )
        .unwrap()
}

fn pause_vault(suite: &mut Suite, side: Side, paused: bool) {
    let (owner, vault) = (suite.owner.clone(), suite.chain(side).vault.clone());
    suite
        .execute(side, &owner, &vault, &VaultMsg::SetPaused { paused }, &[])
        .unwrap();
}

#[test]
fn a_success_reply_that_arrives_while_the_vault_is_paused_completes_after_a_retry_once() {
    let mut suite = SuiteBuilder::new().build();
    let user = suite.user.clone();
    let (handler_a, handler_b) = (suite.a.handler.clone(), suite.b.handler.clone());
    // 1000 of A's coin to B (980 arrive), then all of it back.
    let msg = HandlerMsg::Transfer {
        to: to(&suite, Side::B),
        timeout_secs: None,
    };
    suite
        .execute(
            Side::A,
            &user,
            &handler_a,
            &msg,
            &[coin(1000, COIN_A_DENOM)],
        )
        .unwrap();
    suite.relay(Side::A).unwrap();
    suite.relay(Side::B).unwrap();
    let wrapped = suite.token(Side::B, COIN_A);
    let back = Cw20ExecuteMsg::Send {
        contract: handler_b.to_string(),
        amount: Uint128::new(980),
        msg: to_json_binary(&ReceiveMsg::Transfer {
            to: to(&suite, Side::A),
            timeout_secs: None,
        })
        .unwrap(),
    };
    suite.execute(Side::B, &user, &wrapped, &back, &[]).unwrap();
    suite.relay(Side::B).unwrap();
    let supply_held = suite.cw20_supply(&wrapped);
    assert_eq!(supply_held, 980, "held on B until A's success reply");

    // A's success reply reaches B while B's vault is paused: the burn fails.
    pause_vault(&mut suite, Side::B, true);
    let response = suite.relay(Side::A).unwrap();
    assert!(ReplyKept::occurs_in(&response.events));
    let waiting = kept(&suite, Side::B);
    assert_eq!(waiting.len(), 1);
    assert_eq!(suite.cw20_supply(&wrapped), 980, "nothing burned yet");

    let retry = CenterMsg::RetryReply {
        nsn: waiting[0].nsn,
    };
    let center = suite.b.message_center.clone();
    let err = suite
        .execute(Side::B, &user, &center, &retry, &[])
        .unwrap_err();
    assert!(format!("{err:#}").contains("paused"), "{err:#}");
    assert_eq!(kept(&suite, Side::B).len(), 1, "a failed retry keeps it");

    pause_vault(&mut suite, Side::B, false);
    suite.execute(Side::B, &user, &center, &retry, &[]).unwrap();
    let fee_on_b = 10 + 9; // fixed 10 + 1% of 980, kept by B's handler
    assert_eq!(
        suite.cw20_supply(&wrapped),
        fee_on_b,
        "the return is burned"
    );
    assert_eq!(
        suite
            .totals(
                Side::B,
                VaultAsset::Wrapped {
                    coin_name: COIN_A.into()
                }
            )
            .supply
            .u128(),
        fee_on_b
    );
    let err = suite
        .execute(Side::B, &user, &center, &retry, &[])
        .unwrap_err();
    assert!(
        format!("{err:#}").contains("no reply or timeout of request"),
        "{err:#}"
    );
    assert!(kept(&suite, Side::B).is_empty());
}
