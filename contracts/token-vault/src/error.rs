use contract_kit::migrate::MigrationError;
use contract_kit::pause::PauseError;
use cosmwasm_std::{StdError, Uint128};
use cw_ownable::OwnershipError;

/// Every way the vault refuses a call.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ContractError {
    #[error(transparent)]
    Std(#[from] StdError),
    #[error(transparent)]
    Ownership(#[from] OwnershipError),
    #[error(transparent)]
    Pause(#[from] PauseError),
    #[error(transparent)]
    Migration(#[from] MigrationError),

    #[error(
        "no token handler is set: the owner must call set_handler before anyone can {operation}"
    )]
    HandlerNotSet { operation: &'static str },

    #[error("only the token handler may {operation}; {sender} is not the handler")]
    NotHandler {
        operation: &'static str,
        sender: String,
    },

    #[error("{operation} takes no funds, but {funds} were attached")]
    UnexpectedFunds {
        operation: &'static str,
        funds: String,
    },

    #[error("{operation} to the vault itself is refused: the coins would stay in the vault outside every total")]
    RecipientIsVault { operation: &'static str },

    #[error("lock needs native coins attached as funds, and none were")]
    NoFunds,

    #[error("settle needs at least one movement")]
    NothingToSettle,

    #[error("{operation} of {coin} needs an amount above zero")]
    ZeroAmount {
        operation: &'static str,
        coin: String,
    },

    #[error("cannot release {requested} of {coin}: only {available} is locked")]
    InsufficientLocked {
        coin: String,
        requested: Uint128,
        available: Uint128,
    },

    #[error("cannot {operation} {requested} of {coin}: only {available} is held for burning")]
    InsufficientHeld {
        operation: &'static str,
        coin: String,
        requested: Uint128,
        available: Uint128,
    },

    #[error("{coin}: adding {amount} to its {counter} total of {current} would overflow 128 bits")]
    Overflow {
        coin: String,
        counter: &'static str,
        current: Uint128,
        amount: Uint128,
    },

    #[error("no wrapped token is registered for the coin {coin_name:?}")]
    UnknownWrappedCoin { coin_name: String },

    #[error("{token} is not a wrapped token of this vault")]
    NotAWrappedToken { token: String },

    #[error(
        "{token} is not a registered home token: the handler must register_home_token it first"
    )]
    UnknownHomeToken { token: String },

    #[error("token {token} reported {reported} sent, but the vault holds {held} of the {locked} it would have locked: tokens that take a fee on transfer are not supported")]
    TokenDeliveredLess {
        token: String,
        reported: Uint128,
        held: Uint128,
        locked: Uint128,
    },
    #[error("{token} is neither a registered home token nor a wrapped token of this vault; its cw20 receive creates nothing")]
    UnknownToken { token: String },

    #[error("{token} is the wrapped token of {coin_name:?}: it is held for burning, never locked")]
    WrappedTokenNotLockable { token: String, coin_name: String },

    #[error("{token} is a home token: it is locked, never held for burning")]
    HomeTokenNotBurnable { token: String },

    #[error("the coin {coin_name:?} already has its wrapped token {token}")]
    WrappedCoinExists { coin_name: String, token: String },

    #[error("{token} is already a registered home token")]
    HomeTokenExists { token: String },

    #[error(
        "{token} is the wrapped token of {coin_name:?} and cannot be registered as a home token"
    )]
    WrappedTokenAsHome { token: String, coin_name: String },

    #[error("{token} does not answer as a cw20 token: {reason}")]
    NotACw20 { token: String, reason: String },

    #[error("invalid coin name {coin_name:?}: {reason}")]
    InvalidCoinName {
        coin_name: String,
        reason: &'static str,
    },

    #[error("invalid token {field} {value:?}: {reason}")]
    InvalidTokenInfo {
        field: &'static str,
        value: String,
        reason: &'static str,
    },

    #[error("cannot compute the wrapped token's address: {reason}")]
    TokenAddress { reason: String },

    #[error("no pool of the coin {coin_name:?} is registered")]
    UnknownPool { coin_name: String },

    #[error("the coin {coin_name:?} already has its pool, with LP token {lp_token}")]
    PoolExists { coin_name: String, lp_token: String },

    #[error("{asset} is already known to the vault as {known_as}: it cannot be pooled")]
    AssetInUse { asset: String, known_as: String },

    #[error("the vault holds {held} of the native denom {denom} outside any pool (locked as a home coin): it cannot be pooled")]
    PooledDenomInUse { denom: String, held: Uint128 },

    #[error("{asset} is the asset of the pool of {coin_name:?}: it moves only through the pool")]
    AssetIsPooled { asset: String, coin_name: String },

    #[error("invalid rebalancing curve for {coin_name:?}: {reason}")]
    InvalidCurve {
        coin_name: String,
        reason: &'static str,
    },

    #[error(
        "a deposit into the pool of {coin_name:?} takes exactly one coin of {denom}, not {funds:?}"
    )]
    WrongDepositFunds {
        coin_name: String,
        denom: String,
        funds: String,
    },

    #[error("the pool of {coin_name:?} holds the cw20 {token}: deposit with the token's send and deposit_liquidity")]
    DepositNeedsCw20Send { coin_name: String, token: String },

    #[error("{token} is not the token of a pool of this vault: its deposit creates nothing")]
    NotAPoolToken { token: String },

    #[error("{token} is not an LP token of this vault: nothing to withdraw")]
    NotAnLpToken { token: String },

    #[error("a deposit of {amount} into the pool of {coin_name:?} is worth less than one share")]
    ZeroShares { coin_name: String, amount: Uint128 },

    #[error(
        "the pool of {coin_name:?} has {shares} shares and no liquidity: deposits are refused"
    )]
    WorthlessShares { coin_name: String, shares: Uint128 },

    #[error("{shares} shares of the pool of {coin_name:?} are worth nothing")]
    ZeroWithdrawal { coin_name: String, shares: Uint128 },

    #[error("the pool of {coin_name:?} cannot pay {requested} now: {available} is available here")]
    PoolShort {
        coin_name: String,
        requested: Uint128,
        available: Uint128,
    },

    #[error("the pool of {coin_name:?} keeps {pending_out} for unanswered transfers, less than the {requested} to {operation}")]
    PendingShort {
        operation: &'static str,
        coin_name: String,
        requested: Uint128,
        pending_out: Uint128,
    },

    #[error("the vault holds {held} of {asset}, less than the {balance} the pool of {coin_name:?} accounts for: tokens that take a fee on transfer are not supported")]
    PoolDeliveredLess {
        coin_name: String,
        asset: String,
        held: Uint128,
        balance: Uint128,
    },

    #[error("arithmetic overflow in the {what} of the pool of {coin_name:?}")]
    PoolOverflow {
        coin_name: String,
        what: &'static str,
    },
}
