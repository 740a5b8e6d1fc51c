//! The token handler (BTP's token transfer service, `svc = "bts"`).
//!
//! A transfer leaves with `transfer` (native coins), the cw20 `Receive` hook
//! (one cw20 token) or `transfer_batch` (several coins). The handler takes
//! the fee, moves the rest into the vault (locked for home coins, held for
//! burning for wrapped ones) and sends a transfer request through the message
//! center. On the destination the handler releases or mints the coins to the
//! receiver, or refuses with an error code. The reply comes back: success
//! finalises (held wrapped tokens are burned); an error refunds the sender,
//! net of the fee, exactly once — a refund that cannot be paid stays
//! claimable with `claim_refund`.
//!
//! Pooled coins ([`CoinOrigin::Pooled`]): a coin issued on both chains is
//! never wrapped. A transfer out takes the net amount and the LPs' share of
//! the fee (`lp_fee_share`) into the vault's pool here; the destination pays
//! the receiver out of its pool, less the pool's rebalancing fee (see
//! `msg::token_vault`, "Liquidity pools"), or refuses the transfer with
//! `error_code::TOKEN_POOL_SHORT` when its pool cannot pay the whole amount
//! now, and the sender is refunded the net amount out of the source pool,
//! exactly once, like any refusal.
//!
//! Timeouts: every transfer request carries a timeout, the destination's
//! block time from which on it is no longer executed: this chain's block
//! time at sending plus `timeout_secs` (the transfer's own, or the handler's
//! `default_timeout_secs`), 1 to [`MAX_TRANSFER_TIMEOUT_SECS`] seconds. A
//! transfer that times out (the destination refused it as late, or this
//! chain's message center resolved it by proof of non-receipt) comes back as
//! an error reply with code `error_code::TIMED_OUT` and is refunded like any
//! error reply, exactly once. A transfer without a timeout is refused: its
//! coins could be stuck for good behind a dead relayer or a closed link.
//!
//! Events: `btp_transfer_started` (`sn`, `sender`, `to`, `network`, `assets`,
//! `timeout`: nanoseconds since the epoch),
//! `btp_transfer_received` (`sn`, `from`, `receiver`, `network`, `assets`),
//! `btp_transfer_refused` (`sn`, `code`, `reason`), `btp_transfer_completed`
//! (`sn`, `sender`), `btp_transfer_refunded` (`sn`, `sender`, `code`, `reason`,
//! `assets`, `timed_out`: `true` when `code` is `TIMED_OUT`, else `false`),
//! `btp_refund_deferred` (`sender`, `coin`, `amount`).
//! `assets` is `coin_name:net_amount` joined with `,`.
//!
//! Limits (per coin, [`Limits`]): a smallest and a largest transfer, a
//! smallest fee, and a rolling rate limit per direction that never lets more
//! than its `amount` move in any `window_secs` consecutive seconds; a refund
//! gives back what the refunded transfer counted (see [`RateLimit`]).
//!
//! Blacklist (`set_blacklisted`): the handler refuses to act for a
//! blacklisted account of this chain: it cannot send (`transfer`,
//! `transfer_batch`, or the cw20 hook as the `Send` sender), cannot receive a
//! transfer from another chain (refused with `TOKEN_BLACKLISTED`, the sender
//! is refunded), and its cw20 tokens cannot leave through an allowance it
//! gave another account: the cw20 hook does not say whose tokens a `SendFrom`
//! moved, so while any account is blacklisted the hook is refused when its
//! sender holds an allowance from a blacklisted account, or when the handler
//! cannot list the sender's allowances (a token without cw20-base's
//! `all_spender_allowances` query, or a page of 30 or more allowances).
//! `transfer_batch` needs no such check: it takes cw20 tokens only from the
//! caller's own balance. What the blacklist cannot stop: a blacklisted account
//! handing its coins to another account on this chain (bank send, cw20
//! `transfer`), which can then send them; refunds of transfers it sent before
//! it was blacklisted are still paid to it.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Binary, Decimal, Timestamp, Uint128};
use cw20::Cw20ReceiveMsg;
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

use crate::address::{BtpAddress, NetworkAddress};
use crate::msg::service_handler::{IncomingMessage, IncomingReply};
use crate::msg::token_vault::{PooledAsset, RebalanceCurve, VaultAsset};

