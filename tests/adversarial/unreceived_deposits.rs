//! Deposits credited for value never received: no funds, a denom nobody
//! registered, a cw20 hook called by a contract that is not the token, a
//! token that takes a fee on transfer.

use btp_types::msg::token_handler::{
    CoinOrigin, ExecuteMsg as HandlerMsg, FeePolicy, Limits, ReceiveMsg,
};
use btp_types::BtpAddress;
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    coin, to_json_binary, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdError,
    StdResult, Uint128, WasmMsg,
};
use cw20::{BalanceResponse, Cw20ExecuteMsg, Cw20QueryMsg, Cw20ReceiveMsg, TokenInfoResponse};
use cw_multi_test::{Contract, ContractWrapper, Executor};
use cw_storage_plus::Map;
use testing::suite::{Side, Suite, SuiteBuilder};

fn to_b(suite: &Suite) -> BtpAddress {
    BtpAddress::parse(&format!("btp://{}/{}", suite.b.network, suite.user)).unwrap()
}

/// Check: a transfer credits the coins attached, one deposit per denom; none
/// attached is nothing to transfer, and no message is committed.
#[test]
fn zero_funds_create_nothing() {
    let mut suite = SuiteBuilder::new().build();
    let (user, handler) = (suite.user.clone(), suite.a.handler.clone());
    let msg = HandlerMsg::Transfer {
        to: to_b(&suite),
        timeout_secs: None,
    };
    let err = suite
        .execute(Side::A, &user, &handler, &msg, &[])
        .unwrap_err();
    assert!(
        format!("{err:#}").contains("nothing to transfer"),
        "{err:#}"
    );
    assert_eq!(suite.pending(Side::A), 0);
}

/// Check: only registered denoms are credited; coins of another denom are
/// refused, not counted as some registered coin.
#[test]
fn a_wrong_denom_creates_nothing() {
    let mut suite = SuiteBuilder::new().build();
    let (user, handler) = (suite.user.clone(), suite.a.handler.clone());
    let msg = HandlerMsg::Transfer {
        to: to_b(&suite),
        timeout_secs: None,
    };
    let err = suite
        .execute(Side::A, &user, &handler, &msg, &[coin(1000, "ufeeb")])
        .unwrap_err();
    assert!(
        format!("{err:#}").contains("denom ufeeb is not a registered coin"),
        "{err:#}"
    );
    assert_eq!(suite.pending(Side::A), 0);
}

#[cw_serde]
struct ForgerMsg {
    target: String,
    hook: Cw20ReceiveMsg,
}

/// Calls `target`'s cw20 hook with whatever it is told, as a fake token would.
fn forger() -> Box<dyn Contract<Empty>> {
    let execute = |_: DepsMut, _: Env, _: MessageInfo, msg: ForgerMsg| -> StdResult<Response> {
        Ok(Response::new().add_message(WasmMsg::Execute {
            contract_addr: msg.target,
            msg: to_json_binary(&HandlerMsg::Receive(msg.hook))?,
            funds: vec![],
        }))
    };
    let instantiate = |_: DepsMut, _: Env, _: MessageInfo, _: Empty| -> StdResult<Response> {
        Ok(Response::new())
    };
    let query = |_: Deps, _: Env, _: Empty| -> StdResult<Binary> {
        Err(StdError::generic_err("no queries"))
    };
    Box::new(ContractWrapper::new(execute, instantiate, query))
}

/// Check: the hook credits only the token contract that calls it (`info.sender`
/// must be a registered token). A contract claiming a million tokens it never
/// moved: refused at the handler, and the vault would refuse it too.
#[test]
fn a_cw20_receive_from_a_contract_that_is_not_the_token_creates_nothing() {
    let mut suite = SuiteBuilder::new().build();
    let code = suite.app.store_code(forger());
    let owner = suite.owner.clone();
    let forger = suite
        .app
        .instantiate_contract(code, owner, &Empty {}, &[], "forger", None)
        .unwrap();
    let hook = Cw20ReceiveMsg {
        sender: suite.user.to_string(),
        amount: Uint128::new(1_000_000),
        msg: to_json_binary(&ReceiveMsg::Transfer {
            to: to_b(&suite),
            timeout_secs: None,
        })
        .unwrap(),
    };
    for target in [suite.a.handler.clone(), suite.a.vault.clone()] {
        let user = suite.user.clone();
        let msg = ForgerMsg {
            target: target.to_string(),
            hook: hook.clone(),
        };
        let err = suite
            .execute(Side::A, &user, &forger, &msg, &[])
            .unwrap_err();
        let text = format!("{err:#}");
        assert!(
            text.contains("is not a registered coin") || text.contains("handler"),
            "{text}"
        );
    }
    assert_eq!(suite.pending(Side::A), 0);
}

const BALANCES: Map<&str, Uint128> = Map::new("balances");

