//! The message center (BTP's BMC): links, sequencing, commitments, delivery.
//!
//! Events (relayers and explorers read them; type names as wasmd prefixes
//! them with `wasm-`):
//! - `btp_message`: a message was committed. Attributes: `network` (the
//!   destination), `sequence`, `nsn`, `svc`, `sn`, `message` (hex of the RLP
//!   bytes) and `commitment` (hex of their sha256). Everything a relayer needs
//!   to prove and deliver it.
//! - `btp_message_delivered`: an arriving message was proven and handed to
//!   its handler. Attributes: `network` (the source), `sequence`, `svc`, `sn`, `relayer`.
//! - `btp_delivery_failed`: an arriving message was proven but could not be
//!   handled. Attributes: `network`, `sequence`, `svc`, `sn`, `code`, `reason`,
//!   and `error_reply_sequence` when an error reply was committed (requests).
//! - `btp_reward`: a relayer earned a fee. Attributes: `relayer`, `fee_network`, `amount`.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Binary, Uint128};
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

use crate::address::NetworkAddress;

/// The service name the message center keeps for itself (reward claims);
/// no handler can be registered under it.
pub const MESSAGE_CENTER_SERVICE: &str = "bmc";

/// Gas given to a handler for one delivery when the owner sets none.
pub const DEFAULT_DELIVERY_GAS_LIMIT: u64 = 2_000_000;

/// Creates a message center for one network.
#[cw_serde]
pub struct InstantiateMsg {
    /// This chain's network address, `<chain-id>.cosmos`; it is the `src` of
    /// every message sent from here and the `dst` every arriving message must carry.
    pub network: NetworkAddress,
    /// The owner; the sender of the instantiation when absent.
    pub owner: Option<String>,
    /// The native denom relay fees are paid and rewarded in.
    pub fee_denom: String,
    /// Gas given to a handler for one delivery; [`DEFAULT_DELIVERY_GAS_LIMIT`] when absent.
    pub delivery_gas_limit: Option<u64>,
}

/// One relayed message with its sequence on the link and its proof.
#[cw_serde]
pub struct RelayedMessage {
    /// The message's sequence on the link, as the source message center assigned it.
    pub sequence: u64,
    /// The RLP bytes of the BTP message, exactly as committed on the source chain.
    pub message: Binary,
    /// Proof that the source message center stored `sha256(message)` under the
    /// commitment key of `(this network, sequence)`, in the verifier's format.
    pub proof: Binary,
}

/// What the message center does.
#[cw_ownable_execute]
#[cw_serde]
pub enum ExecuteMsg {
    /// Owner only: opens a link to a remote network.
    AddLink {
        /// The remote network.
        network: NetworkAddress,
        /// The verifier contract (light client of the remote chain) that proves its messages.
        verifier: String,
        /// The remote message center's address on the remote chain (bech32, any prefix);
        /// its commitments are what the verifier must prove.
        remote_message_center: String,
        /// Accounts allowed to relay on this link; empty means anyone (relays are
        /// proven, so relayers need no trust).
        relayers: Vec<String>,
    },
    /// Owner only: closes a link; messages in flight on it can no longer arrive.
    RemoveLink {
        /// The remote network.
        network: NetworkAddress,
    },
    /// Owner only: replaces a link's relay allow-list (empty means anyone).
    SetLinkRelayers {
        /// The remote network.
        network: NetworkAddress,
        /// The new allow-list.
        relayers: Vec<String>,
    },
    /// Owner only: registers the handler contract of a service.
    AddService {
        /// The service name (`svc`).
        svc: String,
        /// The handler contract.
        handler: String,
    },
    /// Owner only: removes a service; requests for it are answered with an error reply.
    RemoveService {
        /// The service name.
        svc: String,
    },
    /// Owner only: sets the relay fees, in the fee denom, for messages to a network.
    SetFee {
        /// The destination network.
        network: NetworkAddress,
        /// Paid to the relayer that delivers the message there.
        forward: Uint128,
        /// Paid to the relayer that brings the reply back; charged only for requests.
        backward: Uint128,
    },
    /// Owner only: sets the gas a handler gets for one delivery.
    SetDeliveryGasLimit {
        /// Gas units.
        gas_limit: u64,
    },
    /// Owner only: stops (`true`) or resumes (`false`) sending and receiving;
    /// queries and reward claims keep working.
    SetPaused {
        /// The new state.
        paused: bool,
    },
    /// Registered handlers only: commits a message for `to`, paying the fee
    /// quoted by `fee` in the funds. Answers with [`SendMessageResponse`] as data.
    SendMessage {
        /// The destination network; a link to it must exist.
        to: NetworkAddress,
        /// The service; the sender must be its registered handler.
        svc: String,
        /// The service's serial number: positive for a request that expects a
        /// reply, zero for a one-way message. Replies are made by the message center.
        sn: i64,
        /// The service's message.
        payload: Binary,
    },
    /// Anyone (or the link's allow-list): delivers messages committed on the
    /// remote chain, proven at `proof_height` through the link's verifier.
    /// Messages must be in sequence order and continue the link's `rx_seq`.
    HandleRelayMessage {
        /// The network the messages come from.
        src: NetworkAddress,
        /// The height of the source chain's header whose app hash the proofs
        /// are checked against: the proofs' query height + 1 (the header
        /// after the block that wrote the commitments), which the link's
        /// light client must trust.
        proof_height: u64,
        /// The messages, in sequence order.
        messages: Vec<RelayedMessage>,
    },
    /// Pays the sender's relay rewards earned in `network`'s fee currency. For
    /// this network they are paid here; for a remote one a claim message is
    /// sent there, and the remote message center pays `receiver`.
    ClaimReward {
        /// The network whose fees were earned.
        network: NetworkAddress,
        /// The account to pay; the sender when absent. On a remote network,
        /// the account there.
        receiver: Option<String>,
    },
}

