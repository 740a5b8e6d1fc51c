//! The message center (BTP's BMC): links, sequencing, commitments, delivery.
//!
//! Events (relayers and explorers read them; type names as wasmd prefixes
//! them with `wasm-`). Each is built and parsed by a type of
//! `crate::events::message_center`; a test holds this list to them.
//! - `btp_message`: a message was committed. Attributes: `network` (the
//!   network it is committed for: its destination, or the first hop of the
//!   route to it), `remote_center` (that network's message center: the
//!   history), `sequence`, `nsn`, `svc`, `sn`, `timeout` (nanoseconds, `0`
//!   for none), `message` (hex of the RLP bytes) and `head` (hex of the chain
//!   head stored for it). Everything a relayer needs to prove and deliver it.
//! - `btp_message_delivered`: an arriving message was proven and handed to
//!   its handler. Attributes: `network` (the source), `sequence`, `svc`, `sn`, `handler`.
//! - `btp_delivery_failed`: an arriving message was proven but could not be
//!   handled (or had timed out: code `TIMED_OUT`). Attributes: `network`,
//!   `sequence`, `svc` and `sn` (unless the message could not be read),
//!   `code`, `reason`, and `error_reply_sequence` when an error reply was
//!   committed (requests).
//! - `btp_reply_ignored`: a proven reply whose request was already resolved
//!   (by timeout) or was never sent from here. Attributes: `network`,
//!   `sequence`, `nsn`, `reason`.
//! - `btp_reply_kept`: the handler failed to take a reply or timeout; it is
//!   kept for `retry_reply`. Attributes: `nsn`, `network`, `sequence`,
//!   `handler`, `reason`.
//! - `btp_reply_retried`: a kept reply or timeout was taken by its handler.
//!   Attributes: `nsn`, `network`, `sequence`, `handler`.
//! - `btp_request_timed_out`: a request was resolved by proof of timeout.
//!   Attributes: `nsn`, `network`, `sequence`, `svc`, `sn`, `handler`, `proof_height`.
//! - `btp_batch_failed`: a batch call of a handler failed; its messages go
//!   to it again one by one. Attributes: `handler`, `count`, `reason`.
//! - `btp_reward`: a relayer earned a fee. Attributes: `relayer`, `fee_network`, `amount`.
//! - `btp_reward_refused`: a fee or reward claim beyond what was paid here for
//!   messages over its link, or a fee of a network this chain cannot reach.
//!   Attributes: `network`, `receiver`, `amount`, `ledger` (not for an
//!   unreachable network's fee), `reason`.
//! - `btp_reward_credited`: a remote network's reward claim was paid here.
//!   Attributes: `network`, `sequence`, `receiver`, `amount`.
//! - `btp_claim_result`: the answer to a reward claim sent from here (a
//!   failed claim is refunded here). Attributes: `network`, `nsn`, `claimer`,
//!   `amount`, `code`, `message`, `refunded`.
//! - `btp_route_announcement_ignored`: an ICON route announcement (`Init`,
//!   `Link`, `Unlink`) arrived; this message center routes only over its own
//!   links. Attributes: `network`, `sequence`, `type`, `reason`.
//! - `btp_message_forwarded`: a proven message for another network was
//!   committed again towards it (a route). Attributes: `network` (where it
//!   came from), `sequence` (its sequence there), `src`, `dst`, `next` (the
//!   network it was committed for), `next_sequence`.
//! - `btp_route_changed`: a route was set or removed. Attributes: `network`,
//!   `next` (absent once removed), `hops` (`0` once removed).
//! - `btp_link_changed`: a link was opened, changed or closed. Attributes:
//!   `network`, `open`, `verifier`, `remote_center`, `relayers` (count),
//!   `delay` (none, or seconds and blocks), `tx_seq`, `rx_seq`.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Binary, HexBinary, Timestamp, Uint128};
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

/// One relayed message with its sequence in the history and its metadata.
/// The batch's one proof covers it through the chain of heads.
#[cw_serde]
pub struct RelayedMessage {
    /// The message's sequence in the history, as the source message center assigned it.
    pub sequence: u64,
    /// The RLP bytes of the BTP message, exactly as committed on the source chain.
    pub message: Binary,
    /// The timeout the source committed with the message (this chain's block
    /// time after which it is not executed); none when absent.
    pub timeout: Option<Timestamp>,
}

