//! `settle`: the movements of a batch of transfers in one call (and the
//! only way to make the pool movements). The handler
//! completes every transfer of a delivered batch (and the outcomes of a
//! batch of replies) with one vault call instead of one per coin; each
//! movement is checked exactly as its single call checks it, and one that
//! fails undoes them all.

use btp_types::msg::token_vault::Movement;
use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};

use crate::auth::{ensure_movement, ensure_no_funds};
use crate::burn::apply_burn;
use crate::error::ContractError;
use crate::mint::apply_mint;
use crate::pool::{apply_pool_confirm, apply_pool_in, apply_pool_pay};
use crate::release::{apply_release, Outflows};

/// Gates once, then applies each movement in order; the response holds
/// every payment and each movement's attributes and events.
pub fn settle(
    mut deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    movements: Vec<Movement>,
) -> Result<Response, ContractError> {
    ensure_movement(deps.storage, info.sender.as_str(), "settle")?;
    ensure_no_funds(&info.funds, "settle")?;
    if movements.is_empty() {
        return Err(ContractError::NothingToSettle);
    }
    let mut settled = Response::new();
    let mut outflows = Outflows::default();
    for movement in movements {
        let applied = match movement {
            Movement::Release {
                recipient,
                asset,
                amount,
            } => apply_release(deps.branch(), env, &recipient, asset, amount, &mut outflows)?,
            Movement::Mint {
                coin_name,
                recipient,
                amount,
            } => apply_mint(deps.branch(), env, &coin_name, &recipient, amount)?,
            Movement::Burn { coin_name, amount } => apply_burn(deps.branch(), &coin_name, amount)?,
            Movement::PoolIn {
                coin_name,
                amount,
                lp_fee,
            } => apply_pool_in(deps.branch(), env, &coin_name, amount, lp_fee, &outflows)?,
            Movement::PoolPay {
                coin_name,
                recipient,
                amount,
            } => apply_pool_pay(
                deps.branch(),
                env,
                &coin_name,
                &recipient,
                amount,
                &mut outflows,
            )?,
            Movement::PoolConfirm { coin_name, amount } => {
                apply_pool_confirm(deps.branch(), &coin_name, amount)?
            }
        };
        settled.messages.extend(applied.messages);
        settled.attributes.extend(applied.attributes);
        settled.events.extend(applied.events);
    }
    Ok(settled)
}
