//! The owner's blacklist and fee withdrawal, and refund claims.

use btp_types::msg::token_handler::CoinOrigin;
use btp_types::msg::token_vault::{ExecuteMsg as VaultMsg, PooledAsset};
use contract_kit::cw20::cw20_transfer;
use cosmwasm_std::{coins, BankMsg, CosmosMsg, DepsMut, MessageInfo, Response};

use crate::coins::{load_coin, vault_call};
use crate::error::ContractError;
use crate::state::{BLACKLIST, CONFIG, FEES, REFUNDS};

pub fn set_blacklisted(
    deps: DepsMut,
    info: &MessageInfo,
    address: &str,
    blacklisted: bool,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let account = deps.api.addr_validate(address)?;
    if blacklisted {
        BLACKLIST.save(deps.storage, &account, &())?;
    } else {
        BLACKLIST.remove(deps.storage, &account);
    }
    Ok(Response::new()
        .add_attribute("action", "set_blacklisted")
        .add_attribute("address", account)
        .add_attribute("blacklisted", blacklisted.to_string()))
}

pub fn withdraw_fees(
    deps: DepsMut,
    info: &MessageInfo,
    coin_name: String,
    recipient: &str,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let recipient = deps.api.addr_validate(recipient)?;
    let coin = load_coin(deps.storage, &coin_name)?;
    let amount = FEES.may_load(deps.storage, &coin_name)?.unwrap_or_default();
    if amount.is_zero() {
        return Err(ContractError::NoFees { coin_name });
    }
    FEES.remove(deps.storage, &coin_name);
    // Fees stay in the handler's own balance, in the coin itself.
    let payment: CosmosMsg = match (&coin.origin, &coin.token) {
        (CoinOrigin::NativeHome { denom }, _)
        | (
            CoinOrigin::Pooled {
                asset: PooledAsset::Native { denom },
                ..
            },
            _,
        ) => BankMsg::Send {
            to_address: recipient.to_string(),
            amount: coins(amount.u128(), denom),
        }
        .into(),
        (_, Some(token)) => cw20_transfer(token, &recipient, amount)?,
        (_, None) => return Err(ContractError::NoFees { coin_name }),
    };
    Ok(Response::new()
        .add_attribute("action", "withdraw_fees")
        .add_attribute("coin_name", coin_name)
        .add_attribute("amount", amount)
        .add_attribute("recipient", recipient)
        .add_message(payment))
}

pub fn claim_refund(
    deps: DepsMut,
    info: &MessageInfo,
    coin_name: String,
) -> Result<Response, ContractError> {
    let key = (&info.sender, coin_name.as_str());
    let amount = REFUNDS.may_load(deps.storage, key)?.unwrap_or_default();
    if amount.is_zero() {
        return Err(ContractError::NoRefund { coin_name });
    }
    REFUNDS.remove(deps.storage, key);
    let coin = load_coin(deps.storage, &coin_name)?;
    let vault = CONFIG.load(deps.storage)?.vault;
    Ok(Response::new()
        .add_attribute("action", "claim_refund")
        .add_attribute("coin_name", coin_name)
        .add_attribute("amount", amount)
        .add_message(vault_call(
            &vault,
            &VaultMsg::Release {
                recipient: info.sender.to_string(),
                asset: coin.asset,
                amount,
            },
        )?))
}