/// Data of a successful `send_message`.
#[cw_serde]
pub struct SendMessageResponse {
    /// The message's sequence on the link.
    pub sequence: u64,
    /// The message center's network serial number given to the message.
    pub nsn: i64,
}

/// What the message center answers.
#[cw_ownable_query]
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// The configuration.
    #[returns(ConfigResponse)]
    Config {},
    /// One link; an error when there is none.
    #[returns(LinkResponse)]
    Link {
        /// The remote network.
        network: NetworkAddress,
    },
    /// All links, in network order.
    #[returns(Vec<LinkResponse>)]
    Links {
        /// Start after this network.
        start_after: Option<NetworkAddress>,
        /// At most this many (default 10, at most 30).
        limit: Option<u32>,
    },
    /// All registered services.
    #[returns(Vec<ServiceResponse>)]
    Services {},
    /// The fee `send_message` charges for a message to `to`.
    #[returns(FeeQuoteResponse)]
    FeeQuote {
        /// The destination network.
        to: NetworkAddress,
        /// Whether the message is a request (`sn > 0`), which also pays the way back.
        expects_reply: bool,
    },
    /// A relayer's unclaimed rewards in one network's fee currency.
    #[returns(Uint128)]
    Reward {
        /// The network whose fees were earned.
        network: NetworkAddress,
        /// The relayer.
        relayer: String,
    },
    /// The commitment stored for a sent message; `None` when there is none.
    #[returns(Option<Binary>)]
    Commitment {
        /// The destination network.
        network: NetworkAddress,
        /// The message's sequence.
        sequence: u64,
    },
    /// Whether the message with `sequence` from `network` was delivered.
    #[returns(bool)]
    IsReceived {
        /// The source network.
        network: NetworkAddress,
        /// The message's sequence.
        sequence: u64,
    },
}

/// The message center's configuration.
#[cw_serde]
pub struct ConfigResponse {
    /// This chain's network address.
    pub network: NetworkAddress,
    /// The native denom of relay fees.
    pub fee_denom: String,
    /// Gas a handler gets for one delivery.
    pub delivery_gas_limit: u64,
    /// The message center's own network serial number (messages sent so far).
    pub nsn: i64,
    /// Whether sending and receiving are stopped.
    pub paused: bool,
}

/// A link to a remote network.
#[cw_serde]
pub struct LinkResponse {
    /// The remote network.
    pub network: NetworkAddress,
    /// The verifier contract.
    pub verifier: String,
    /// The remote message center's address on the remote chain.
    pub remote_message_center: String,
    /// Sequence of the last message sent on the link.
    pub tx_seq: u64,
    /// Sequence of the last message delivered from the link.
    pub rx_seq: u64,
    /// Accounts allowed to relay; empty means anyone.
    pub relayers: Vec<String>,
    /// Fee charged for a message to the network.
    pub forward_fee: Uint128,
    /// Fee charged, on requests, for the reply's way back.
    pub backward_fee: Uint128,
}

/// A registered service.
#[cw_serde]
pub struct ServiceResponse {
    /// The service name.
    pub svc: String,
    /// Its handler contract.
    pub handler: String,
}

/// The fee of a message.
#[cw_serde]
pub struct FeeQuoteResponse {
    /// The native denom to pay in.
    pub denom: String,
    /// The total to attach to `send_message`.
    pub amount: Uint128,
}
