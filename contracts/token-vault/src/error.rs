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
}