/// The default transfer timeout when `InstantiateMsg::default_timeout_secs`
/// is absent: one day, long enough for relayers to recover from an outage,
/// short enough that a sender whose transfer cannot arrive is refunded the
/// next day.
pub const DEFAULT_TRANSFER_TIMEOUT_SECS: u64 = 24 * 60 * 60;
/// The longest transfer timeout, per transfer or as the default: 30 days.
/// A longer one would keep a sender's coins locked for longer than any
/// relayer outage worth waiting for, and mostly comes from a unit mistake
/// (milliseconds or nanoseconds given as seconds).
pub const MAX_TRANSFER_TIMEOUT_SECS: u64 = 30 * 24 * 60 * 60;

/// Creates a token handler.
#[cw_serde]
pub struct InstantiateMsg {
    /// The owner; the sender of the instantiation when absent.
    pub owner: Option<String>,
    /// The message center that carries the service's messages.
    pub message_center: String,
    /// The vault that holds and mints the coins.
    pub vault: String,
    /// The timeout of a transfer that gives none, in seconds after its
    /// sending block's time: 1 to [`MAX_TRANSFER_TIMEOUT_SECS`];
    /// [`DEFAULT_TRANSFER_TIMEOUT_SECS`] when absent. 0 is refused.
    pub default_timeout_secs: Option<u64>,
}

/// Where a registered coin lives.
#[cw_serde]
pub enum CoinOrigin {
    /// A native coin of this chain, locked in the vault on the way out.
    NativeHome {
        /// The bank denom.
        denom: String,
    },
    /// A cw20 token of this chain, locked in the vault on the way out.
    Cw20Home {
        /// The token contract.
        address: String,
    },
    /// A coin of another chain, represented here by a cw20 the vault mints.
    Foreign {
        /// The coin's home network.
        home_network: NetworkAddress,
        /// The wrapped token's name (3 to 50 bytes).
        name: String,
        /// The wrapped token's symbol (3 to 12 of `[a-zA-Z-]`).
        symbol: String,
        /// The wrapped token's decimals (at most 18).
        decimals: u8,
    },
    /// A coin issued on this chain and on the other(s) (a stablecoin with a
    /// native denom or a cw20 on each side), moved through liquidity pools:
    /// a transfer out goes into this vault's pool of it, a transfer in is
    /// paid out of it (see `msg::token_vault`'s "Liquidity pools"). Every
    /// chain of the pool registers it under the same coin name; the vault
    /// creates the pool and its LP token.
    Pooled {
        /// The coin on this chain.
        asset: PooledAsset,
        /// The LP token's name (`cw20-base`: 3 to 50 bytes).
        lp_name: String,
        /// The LP token's symbol (`cw20-base`: 3 to 12 of `[a-zA-Z-]`).
        lp_symbol: String,
        /// The LP token's decimals (at most 18); usually the coin's.
        lp_decimals: u8,
        /// The part of the fee of a transfer sent from here that goes to
        /// the pool's LPs (at most 1); the rest stays with the handler, as
        /// every coin's fee does (`withdraw_fees`).
        lp_fee_share: Decimal,
        /// The pool's rebalancing fee; Stargate's when absent.
        curve: Option<RebalanceCurve>,
    },
}

/// The fee taken on the source chain: `fixed + ratio × amount` (rounded
/// down), but never less than the coin's `Limits::min_fee`: the fee is
/// `max(fixed + ratio × amount, min_fee)`.
#[cw_serde]
#[derive(Default)]
pub struct FeePolicy {
    /// Proportional part, below 1.
    pub ratio: Decimal,
    /// Fixed part, in the coin's smallest unit.
    pub fixed: Uint128,
}

