//! Transfers leaving this chain: `transfer`, `transfer_batch` and the cw20
//! `Receive` hook. Each credits only what actually arrived, takes the fee,
//! moves the rest into the vault and sends one transfer request. A pooled
//! coin goes into the vault's pool (with its LPs' share of the fee), by a
//! bank send or a plain cw20 transfer, booked with one `settle` after them. The sender
//! must not be blacklisted, and neither may the owner of cw20 tokens the hook
//! receives (see [`ensure_no_blacklisted_owner`]); `transfer_batch` takes cw20
//! tokens only from its caller's own balance.

use btp_types::events::{token_handler::TransferStarted, TypedEvent};
use btp_types::msg::token_handler::{
    CoinOrigin, Cw20Amount, PendingAsset, PendingTransfer, ReceiveMsg,
};
use btp_types::msg::token_vault::{ExecuteMsg as VaultMsg, Movement, ReceiveMsg as VaultReceive};
use btp_types::{Asset, BtpAddress, TokenServiceMessage, TransferRequest};
use contract_kit::cw20::cw20_call;
use contract_kit::pause::ensure_running;
use contract_kit::service;
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    from_json, to_json_binary, Addr, BankMsg, Binary, Coin as NativeCoin, CosmosMsg, DepsMut, Env,
    MessageInfo, Order, Response, Storage, Timestamp, Uint128,
};
use cw20::{AllSpenderAllowancesResponse, Cw20ExecuteMsg, Cw20ReceiveMsg};

use crate::coins::{check_limits, load_coin, split_fee, vault_call};
use crate::error::ContractError;
use crate::state::{
    Config, BLACKLIST, COIN_BY_DENOM, COIN_BY_TOKEN, CONFIG, FEES, OUTGOING, OUTSTANDING,
    PENDING_BY_SENDER, SERVICE,
};
use crate::timeout::transfer_timeout;

/// Where the coins of one deposit are now.
enum Source {
    /// Native coins attached to this call: in the handler's bank balance.
    Native { denom: String },
    /// cw20 tokens the token contract sent to the handler (`Receive`).
    Held { token: Addr },
    /// cw20 tokens still with the sender, to be taken with its allowance.
    Allowance { token: Addr },
}

struct Deposit {
    coin_name: String,
    amount: Uint128,
    source: Source,
}

/// Who sends to whom, until when, and the message center's fee for it.
struct Outgoing<'a> {
    sender: &'a Addr,
    to: BtpAddress,
    /// The destination's block time from which on the request is not executed.
    timeout: Timestamp,
    relay_fee: NativeCoin,
}

pub fn transfer(
    deps: DepsMut,
    env: &Env,
    info: MessageInfo,
    to: BtpAddress,
    timeout_secs: Option<u64>,
) -> Result<Response, ContractError> {
    transfer_batch(deps, env, info, to, vec![], timeout_secs)
}

pub fn transfer_batch(
    deps: DepsMut,
    env: &Env,
    info: MessageInfo,
    to: BtpAddress,
    cw20: Vec<Cw20Amount>,
    timeout_secs: Option<u64>,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let timeout = transfer_timeout(env, &config, timeout_secs)?;
    let relay_fee = quote_relay_fee(&deps, &config, &to)?;
    let mut deposits = native_deposits(deps.storage, &info.funds, &relay_fee, &to)?;
    for Cw20Amount { token, amount } in cw20 {
        let token = deps.api.addr_validate(&token)?;
        deposits.push(Deposit {
            coin_name: coin_of_token(deps.storage, &token)?,
            amount,
            source: Source::Allowance { token },
        });
    }
    let transfer = Outgoing {
        sender: &info.sender,
        to,
        timeout,
        relay_fee,
    };
    start_transfer(deps, env, &config, transfer, deposits)
}

pub fn receive(
    deps: DepsMut,
    env: &Env,
    info: MessageInfo,
    wrapper: Cw20ReceiveMsg,
) -> Result<Response, ContractError> {
    // Only the token contract itself can call with its own address as sender:
    // a contract claiming to be a token it is not is simply not registered.
    let token = info.sender;
    let coin_name = coin_of_token(deps.storage, &token)?;
    let ReceiveMsg::Transfer { to, timeout_secs } = from_json(&wrapper.msg)?;
    let config = CONFIG.load(deps.storage)?;
    let timeout = transfer_timeout(env, &config, timeout_secs)?;
    let relay_fee = quote_relay_fee(&deps, &config, &to)?;
    if !relay_fee.amount.is_zero() {
        return Err(ContractError::RelayFeeNeedsNativeFunds {
            network: to.network().clone(),
        });
    }
    let sender = deps.api.addr_validate(&wrapper.sender)?;
    ensure_no_blacklisted_owner(&deps, &token, &sender)?;
    let deposit = Deposit {
        coin_name,
        amount: wrapper.amount,
        source: Source::Held { token },
    };
    let transfer = Outgoing {
        sender: &sender,
        to,
        timeout,
        relay_fee,
    };
    start_transfer(deps, env, &config, transfer, vec![deposit])
}

