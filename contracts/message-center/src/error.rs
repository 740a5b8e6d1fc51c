use btp_types::{CodecError, NetworkAddress};
use contract_kit::migrate::MigrationError;
use contract_kit::pause::PauseError;
use cosmwasm_std::{StdError, Timestamp, Uint128};
use cw_ownable::OwnershipError;

/// Every way the message center refuses a call.
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
    #[error("fee denom {denom:?} is not a valid native denom")]
    InvalidFeeDenom { denom: String },
    #[error("delivery gas limit must be positive")]
    ZeroGasLimit,
    #[error("a link to {network} already exists; remove it first")]
    LinkExists { network: NetworkAddress },
    #[error("there is no link or route to {network}")]
    NoLink { network: String },
    #[error("no request from {from} with nsn {nsn} was forwarded from here and is waiting for its reply")]
    NoForwardedRequest { from: NetworkAddress, nsn: i64 },
    #[error("there is no route to {network}")]
    NoRoute { network: NetworkAddress },
    #[error("the route to {network} goes through {next}, whose link is closed or gone")]
    RouteUnusable {
        network: NetworkAddress,
        next: NetworkAddress,
    },
    #[error("no route to {network} can be set: {reason}")]
    InvalidRoute {
        network: NetworkAddress,
        reason: String,
    },
    #[error("{network} is reached by a route; remove the route before linking it directly")]
    RouteExists { network: NetworkAddress },
    #[error("a link to this chain's own network {network} is not allowed")]
    LinkToSelf { network: NetworkAddress },
    #[error("remote message center {address:?} is not an address: 1 to 128 printable ASCII characters without spaces")]
    InvalidRemoteAddress { address: String },
    #[error("the link to {network} is closed; add it again to open it")]
    LinkClosed { network: NetworkAddress },
    #[error("timeout {timeout} is not after this block's time {now}")]
    TimeoutInThePast { timeout: Timestamp, now: Timestamp },
    #[error("the prior head given for the history with {network} is not the one this chain holds, or not 32 bytes")]
    WrongPriorHead { network: NetworkAddress },
    #[error("the history with {network} was carried over by a migration: the first relay must give the source's head at this chain's rx_seq (prior_head)")]
    PriorHeadNeeded { network: NetworkAddress },
    #[error(
        "no request with nsn {nsn} is pending (resolved already, a one-way message, or never sent)"
    )]
    NoPendingRequest { nsn: i64 },
    #[error(
        "no reply or timeout of request {nsn} is kept for a retry (it was taken, or never failed)"
    )]
    NoKeptReply { nsn: i64 },
    #[error("request {nsn} has no timeout: only its reply resolves it")]
    NoTimeout { nsn: i64 },
    #[error("request {nsn} is message {sequence}, and the proof says {rx_seq} were received: it was delivered")]
    RequestReceived {
        nsn: i64,
        sequence: u64,
        rx_seq: u64,
    },
    #[error("request {nsn} times out at {timeout}, but the proof is of a state at {proven}: it may still be delivered")]
    NotTimedOut {
        nsn: i64,
        timeout: Timestamp,
        proven: Timestamp,
    },
    #[error("service {svc:?} is already registered to {handler}")]
    ServiceExists { svc: String, handler: String },
    #[error("no handler is registered for service {svc:?}")]
    NoService { svc: String },
    #[error("service {svc:?} is reserved for the message center itself")]
    ReservedService { svc: String },
    #[error("{sender} is not the handler registered for service {svc:?}")]
    NotServiceHandler { sender: String, svc: String },
    #[error("sn {sn} is negative: replies are made by the message center, not sent by handlers")]
    NegativeSn { sn: i64 },
    #[error("fee for this message is {required} {denom}, but {paid} {denom} was attached")]
    WrongFee {
        required: Uint128,
        paid: Uint128,
        denom: String,
    },
    #[error("only the fee denom {denom} may be attached; {other} was attached too")]
    UnexpectedFunds { denom: String, other: String },
    #[error("{relayer} is not on the relay allow-list of the link to {network}")]
    RelayerNotAllowed {
        relayer: String,
        network: NetworkAddress,
    },
    #[error("a relay must carry at least one message, at most {max}; it carried {count}")]
    BatchSize { count: usize, max: usize },
    #[error("message {sequence} from {network} was already delivered (rx_seq is {rx_seq})")]
    AlreadyReceived {
        network: NetworkAddress,
        sequence: u64,
        rx_seq: u64,
    },
    #[error("message {sequence} from {network} is out of order: expected {expected}")]
    OutOfOrder {
        network: NetworkAddress,
        sequence: u64,
        expected: u64,
    },
    #[error("the verifier rejected the proof at height {height}: {reason}")]
    ProofRejected { height: u64, reason: String },
    #[error("the link has a delay period, but its verifier does not say since when it trusts the remote state at height {height}: its proofs cannot be accepted on this link")]
    TrustTimeUnknown { height: u64 },
    #[error("the link to {network} has a delay period, but its verifier proves messages, not remote state it trusts since a known moment: remove the delay or the verifier")]
    DelayWithMessageVerifier { network: NetworkAddress },
    #[error("the link's verifier answered the relay message without the messages it proved")]
    VerifierAnsweredNothing,
    #[error("the remote state at height {height} is trusted since {trusted_time} (block {trusted_height}); the link's delay period lets it be used from {ready_time} and block {ready_height}")]
    DelayNotPassed {
        height: u64,
        trusted_time: Timestamp,
        trusted_height: u64,
        ready_time: Timestamp,
        ready_height: u64,
    },
    #[error("message {sequence} says it comes from {src}, but was relayed on the link to {link}, which is not the way this network reaches {src}")]
    WrongSource {
        sequence: u64,
        src: NetworkAddress,
        link: NetworkAddress,
    },
    #[error("no reward to claim in {network}'s fee currency")]
    NoReward { network: NetworkAddress },
    #[error("arithmetic overflow in {what}")]
    Overflow { what: &'static str },
    #[error("reply {id} carries no delivery context")]
    MissingDeliveryContext { id: u64 },
}