/// At most `amount` in any `window_secs` consecutive seconds, per direction:
/// a rolling window, not a fixed one (a fixed window lets up to twice the
/// limit through around its edge).
///
/// The handler keeps, per coin and direction, a log of what it admitted: one
/// entry per twelfth of the window (transfers within the same twelfth share
/// an entry, dated by the latest of them), so at most 13 entries are live and
/// every check or refund reads and writes one bounded record. A transfer is
/// admitted only if it and everything logged in the last `window_secs`
/// seconds fit in `amount`. Every admitted amount is counted for at least
/// `window_secs` seconds (at most a twelfth of the window longer, because of
/// the shared entries), so no window of that length ever holds more than
/// `amount`. (A token bucket refilled at `amount / window_secs` with capacity
/// `amount` would not do: it admits a full bucket and then, over the next
/// window, the refill, nearly twice `amount` in one window.)
///
/// A refunded outgoing transfer (error reply or timeout) gives back what it
/// counted (its gross amount, fee included), if its entry is still in the
/// window. An incoming transfer that is refused counts nothing.
#[cw_serde]
pub struct RateLimit {
    /// The most that may move in any window of `window_secs` seconds.
    pub amount: Uint128,
    /// The window's length, in seconds (more than zero).
    pub window_secs: u64,
}

/// Bounds on the amounts of one coin.
#[cw_serde]
#[derive(Default)]
pub struct Limits {
    /// Smallest amount of one transfer (gross, fee included).
    pub min: Uint128,
    /// Largest amount of one transfer (gross when sending, net when receiving);
    /// `None` is no bound.
    pub max: Option<Uint128>,
    /// Amount per rolling window, counted separately for each direction.
    pub rate_limit: Option<RateLimit>,
    /// The smallest fee of one transfer sent from this chain, in the coin's
    /// smallest unit: the fee taken is `max(fixed + ratio × amount,
    /// min_fee)`, so a ratio cannot round to nothing on small transfers.
    /// 0 (the default, and what a coin registered before this field existed
    /// reads as) sets no floor: the fee is `fixed + ratio × amount` exactly.
    /// It must be below `max`, when there is one.
    #[serde(default)]
    pub min_fee: Uint128,
}

/// A cw20 amount for `transfer_batch`, pulled with the allowance the sender gave the handler.
#[cw_serde]
pub struct Cw20Amount {
    /// The token contract.
    pub token: String,
    /// How much.
    pub amount: Uint128,
}