/// What the message center does.
#[cw_ownable_execute]
#[cw_serde]
pub enum ExecuteMsg {
    /// Owner only: opens a link to a remote network, or opens a closed one
    /// again. Sequences and chain heads are kept per remote message center
    /// for the life of the contract: a link opened again to the same remote
    /// message center continues its history; one to another address starts
    /// (or continues) that address's own history.
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
    /// Owner only: closes a link: nothing more is sent or delivered on it,
    /// but its history is kept, and requests in flight can still be resolved
    /// by timeout (with its verifier) or by opening it again.
    RemoveLink {
        /// The remote network.
        network: NetworkAddress,
    },
    /// Owner only: changes a link's verifier or relay allow-list, keeping its
    /// history (sequences and heads are never reset).
    UpdateLink {
        /// The remote network.
        network: NetworkAddress,
        /// The new verifier; unchanged when absent.
        verifier: Option<String>,
        /// The new allow-list (empty means anyone); unchanged when absent.
        relayers: Option<Vec<String>>,
    },
    /// Owner only: registers the handler contract of a service.
    AddService {
        /// The service name (`svc`).
        svc: String,
        /// The handler contract.
        handler: String,
        /// Whether the handler takes batches (`handle_btp_messages` and
        /// `handle_btp_replies`, see `service_handler`): consecutive
        /// deliveries to it then cost one contract call. Default `false`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        batches: Option<bool>,
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
    /// Owner only: reaches `network`, which has no link from here, through
    /// the linked network `next` (BTP's routes): messages to `network` are
    /// committed on the link to `next`, whose message center forwards them,
    /// and messages from `network` are accepted only through that link.
    /// Replaces the route to `network` if there is one.
    SetRoute {
        /// The network reached by the route.
        network: NetworkAddress,
        /// The linked network messages to `network` go to first.
        next: NetworkAddress,
        /// The relay fee of each hop after the link to `next`, in order
        /// towards `network` (one per hop: at least one, at most
        /// [`MAX_ROUTE_HOPS`] − 1), in the fee denom.
        forward_fees: Vec<Uint128>,
        /// The relay fee of each of the reply's hops back to `next`, charged
        /// only for requests; as many as `forward_fees`, in the reply's order.
        backward_fees: Vec<Uint128>,
    },
    /// Owner only: removes the route to `network`. Messages from `network`
    /// are then accepted over no link: a relay that carries one fails
    /// (`WrongSource`), holding up that link, until a route or a link to
    /// `network` is set again. Remove a route once nothing is in flight on it.
    RemoveRoute {
        /// The network reached by the route.
        network: NetworkAddress,
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
        /// The destination network; a link or a route to it must exist.
        to: NetworkAddress,
        /// The service; the sender must be its registered handler.
        svc: String,
        /// The service's serial number: positive for a request that expects a
        /// reply, zero for a one-way message. Replies are made by the message center.
        sn: i64,
        /// The service's message.
        payload: Binary,
        /// The destination's block time from which on the message is no
        /// longer executed: a request is then answered with a timeout error
        /// reply, and can be resolved on this chain by proof that the
        /// destination had not received it by then. None: no timeout.
        timeout: Option<Timestamp>,
    },
    /// Anyone (or the link's allow-list): delivers messages committed on the
    /// remote chain, proven at `proof_height` through the link's verifier
    /// with one proof of the last message's chain head. Messages must be in
    /// sequence order and continue the link's `rx_seq`.
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
        /// Proof, in the verifier's format, that the source message center
        /// stored the last message's chain head for this history at `proof_height`.
        proof: Binary,
        /// The source's head before the first message: needed only when this
        /// chain does not know it (a history carried over by a migration,
        /// see `Link::rx_head`); it must then be the head the source stored
        /// for sequence `rx_seq`, which the proof confirms.
        prior_head: Option<Binary>,
    },
    /// Relayers of the link: messages from a remote network whose verifier
    /// proves the messages themselves (`VerifierExecuteMsg` of
    /// [`crate::msg::verifier`]; ICON's BTP blocks), rather than a chain
    /// head the remote message center stored. The message center hands
    /// `relay_message` to the link's verifier, which answers the messages it
    /// proves (each once, in the remote chain's order); they are delivered
    /// as the next sequences of the history. A verifier of chain heads
    /// refuses the call, as a verifier of messages refuses
    /// `handle_relay_message`.
    HandleVerifierRelay {
        /// The network the messages come from.
        src: NetworkAddress,
        /// Block updates and message proofs, in the verifier's format.
        relay_message: Binary,
    },
    /// Owner only: the delay period of a link (IBC's connection delay): a
    /// proof is accepted only against remote state this chain has trusted
    /// for at least `seconds` and `blocks` (as the verifier reports it,
    /// [`crate::msg::verifier::VerifiedResponse::trusted_at`]), so that a
    /// forged header can be reported as misbehaviour before anything
    /// proven with it is executed. `None` removes the delay. A verifier
    /// that reports no trust time cannot serve a link with a delay: its
    /// proofs are refused.
    SetLinkDelay {
        /// The remote network.
        network: NetworkAddress,
        /// The delay; none for no delay.
        delay: Option<DelayPeriod>,
    },
    /// Anyone: resolves a request that timed out, on proof that the
    /// destination's message center had received fewer messages than the
    /// request's sequence at a height whose time is at or past the request's
    /// timeout. The sending handler is told once (code `TIMED_OUT`), and a
    /// later reply to the request is ignored.
    ResolveTimeout {
        /// The request's network serial number (`nsn` of [`SendMessageResponse`]).
        nsn: i64,
        /// The destination chain's height the proof is checked at.
        proof_height: u64,
        /// The destination's receive sequence in its history with this chain at that height.
        rx_seq: u64,
        /// The proof, in the link verifier's format.
        proof: Binary,
    },
    /// Anyone (relayers): answers a request this center forwarded, and the
    /// next hop can no longer execute, with a `TIMED_OUT` error reply to its
    /// source, proven like `resolve_timeout` against the next hop's receive
    /// state: the source cannot prove that itself, since this center did
    /// receive the request.
    ResolveForwardedTimeout {
        /// The request's source network.
        source: NetworkAddress,
        /// The request's `nsn` (its source center's).
        nsn: i64,
        /// The next hop's height the proof is checked at.
        proof_height: u64,
        /// The next hop's receive sequence in its history with this chain at that height.
        rx_seq: u64,
        /// The proof, in the link verifier's format.
        proof: Binary,
    },
    /// Anyone: hands a reply or timeout whose handler failed (event
    /// `btp_reply_kept`) to that handler again. It is kept until a retry
    /// succeeds: a retry that fails changes nothing, one that succeeds
    /// removes it, so the handler takes it exactly once.
    RetryReply {
        /// The request's network serial number (`nsn` of [`KeptReplyResponse`]).
        nsn: i64,
    },
    /// Pays the sender's relay rewards earned in `network`'s fee currency. For
    /// this network they are paid here. For a remote one, ICON BMC's `Claim`
    /// request (service `bmc`) is sent there, with the request fee of
    /// `FeeQuote { to: network, expects_reply: true }` attached; the remote
    /// message center credits `receiver` with a reward there (to be claimed
    /// there) and answers `Response`; on an error reply the reward is given
    /// back here.
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
    /// The chain head stored for a sent message in the link's current
    /// history; `None` when there is none.
    #[returns(Option<Binary>)]
    Commitment {
        /// The destination network.
        network: NetworkAddress,
        /// The message's sequence.
        sequence: u64,
    },
    /// The routes to networks without a link, in network order.
    #[returns(Vec<RouteResponse>)]
    Routes {
        /// Start after this network.
        start_after: Option<NetworkAddress>,
        /// At most this many (default 10, at most 30).
        limit: Option<u32>,
    },
    /// Requests sent from here that wait for their reply or timeout, in `nsn` order.
    #[returns(Vec<PendingRequestResponse>)]
    PendingRequests {
        /// Only those committed for this network (the destination, or the
        /// first hop of a route: where a timeout is proven); all when absent.
        network: Option<NetworkAddress>,
        /// Start after this `nsn`.
        start_after: Option<i64>,
        /// At most this many (default 10, at most 100).
        limit: Option<u32>,
    },
    /// Requests with a timeout this center forwarded and whose reply has
    /// not come back through it, by source and `nsn`: what
    /// `resolve_forwarded_timeout` can answer.
    #[returns(Vec<ForwardedRequestResponse>)]
    ForwardedRequests {
        /// Only those forwarded to this network; all when absent.
        network: Option<NetworkAddress>,
        /// Start after this (source network, `nsn`).
        start_after: Option<(NetworkAddress, i64)>,
        /// At most this many (default 10, at most 100).
        limit: Option<u32>,
    },
    /// Replies and timeouts whose handler failed, kept for `retry_reply`, in `nsn` order.
    #[returns(Vec<KeptReplyResponse>)]
    KeptReplies {
        /// Start after this `nsn`.
        start_after: Option<i64>,
        /// At most this many (default 10, at most 100).
        limit: Option<u32>,
    },
    /// What was paid here in relay fees for messages over the link to
    /// `network` (to it, or routed through it) and is not yet paid out: the
    /// most that reward claims arriving over that link can take.
    #[returns(Uint128)]
    FeeLedger {
        /// The linked network the fees were paid for.
        network: NetworkAddress,
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

/// A link to a remote network, with its current history.
#[cw_serde]
pub struct LinkResponse {
    /// The remote network.
    pub network: NetworkAddress,
    /// Whether messages are sent and delivered on it (false once removed).
    pub open: bool,
    /// The verifier contract.
    pub verifier: String,
    /// The remote message center's address on the remote chain.
    pub remote_message_center: String,
    /// Sequence of the last message sent in the history with the remote message center.
    pub tx_seq: u64,
    /// Chain head of that message (hex; zeros before the first).
    pub tx_head: HexBinary,
    /// Sequence of the last message delivered from the remote message center.
    pub rx_seq: u64,
    /// The remote chain head of that message; none for a history carried
    /// over by a migration until its first relay.
    pub rx_head: Option<HexBinary>,
    /// Accounts allowed to relay; empty means anyone.
    pub relayers: Vec<String>,
    /// How long remote state must have been trusted before a proof against
    /// it is accepted; none for no delay.
    pub delay: Option<DelayPeriod>,
    /// Fee charged for a message to the network.
    pub forward_fee: Uint128,
    /// Fee charged, on requests, for the reply's way back.
    pub backward_fee: Uint128,
}

/// How long a link waits before it believes remote state: both must have
/// passed since the verifier came to trust it.
#[cw_serde]
#[derive(Copy, Eq)]
pub struct DelayPeriod {
    /// Seconds of this chain's block time.
    pub seconds: u64,
    /// Blocks of this chain.
    pub blocks: u64,
}

/// A route to a network without a link ([`ExecuteMsg::SetRoute`]).
#[cw_serde]
pub struct RouteResponse {
    /// The network reached.
    pub network: NetworkAddress,
    /// The linked network messages to it go to first.
    pub next: NetworkAddress,
    /// The fee of each hop after the link to `next`.
    pub forward_fees: Vec<Uint128>,
    /// The fee of each of a reply's hops back to `next`.
    pub backward_fees: Vec<Uint128>,
}

/// Most hops a route may have, the link to its next network included: a
/// message carries one fee value per hop, and a center forwards a message
/// only while a fee value is left for the next hop, so no message can
/// circle between misconfigured routes for longer than its fees last.
pub const MAX_ROUTE_HOPS: usize = 8;

/// A request waiting for its reply or timeout.
#[cw_serde]
pub struct PendingRequestResponse {
    /// The message center's network serial number of the request.
    pub nsn: i64,
    /// The network of the history it was committed in: its destination, or
    /// the first hop of the route to it.
    pub network: NetworkAddress,
    /// The destination, when it is reached by a route (else `network`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<NetworkAddress>,
    /// The destination message center the request was committed for.
    pub remote_message_center: String,
    /// The request's sequence in that history.
    pub sequence: u64,
    /// The service.
    pub svc: String,
    /// The service's serial number.
    pub sn: i64,
    /// The handler that sent it: its reply or timeout goes there, whatever
    /// the service's registration is by then.
    pub handler: String,
    /// The destination block time from which on it can be timed out.
    pub timeout: Option<Timestamp>,
}

/// A request with a timeout this center forwarded, waiting for its reply
/// to come back through it.
#[cw_serde]
pub struct ForwardedRequestResponse {
    /// The network it came from (its source).
    pub source: NetworkAddress,
    /// Its source center's `nsn`.
    pub nsn: i64,
    /// The network it was forwarded to (the next hop).
    pub network: NetworkAddress,
    /// The next hop's message center: the history it was committed in.
    pub remote_message_center: String,
    /// Its sequence in that history.
    pub sequence: u64,
    /// The service.
    pub svc: String,
    /// The service's serial number.
    pub sn: i64,
    /// The next hop's block time from which on it can be timed out.
    pub timeout: Timestamp,
}

/// A reply or timeout kept for a retry.
#[cw_serde]
pub struct KeptReplyResponse {
    /// The network serial number of the request it resolves.
    pub nsn: i64,
    /// The request's network.
    pub network: NetworkAddress,
    /// The reply's sequence (the request's, for a timeout).
    pub sequence: u64,
    /// The handler it goes to.
    pub handler: String,
    /// Why the handler failed the last time.
    pub reason: String,
}

/// A registered service.
#[cw_serde]
pub struct ServiceResponse {
    /// The service name.
    pub svc: String,
    /// Its handler contract.
    pub handler: String,
    /// Whether the handler takes batches.
    #[serde(default)]
    pub batches: bool,
}

/// The fee of a message.
#[cw_serde]
pub struct FeeQuoteResponse {
    /// The native denom to pay in.
    pub denom: String,
    /// The total to attach to `send_message`.
    pub amount: Uint128,
}