#[cw_serde]
struct TaxedInit {
    holder: String,
    amount: Uint128,
}

/// A cw20 that keeps 1% of every move for itself but reports the full amount
/// to the receiving contract's hook.
fn taxed_token() -> Box<dyn Contract<Empty>> {
    fn debit(deps: &mut DepsMut, account: &str, amount: Uint128) -> StdResult<()> {
        let balance = BALANCES
            .may_load(deps.storage, account)?
            .unwrap_or_default();
        BALANCES.save(deps.storage, account, &balance.checked_sub(amount)?)
    }
    fn credit(deps: &mut DepsMut, account: &str, amount: Uint128) -> StdResult<()> {
        let balance = BALANCES
            .may_load(deps.storage, account)?
            .unwrap_or_default();
        BALANCES.save(deps.storage, account, &(balance + amount))
    }
    let execute = |mut deps: DepsMut,
                   _: Env,
                   info: MessageInfo,
                   msg: Cw20ExecuteMsg|
     -> StdResult<Response> {
        let (recipient, amount, hook) = match msg {
            Cw20ExecuteMsg::Send {
                contract,
                amount,
                msg,
            } => (contract, amount, Some(msg)),
            Cw20ExecuteMsg::Transfer { recipient, amount } => (recipient, amount, None),
            _ => return Err(StdError::generic_err("unsupported")),
        };
        debit(&mut deps, info.sender.as_str(), amount)?;
        credit(
            &mut deps,
            &recipient,
            amount.multiply_ratio(99u128, 100u128),
        )?;
        let mut response = Response::new();
        if let Some(msg) = hook {
            // The hook reports the full amount, though 1% stayed behind.
            let report = Cw20ReceiveMsg {
                sender: info.sender.to_string(),
                amount,
                msg,
            };
            response = response.add_message(report.into_cosmos_msg(recipient)?);
        }
        Ok(response)
    };
    let instantiate =
        |deps: DepsMut, _: Env, _: MessageInfo, msg: TaxedInit| -> StdResult<Response> {
            BALANCES.save(deps.storage, &msg.holder, &msg.amount)?;
            Ok(Response::new())
        };
    let query = |deps: Deps, _: Env, msg: Cw20QueryMsg| -> StdResult<Binary> {
        match msg {
            Cw20QueryMsg::Balance { address } => to_json_binary(&BalanceResponse {
                balance: BALANCES
                    .may_load(deps.storage, &address)?
                    .unwrap_or_default(),
            }),
            Cw20QueryMsg::TokenInfo {} => to_json_binary(&TokenInfoResponse {
                name: "Taxed".into(),
                symbol: "TAX".into(),
                decimals: 6,
                total_supply: Uint128::new(1_000_000),
            }),
            _ => Err(StdError::generic_err("unsupported")),
        }
    };
    Box::new(ContractWrapper::new(execute, instantiate, query))
}

/// Check: the vault's holdings of a cw20 must cover everything it has locked
/// of it; a token that delivers less than it reports (a fee on transfer) is
/// refused, so the other chain never mints against coins the vault lacks.
#[test]
fn a_token_that_takes_a_fee_on_transfer_creates_nothing() {
    let mut suite = SuiteBuilder::new().build();
    let (owner, user) = (suite.owner.clone(), suite.user.clone());
    let code = suite.app.store_code(taxed_token());
    let taxed = suite
        .app
        .instantiate_contract(
            code,
            owner.clone(),
            &TaxedInit {
                holder: user.to_string(),
                amount: Uint128::new(1_000_000),
            },
            &[],
            "taxed",
            None,
        )
        .unwrap();
    let register = HandlerMsg::RegisterCoin {
        coin_name: "a/taxed".into(),
        origin: CoinOrigin::Cw20Home {
            address: taxed.to_string(),
        },
        // A fee above the token's tax, so the handler can pay the vault what
        // it computes: the shortfall shows where the vault checks it.
        fee: FeePolicy {
            ratio: cosmwasm_std::Decimal::percent(2),
            fixed: Uint128::zero(),
        },
        limits: Limits::default(),
    };
    let handler = suite.a.handler.clone();
    suite
        .execute(Side::A, &owner, &handler, &register, &[])
        .unwrap();

    let send = Cw20ExecuteMsg::Send {
        contract: handler.to_string(),
        amount: Uint128::new(100_000),
        msg: to_json_binary(&ReceiveMsg::Transfer {
            to: to_b(&suite),
            timeout_secs: None,
        })
        .unwrap(),
    };
    let err = suite
        .execute(Side::A, &user, &taxed, &send, &[])
        .unwrap_err();
    assert!(
        format!("{err:#}").contains("tokens that take a fee on transfer are not supported"),
        "{err:#}"
    );
    assert_eq!(
        suite.pending(Side::A),
        0,
        "no transfer request was committed"
    );
}