/// What the token handler does.
#[cw_ownable_execute]
#[cw_serde]
pub enum ExecuteMsg {
    /// Owner only: registers a coin under the name both chains use for it.
    /// A foreign coin's wrapped token is created by the vault.
    RegisterCoin {
        /// The coin's name (1 to 96 bytes), the same on both chains.
        coin_name: String,
        /// Where it lives.
        origin: CoinOrigin,
        /// Its fee.
        fee: FeePolicy,
        /// Its limits.
        limits: Limits,
    },
    /// Owner only: changes a coin's fee and limits.
    UpdateCoin {
        /// The coin's name.
        coin_name: String,
        /// The new fee.
        fee: FeePolicy,
        /// The new limits.
        limits: Limits,
    },
    /// Owner only: adds (`true`) or removes (`false`) an account of this chain
    /// from the blacklist; blacklisted accounts can neither send nor receive,
    /// nor let another account send their cw20 tokens by allowance (see the
    /// module documentation for what the blacklist cannot stop).
    SetBlacklisted {
        /// The account.
        address: String,
        /// Whether it is blacklisted.
        blacklisted: bool,
    },
    /// Owner only: stops (`true`) or resumes (`false`) transfers in both
    /// directions (arriving requests are refused, so their senders are refunded).
    SetPaused {
        /// The new state.
        paused: bool,
    },
    /// Owner only: sets the timeout of transfers that give none, in seconds
    /// after their sending block's time: 1 to [`MAX_TRANSFER_TIMEOUT_SECS`]
    /// (0 is refused). Transfers already sent keep their timeout.
    SetDefaultTimeout {
        /// The new default, in seconds.
        seconds: u64,
    },
    /// Owner only: pays out fees the handler collected.
    WithdrawFees {
        /// The coin.
        coin_name: String,
        /// The account to pay.
        recipient: String,
    },
    /// Sends the attached native coins to `to`. The funds must also carry the
    /// message center's relay fee (see `fee_quote`), in its fee denom; what
    /// remains is transferred, one asset per denom.
    Transfer {
        /// The receiver on the other chain.
        to: BtpAddress,
        /// Seconds after this block's time from which on the destination no
        /// longer executes the transfer (it is then refunded): 1 to
        /// [`MAX_TRANSFER_TIMEOUT_SECS`]; the handler's default
        /// (`config`'s `default_timeout_secs`) when absent. 0 is refused.
        timeout_secs: Option<u64>,
    },
    /// Sends several coins in one request: the attached native coins (relay
    /// fee included, as for `transfer`) and cw20 amounts the sender allowed
    /// the handler to take.
    TransferBatch {
        /// The receiver on the other chain.
        to: BtpAddress,
        /// The cw20 tokens to take with the sender's allowance.
        cw20: Vec<Cw20Amount>,
        /// Seconds after this block's time from which on the destination no
        /// longer executes the transfer (it is then refunded): 1 to
        /// [`MAX_TRANSFER_TIMEOUT_SECS`]; the handler's default
        /// (`config`'s `default_timeout_secs`) when absent. 0 is refused.
        timeout_secs: Option<u64>,
    },
    /// The cw20 `Receive` hook: `msg` is a JSON [`ReceiveMsg`]. Only a
    /// registered token (home cw20 or wrapped) is accepted, and only what that
    /// token contract itself reports is credited. Usable when the relay fee
    /// to the destination is zero; otherwise use `transfer_batch`, which
    /// carries native funds. While any account is blacklisted, refused when
    /// the hook's sender holds an allowance of a blacklisted account on the
    /// token, or when the token cannot list the sender's allowances (the hook
    /// cannot tell a `Send` from a `SendFrom`); `transfer_batch` is then the
    /// way to send cw20 tokens.
    Receive(Cw20ReceiveMsg),
    /// Pays the sender's refunds that could not be paid when their transfer failed.
    ClaimRefund {
        /// The coin.
        coin_name: String,
    },
    /// Message center only: a transfer request from another chain.
    HandleBtpMessage {
        /// The network it came from.
        src: NetworkAddress,
        /// The service (`bts`).
        svc: String,
        /// The sending handler's serial number.
        sn: i64,
        /// The token service message.
        payload: Binary,
    },
    /// Message center only: the outcome of a transfer this handler sent.
    HandleBtpReply {
        /// The network it came from.
        src: NetworkAddress,
        /// The service (`bts`).
        svc: String,
        /// The transfer's serial number.
        sn: i64,
        /// 0 on success, an error code otherwise.
        code: u32,
        /// Why it failed.
        message: String,
    },
    /// Message center only: several transfer requests from one network,
    /// completed with one vault call; answered per request
    /// (`service_handler::BatchAnswers`).
    HandleBtpMessages {
        /// The network they came from.
        src: NetworkAddress,
        /// The service (`bts`).
        svc: String,
        /// The requests, in order.
        messages: Vec<IncomingMessage>,
    },
    /// Message center only: the outcomes of several transfers this handler sent.
    HandleBtpReplies {
        /// The network they came from.
        src: NetworkAddress,
        /// The service (`bts`).
        svc: String,
        /// The outcomes, in order.
        replies: Vec<IncomingReply>,
    },
}

/// The message a sender puts in cw20 `Send { contract: handler, amount, msg }`.
#[cw_serde]
pub enum ReceiveMsg {
    /// Transfer the sent tokens to `to`.
    Transfer {
        /// The receiver on the other chain.
        to: BtpAddress,
        /// Seconds after this block's time from which on the destination no
        /// longer executes the transfer (it is then refunded): 1 to
        /// [`MAX_TRANSFER_TIMEOUT_SECS`]; the handler's default
        /// (`config`'s `default_timeout_secs`) when absent. 0 is refused.
        timeout_secs: Option<u64>,
    },
}