/// The most allowances of one spender the hook lists: one page of
/// cw20-base's `all_spender_allowances` (its own maximum).
pub const MAX_HOOK_ALLOWANCES: u32 = 30;

/// cw20-base's enumerable query of the allowances given to a spender (not in
/// the cw20 standard, so not in `cw20::Cw20QueryMsg`).
#[cw_serde]
enum Cw20EnumerableQuery {
    AllSpenderAllowances {
        spender: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
}

/// The cw20 hook names the account that called `Send` or `SendFrom`, never
/// the owner whose tokens a `SendFrom` moved: a blacklisted owner could give
/// an allowance to a clean spender and have it send. So, while anyone is
/// blacklisted, the hook is accepted only if `spender` holds no allowance of
/// a blacklisted account on `token` (one used up to zero still counts: it
/// may be the one this `SendFrom` used), and only if the handler can see all
/// of them. With an empty blacklist there is nothing to check.
fn ensure_no_blacklisted_owner(
    deps: &DepsMut,
    token: &Addr,
    spender: &Addr,
) -> Result<(), ContractError> {
    let anyone_blacklisted = BLACKLIST
        .keys(deps.storage, None, None, Order::Ascending)
        .next()
        .is_some();
    if !anyone_blacklisted {
        return Ok(());
    }
    let uncheckable = |reason: String| ContractError::HookSenderUncheckable {
        token: token.to_string(),
        spender: spender.to_string(),
        reason,
    };
    let query = Cw20EnumerableQuery::AllSpenderAllowances {
        spender: spender.to_string(),
        start_after: None,
        limit: Some(MAX_HOOK_ALLOWANCES),
    };
    let allowances: AllSpenderAllowancesResponse = deps
        .querier
        .query_wasm_smart(token, &query)
        .map_err(|err| {
            uncheckable(format!(
                "the token does not list a spender's allowances ({err})"
            ))
        })?;
    for allowance in &allowances.allowances {
        let blacklisted = match deps.api.addr_validate(&allowance.owner) {
            Ok(owner) => BLACKLIST.has(deps.storage, &owner),
            Err(err) => {
                return Err(uncheckable(format!(
                    "the token lists an invalid owner {:?} ({err})",
                    allowance.owner
                )))
            }
        };
        if blacklisted {
            return Err(ContractError::BlacklistedOwnerAllowance {
                token: token.to_string(),
                spender: spender.to_string(),
                owner: allowance.owner.clone(),
            });
        }
    }
    if allowances.allowances.len() >= MAX_HOOK_ALLOWANCES as usize {
        return Err(uncheckable(format!(
            "it holds {MAX_HOOK_ALLOWANCES} or more allowances, more than the handler lists"
        )));
    }
    Ok(())
}

fn coin_of_token(storage: &dyn Storage, token: &Addr) -> Result<String, ContractError> {
    COIN_BY_TOKEN
        .may_load(storage, token)?
        .ok_or_else(|| ContractError::UnregisteredAsset {
            what: "token",
            value: token.to_string(),
        })
}

/// The message center's fee for a request to `to`'s network (which must be another network).
fn quote_relay_fee(
    deps: &DepsMut,
    config: &Config,
    to: &BtpAddress,
) -> Result<NativeCoin, ContractError> {
    if to.network() == &config.network {
        return Err(ContractError::TransferToSelf { to: to.to_string() });
    }
    let quote = SERVICE.fee_quote(deps.as_ref(), to.network(), true)?;
    Ok(NativeCoin {
        denom: quote.denom,
        amount: quote.amount,
    })
}

/// The attached coins minus the relay fee, one deposit per denom.
fn native_deposits(
    storage: &dyn Storage,
    funds: &[NativeCoin],
    relay_fee: &NativeCoin,
    to: &BtpAddress,
) -> Result<Vec<Deposit>, ContractError> {
    let mut fee_left = relay_fee.amount;
    let mut deposits = Vec::new();
    for coin in funds {
        let mut amount = coin.amount;
        if coin.denom == relay_fee.denom {
            let taken = amount.min(fee_left);
            fee_left = fee_left
                .checked_sub(taken)
                .map_err(|_| ContractError::Overflow { what: "relay fee" })?;
            amount = amount
                .checked_sub(taken)
                .map_err(|_| ContractError::Overflow { what: "relay fee" })?;
        }
        if amount.is_zero() {
            continue;
        }
        let coin_name = COIN_BY_DENOM
            .may_load(storage, &coin.denom)?
            .ok_or_else(|| ContractError::UnregisteredAsset {
                what: "denom",
                value: coin.denom.clone(),
            })?;
        deposits.push(Deposit {
            coin_name,
            amount,
            source: Source::Native {
                denom: coin.denom.clone(),
            },
        });
    }
    if !fee_left.is_zero() {
        return Err(ContractError::MissingRelayFee {
            network: to.network().clone(),
            amount: relay_fee.amount,
            denom: relay_fee.denom.clone(),
        });
    }
    Ok(deposits)
}

/// Counts home coins sent to `network` that it may send back.
fn add_outstanding(
    storage: &mut dyn Storage,
    coin_name: &str,
    network: &str,
    amount: Uint128,
) -> Result<(), ContractError> {
    let key = (coin_name, network);
    let total = OUTSTANDING
        .may_load(storage, key)?
        .unwrap_or_default()
        .checked_add(amount)
        .map_err(|_| ContractError::Overflow {
            what: "outstanding",
        })?;
    OUTSTANDING.save(storage, key, &total)?;
    Ok(())
}

fn start_transfer(
    deps: DepsMut,
    env: &Env,
    config: &Config,
    transfer: Outgoing,
    deposits: Vec<Deposit>,
) -> Result<Response, ContractError> {
    let Outgoing {
        sender,
        to,
        timeout,
        relay_fee,
    } = transfer;
    ensure_running(deps.storage, "transfers")?;
    if BLACKLIST.has(deps.storage, sender) {
        return Err(ContractError::Blacklisted {
            address: sender.to_string(),
        });
    }
    if deposits.is_empty() {
        return Err(ContractError::NothingToTransfer);
    }
    let now = env.block.time.seconds();
    let mut messages: Vec<CosmosMsg> = vec![];
    let mut native_locks: Vec<NativeCoin> = vec![];
    let mut pending_assets = vec![];
    let mut pool_movements = vec![];
    for deposit in deposits {
        if deposit.amount.is_zero() {
            return Err(ContractError::ZeroAmount {
                coin_name: deposit.coin_name,
            });
        }
        let coin = load_coin(deps.storage, &deposit.coin_name)?;
        let rate_counted = check_limits(
            deps.storage,
            &deposit.coin_name,
            &coin.limits,
            OUTGOING,
            deposit.amount,
            now,
        )?;
        let (fee, net) = split_fee(&deposit.coin_name, &coin, deposit.amount)?;

        // What goes to the vault: the net amount, and for a pooled coin also
        // its LPs' share of the fee. The handler keeps the rest of the fee.
        let (to_vault, hook) = match &coin.origin {
            CoinOrigin::Foreign { home_network, .. } => {
                // No routing through third chains: a wrapped coin only goes home.
                if to.network() != home_network {
                    return Err(ContractError::WrongNetworkForForeignCoin {
                        coin_name: deposit.coin_name,
                        home: home_network.clone(),
                        to: to.network().clone(),
                    });
                }
                (net, Some(VaultReceive::HoldForBurning {}))
            }
            CoinOrigin::NativeHome { .. } | CoinOrigin::Cw20Home { .. } => {
                add_outstanding(deps.storage, &deposit.coin_name, to.network().as_str(), net)?;
                (net, Some(VaultReceive::Lock {}))
            }
            CoinOrigin::Pooled { lp_fee_share, .. } => {
                let lp_fee = fee.mul_floor(*lp_fee_share);
                pool_movements.push(Movement::PoolIn {
                    coin_name: deposit.coin_name.clone(),
                    amount: net,
                    lp_fee,
                });
                let to_vault = net
                    .checked_add(lp_fee)
                    .map_err(|_| ContractError::Overflow {
                        what: "pool intake",
                    })?;
                // Plain transfers: the vault books them in one `settle` below.
                (to_vault, None)
            }
        };
        let kept = deposit
            .amount
            .checked_sub(to_vault)
            .map_err(|_| ContractError::Overflow { what: "fees" })?;
        let fees = FEES
            .may_load(deps.storage, &deposit.coin_name)?
            .unwrap_or_default()
            .checked_add(kept)
            .map_err(|_| ContractError::Overflow { what: "fees" })?;
        FEES.save(deps.storage, &deposit.coin_name, &fees)?;
        let vault = config.vault.to_string();
        match deposit.source {
            Source::Native { denom } => native_locks.push(NativeCoin {
                denom,
                amount: to_vault,
            }),
            Source::Held { token } => messages.push(cw20_call(
                &token,
                &match hook {
                    Some(hook) => Cw20ExecuteMsg::Send {
                        contract: vault,
                        amount: to_vault,
                        msg: to_json_binary(&hook)?,
                    },
                    None => Cw20ExecuteMsg::Transfer {
                        recipient: vault,
                        amount: to_vault,
                    },
                },
            )?),
            Source::Allowance { token } => {
                let owner = sender.to_string();
                messages.push(cw20_call(
                    &token,
                    &match hook {
                        Some(hook) => Cw20ExecuteMsg::SendFrom {
                            owner: owner.clone(),
                            contract: vault,
                            amount: to_vault,
                            msg: to_json_binary(&hook)?,
                        },
                        None => Cw20ExecuteMsg::TransferFrom {
                            owner: owner.clone(),
                            recipient: vault,
                            amount: to_vault,
                        },
                    },
                )?);
                if !kept.is_zero() {
                    messages.push(cw20_call(
                        &token,
                        &Cw20ExecuteMsg::TransferFrom {
                            owner,
                            recipient: env.contract.address.to_string(),
                            amount: kept,
                        },
                    )?);
                }
            }
        }
        pending_assets.push(PendingAsset {
            coin_name: deposit.coin_name,
            net,
            fee,
            rate_counted,
        });
    }
    if !native_locks.is_empty() {
        // Native coins are locked with a bank send: no contract call. The
        // vault's bank balance is its book of them.
        let lock = BankMsg::Send {
            to_address: config.vault.to_string(),
            amount: native_locks,
        };
        messages.insert(0, lock.into());
    }
    if !pool_movements.is_empty() {
        // After the coins have reached the vault, which checks that it holds them.
        messages.push(
            vault_call(
                &config.vault,
                &VaultMsg::Settle {
                    movements: pool_movements,
                },
            )?
            .into(),
        );
    }

    let request = TokenServiceMessage::Transfer(TransferRequest {
        from: sender.to_string(),
        to: to.account().to_string(),
        assets: pending_assets
            .iter()
            .map(|asset| Asset {
                coin_name: asset.coin_name.clone(),
                amount: asset.net,
            })
            .collect(),
    });
    let assets_attribute = assets_attribute(net_amounts(&pending_assets));
    let funds = if relay_fee.amount.is_zero() {
        vec![]
    } else {
        vec![relay_fee]
    };
    let sent = SERVICE.send_request_with(deps.storage, |sn| {
        let pending = PendingTransfer {
            sn,
            sender: sender.to_string(),
            to: to.clone(),
            assets: pending_assets,
            sent_at: env.block.time,
            timeout,
        };
        let message = service::Outgoing {
            to: to.network().clone(),
            payload: Binary::new(request.encode()),
            timeout: Some(timeout),
            funds,
        };
        (pending, message)
    })?;
    let sn = sent.sn;
    PENDING_BY_SENDER.save(deps.storage, (sender, sn), &())?;
    messages.push(sent.message);
    Ok(Response::new()
        .add_attribute("action", "transfer")
        .add_messages(messages)
        .add_event(
            TransferStarted {
                sn,
                sender: sender.to_string(),
                to: to.to_string(),
                network: to.network().to_string(),
                assets: assets_attribute,
                timeout: timeout.nanos(),
            }
            .to_event(),
        ))
}

/// The `assets` attribute of the transfer events: `coin:amount` pairs joined with `,`.
pub fn assets_attribute<'a>(assets: impl IntoIterator<Item = (&'a str, Uint128)>) -> String {
    assets
        .into_iter()
        .map(|(coin_name, amount)| format!("{coin_name}:{amount}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// The net amounts of a pending transfer, for [`assets_attribute`].
pub fn net_amounts(assets: &[PendingAsset]) -> impl Iterator<Item = (&str, Uint128)> {
    assets
        .iter()
        .map(|asset| (asset.coin_name.as_str(), asset.net))
}
