use btp_types::{CodecError, NetworkAddress};
use contract_kit::migrate::MigrationError;
use contract_kit::pause::PauseError;
use contract_kit::service::ServiceError;
use cosmwasm_std::{StdError, Timestamp, Uint128};
use cw_ownable::OwnershipError;

/// Every way the token handler refuses a call.
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
    #[error("invalid message: {0}")]
    Codec(#[from] CodecError),
    /// The message center check, the serial number, the matching of replies.
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error("coin name {coin_name:?} is invalid: 1 to 96 bytes without control characters or surrounding spaces")]
    InvalidCoinName { coin_name: String },
    #[error("coin {coin_name:?} is already registered")]
    CoinExists { coin_name: String },
    #[error("{what} {value:?} is already registered as coin {coin_name:?}")]
    AssetTaken {
        what: &'static str,
        value: String,
        coin_name: String,
    },
    #[error("coin {coin_name:?} is not registered")]
    UnknownCoin { coin_name: String },
    #[error("{what} {value} is not a registered coin")]
    UnregisteredAsset { what: &'static str, value: String },
    #[error("fee ratio {ratio} must be below 1")]
    FeeRatioTooHigh { ratio: String },
    #[error("the LPs' share {share} of a pooled coin's fee must be at most 1")]
    LpFeeShareTooHigh { share: String },
    #[error("limits of {coin_name:?}: {reason}")]
    InvalidLimits {
        coin_name: String,
        reason: &'static str,
    },
    #[error("{amount} {coin_name} is below the minimum transfer of {min}")]
    BelowMinimum {
        coin_name: String,
        amount: Uint128,
        min: Uint128,
    },
    #[error("{amount} {coin_name} is above the maximum transfer of {max}")]
    AboveMaximum {
        coin_name: String,
        amount: Uint128,
        max: Uint128,
    },
    #[error("{amount} {coin_name} would exceed the rate limit: {used} of {limit} used in the last {window_secs}s")]
    RateLimited {
        coin_name: String,
        amount: Uint128,
        used: Uint128,
        limit: Uint128,
        window_secs: u64,
    },
    #[error("{amount} {coin_name} does not cover the fee of {fee}")]
    AmountBelowFee {
        coin_name: String,
        amount: Uint128,
        fee: Uint128,
    },
    #[error("a transfer of zero {coin_name} is not a transfer")]
    ZeroAmount { coin_name: String },
    #[error("nothing to transfer: attach coins beyond the relay fee")]
    NothingToTransfer,
    #[error("the relay fee to {network} is {amount} {denom}; attach it with the coins")]
    MissingRelayFee {
        network: NetworkAddress,
        amount: Uint128,
        denom: String,
    },
    #[error("the relay fee to {network} is not zero; send cw20 tokens with transfer_batch, which carries native funds")]
    RelayFeeNeedsNativeFunds { network: NetworkAddress },
    #[error("{coin_name} is a coin of {home}; it can only be sent back there, not to {to}")]
    WrongNetworkForForeignCoin {
        coin_name: String,
        home: NetworkAddress,
        to: NetworkAddress,
    },
    #[error("{to} is on this chain's own network")]
    TransferToSelf { to: String },
    #[error("account {address} is blacklisted")]
    Blacklisted { address: String },
    #[error("the cw20 hook cannot tell whose {token} tokens {spender} sends, and {spender} holds an allowance of blacklisted account {owner}: refused; an owner sends its own tokens with transfer_batch")]
    BlacklistedOwnerAllowance {
        token: String,
        spender: String,
        owner: String,
    },
    #[error("while accounts are blacklisted, the cw20 hook must check that {spender} sends no blacklisted account's {token} tokens, and cannot: {reason}; send with transfer_batch")]
    HookSenderUncheckable {
        token: String,
        spender: String,
        reason: String,
    },
    #[error("no refund of {coin_name} to claim")]
    NoRefund { coin_name: String },
    #[error("no fees of {coin_name} to withdraw")]
    NoFees { coin_name: String },
    #[error("arithmetic overflow in {what}")]
    Overflow { what: &'static str },
    #[error("a timeout of 0 seconds is refused for {what}: a transfer without a timeout could be stuck for good behind a dead relayer; give 1 to {max} seconds")]
    ZeroTimeout { what: &'static str, max: u64 },
    #[error("a timeout of {seconds} seconds for {what} is above the maximum of {max} seconds")]
    TimeoutTooLong {
        what: &'static str,
        seconds: u64,
        max: u64,
    },
    #[error(
        "a timeout {seconds} seconds after the block time {now} is beyond the largest timestamp"
    )]
    TimeoutOverflow { now: Timestamp, seconds: u64 },
    #[error("unknown reply id {id}")]
    UnknownReply { id: u64 },
}