/// What the token handler answers.
#[cw_ownable_query]
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// The configuration.
    #[returns(ConfigResponse)]
    Config {},
    /// One registered coin.
    #[returns(CoinResponse)]
    Coin {
        /// The coin's name.
        coin_name: String,
    },
    /// Every registered coin, by name.
    #[returns(Vec<CoinResponse>)]
    Coins {},
    /// The fee (`max(fixed + ratio × amount, min_fee)`) and the net amount of
    /// a transfer of `amount`.
    #[returns(TransferFeeResponse)]
    TransferFee {
        /// The coin's name.
        coin_name: String,
        /// The gross amount.
        amount: Uint128,
    },
    /// A coin's limits and how much of its rolling windows is used now.
    #[returns(UsageResponse)]
    Usage {
        /// The coin's name.
        coin_name: String,
    },
    /// A transfer waiting for its reply.
    #[returns(PendingTransfer)]
    PendingTransfer {
        /// Its serial number.
        sn: i64,
    },
    /// The transfers of one sender waiting for their replies.
    #[returns(Vec<PendingTransfer>)]
    PendingTransfers {
        /// The sender.
        sender: String,
    },
    /// Refunds an account may claim, by coin.
    #[returns(Vec<ClaimableRefund>)]
    ClaimableRefunds {
        /// The account.
        account: String,
    },
    /// Whether an account is blacklisted.
    #[returns(bool)]
    Blacklisted {
        /// The account.
        address: String,
    },
    /// Fees collected and not yet withdrawn, by coin.
    #[returns(Uint128)]
    CollectedFees {
        /// The coin's name.
        coin_name: String,
    },
}

/// The token handler's configuration.
#[cw_serde]
pub struct ConfigResponse {
    /// The message center.
    pub message_center: String,
    /// The vault.
    pub vault: String,
    /// This chain's network, as the message center names it.
    pub network: NetworkAddress,
    /// Whether transfers are stopped.
    pub paused: bool,
    /// The timeout of a transfer that gives none, in seconds after its
    /// sending block's time.
    pub default_timeout_secs: u64,
}

/// A registered coin.
#[cw_serde]
pub struct CoinResponse {
    /// Its name.
    pub coin_name: String,
    /// Where it lives.
    pub origin: CoinOrigin,
    /// How the vault knows it.
    pub asset: VaultAsset,
    /// The cw20 contract that represents it here (home cw20 or wrapped), if any.
    pub token: Option<String>,
    /// Its fee.
    pub fee: FeePolicy,
    /// Its limits.
    pub limits: Limits,
}

/// Fee and net amount of a transfer.
#[cw_serde]
pub struct TransferFeeResponse {
    /// Taken by the handler.
    pub fee: Uint128,
    /// Delivered to the receiver.
    pub net: Uint128,
}

/// Use of a coin's rolling rate-limit windows.
#[cw_serde]
pub struct UsageResponse {
    /// The coin's limits.
    pub limits: Limits,
    /// Sent and still counted: admitted in the last `window_secs` seconds
    /// (up to a twelfth of the window longer, see [`RateLimit`]) and not
    /// refunded. A transfer now may add up to the limit minus this.
    pub sent_in_window: Uint128,
    /// Received and still counted, likewise.
    pub received_in_window: Uint128,
}

/// One coin of a transfer in flight.
#[cw_serde]
pub struct PendingAsset {
    /// The coin's name.
    pub coin_name: String,
    /// What the receiver gets, and what the sender is refunded on failure
    /// (for a pooled coin, before the destination pool's rebalancing fee).
    pub net: Uint128,
    /// The fee taken (for a pooled coin, its LPs' share included, which
    /// went to the pool; the handler kept the rest).
    pub fee: Uint128,
    /// What the sending rate limit counted for it (the gross amount, fee
    /// included), given back if the transfer is refunded; zero when the coin
    /// had no rate limit, and for a transfer sent before rolling limits.
    #[serde(default)]
    pub rate_counted: Uint128,
}

/// A transfer waiting for its reply.
#[cw_serde]
pub struct PendingTransfer {
    /// Its serial number.
    pub sn: i64,
    /// Who sent it.
    pub sender: String,
    /// The receiver.
    pub to: BtpAddress,
    /// The coins.
    pub assets: Vec<PendingAsset>,
    /// When it was sent.
    pub sent_at: Timestamp,
    /// The destination's block time from which on it is not executed; the
    /// message center then answers it with code `TIMED_OUT`, and it is
    /// refunded. Zero (the epoch) for a transfer sent before timeouts
    /// existed, which has none.
    #[serde(default)]
    pub timeout: Timestamp,
}

/// A refund that could not be paid when its transfer failed.
#[cw_serde]
pub struct ClaimableRefund {
    /// The coin's name.
    pub coin_name: String,
    /// The amount.
    pub amount: Uint128,
}
