//! The relay target: `handle_relay_message` of the message center on the
//! one-app two-chain suite of `packages/testing` (mock verifiers), against
//! a fixed state prepared once per thread:
//!
//! 1. the user sends COIN_A (native) and TOKEN_A (cw20) from A to B
//!    (A's messages 1, 2), which are relayed: B mints, and commits its two
//!    success replies (B's messages 1, 2);
//! 2. the user returns part of the wrapped COIN_A from B to A (B's message 3);
//! 3. the user sends COIN_A from A to itself on B, and TOKEN_A to an account
//!    B refuses (A's messages 3, 4).
//!
//! So B has received 2 of A's 4 messages, A none of B's 3; both sides have
//! requests waiting for replies. Each input is run against that state
//! (restored when a relay changed it); the input picks the verifier mode.

use std::cell::RefCell;

use btp_types::events::message_center::{DeliveryFailed, MessageDelivered, MessageForwarded};
use btp_types::error_code::{NO_ROUTE, TIMED_OUT};
use btp_types::events::TypedEvent;
use btp_types::msg::message_center::{self as center, RelayedMessage};
use btp_types::msg::token_handler::{ExecuteMsg as HandlerMsg, ReceiveMsg};
use btp_types::token_service::TOKEN_SERVICE;
use btp_types::{
    Asset, BtpAddress, BtpMessage, ErrorMessage, MessageCenterMessage, TokenServiceMessage,
    TransferRequest,
};
use cosmwasm_std::{coin, to_json_binary, Addr, Binary, Order, Storage, Timestamp, Uint128};
use cw_multi_test::Executor;
use testing::mock_verifier::{Mode, MOCK_PROOF};
use testing::suite::{Side, Suite, SuiteBuilder, COIN_A, COIN_A_DENOM, TOKEN_A};

use crate::input::{Reader, Writer};

/// The verifier modes, by index.
const MODES: [Mode; 3] = [Mode::CheckSource, Mode::AcceptAll, Mode::RejectAll];
const CHECK: usize = 0;
const ACCEPT: usize = 1;
const REJECT: usize = 2;

type Entries = Vec<(Vec<u8>, Vec<u8>)>;

fn entries(storage: &dyn Storage) -> Entries {
    storage.range(None, None, Order::Ascending).collect()
}

fn side_index(side: Side) -> usize {
    match side {
        Side::A => 0,
        Side::B => 1,
    }
}

/// The prepared suite, and what is needed to judge a relay on it.
pub struct Fixture {
    pub suite: Suite,
    /// The whole app storage with both verifiers in each mode.
    snapshots: [Entries; 3],
    /// Which snapshot the storage holds now (`None`: changed by a relay).
    current: Option<usize>,
    /// Every message each side committed, in sequence order (A, B).
    pub genuine: [Vec<RelayedMessage>; 2],
    /// Each side's contracts (A, B).
    contracts: [Vec<Addr>; 2],
    /// Each side's `rx_seq` from the other in the prepared state (A, B).
    rx_seq: [u64; 2],
}

fn receiver(suite: &Suite, side: Side, account: &str) -> BtpAddress {
    BtpAddress::parse(&format!("btp://{}/{account}", suite.chain(side).network)).unwrap()
}

fn send_native(suite: &mut Suite, account: &str, amount: u128) {
    let (user, handler) = (suite.user.clone(), suite.a.handler.clone());
    let to = receiver(suite, Side::B, account);
    suite
        .execute(
            Side::A,
            &user,
            &handler,
            &HandlerMsg::Transfer {
                to,
                timeout_secs: Some(600),
            },
            &[coin(amount, COIN_A_DENOM)],
        )
        .expect("a native transfer from A");
}

fn send_cw20(suite: &mut Suite, from: Side, token: &Addr, account: &str, amount: u128) {
    let user = suite.user.clone();
    let handler = suite.chain(from).handler.clone();
    let to = receiver(suite, from.other(), account);
    let msg = cw20::Cw20ExecuteMsg::Send {
        contract: handler.to_string(),
        amount: Uint128::new(amount),
        msg: to_json_binary(&ReceiveMsg::Transfer {
            to,
            timeout_secs: Some(600),
        })
        .unwrap(),
    };
    suite
        .execute(from, &user, token, &msg, &[])
        .expect("a cw20 transfer");
}

impl Fixture {
    pub fn new() -> Self {
        let mut suite = SuiteBuilder::new().build();
        let mut genuine: [Vec<RelayedMessage>; 2] = [Vec::new(), Vec::new()];
        let user = suite.user.to_string();

        send_native(&mut suite, &user, 10_000);
        let token_a = suite.token_a.clone();
        send_cw20(&mut suite, Side::A, &token_a, &user, 5_000);
        genuine[0].extend(suite.take_outbox(Side::A));
        suite
            .relay_messages(Side::A, genuine[0].clone())
            .expect("the honest relay from A");

        let wrapped = suite.token(Side::B, COIN_A);
        send_cw20(&mut suite, Side::B, &wrapped, &user, 1_000);
        send_native(&mut suite, &user, 2_000);
        send_cw20(&mut suite, Side::A, &token_a, "nobody", 3_000);
        let from_a = suite.take_outbox(Side::A);
        genuine[0].extend(from_a);
        genuine[1].extend(suite.take_outbox(Side::B));
        for list in &genuine {
            for (index, message) in list.iter().enumerate() {
                assert_eq!(
                    message.sequence,
                    index as u64 + 1,
                    "a gap in the genuine messages"
                );
            }
        }

        let contracts = [Side::A, Side::B].map(|side| {
            let chain = suite.chain(side);
            let mut list = vec![
                chain.message_center.clone(),
                chain.verifier.clone(),
                chain.vault.clone(),
                chain.handler.clone(),
            ];
            match side {
                Side::A => list.push(suite.token_a.clone()),
                Side::B => {
                    list.extend([suite.token(Side::B, COIN_A), suite.token(Side::B, TOKEN_A)])
                }
            }
            list
        });
        let rx_seq = [Side::A, Side::B].map(|side| suite.link(side).rx_seq);
        assert_eq!(rx_seq, [0, 2]);

        let snapshots = MODES.map(|mode| {
            suite.set_verifier_mode(Side::A, mode.clone());
            suite.set_verifier_mode(Side::B, mode);
            entries(suite.app.storage())
        });
        Self {
            suite,
            snapshots,
            current: Some(REJECT),
            genuine,
            contracts,
            rx_seq,
        }
    }

    /// Puts the storage back to the prepared state with the verifiers in `mode`.
    fn reset(&mut self, mode: usize) {
        if self.current == Some(mode) {
            return;
        }
        let storage = self.suite.app.storage_mut();
        let keys: Vec<Vec<u8>> = storage.range_keys(None, None, Order::Ascending).collect();
        for key in keys {
            storage.remove(&key);
        }
        for (key, value) in &self.snapshots[mode] {
            storage.set(key, value);
        }
        self.current = Some(mode);
    }

    /// The storage of `side`'s contracts.
    fn contracts_storage(&self, side: Side) -> Vec<Entries> {
        self.contracts[side_index(side)]
            .iter()
            .map(|contract| entries(&*self.suite.app.contract_storage(contract)))
            .collect()
    }

    /// Runs one input (see [`relay`]).
    pub fn run(&mut self, data: &[u8]) {
        let relay = Relay::parse(data);
        self.reset(relay.mode);
        let from = relay.from;
        let to = from.other();
        let src = if relay.wrong_src {
            self.suite.chain(to).network.clone()
        } else {
            self.suite.chain(from).network.clone()
        };
        let msg = center::ExecuteMsg::HandleRelayMessage {
            src,
            proof_height: self.suite.app.block_info().height,
            messages: relay.messages.clone(),
            proof: relay.proof.clone(),
            prior_head: relay.prior_head.clone(),
        };
        let source_before = self.contracts_storage(from);
        let (relayer, center) = (
            self.suite.relayer.clone(),
            self.suite.chain(to).message_center.clone(),
        );
        let result = self.suite.app.execute_contract(relayer, center, &msg, &[]);
        if crate::verbose() {
            eprintln!(
                "relay {from:?} mode {}: {}",
                relay.mode,
                match &result {
                    Ok(response) => format!("ok, {} events", response.events.len()),
                    Err(err) => format!("error: {err:#}"),
                }
            );
        }
        let response = match result {
            Ok(response) => response,
            Err(_) => {
                assert!(
                    entries(self.suite.app.storage()) == self.snapshots[relay.mode],
                    "a refused relay changed the state"
                );
                return;
            }
        };
        self.current = None;
        assert!(
            self.contracts_storage(from) == source_before,
            "a relay into {to:?} changed the contracts of {from:?}"
        );
        let last = relay
            .messages
            .last()
            .expect("an accepted batch is not empty")
            .sequence;
        assert_eq!(
            self.suite.link(to).rx_seq,
            last,
            "rx_seq is not the last sequence"
        );
        match relay.mode {
            CHECK => {
                assert!(!relay.wrong_src);
                assert_eq!(
                    relay.proof.as_slice(),
                    MOCK_PROOF,
                    "a forged proof passed the checking verifier"
                );
                let start = usize::try_from(self.rx_seq[side_index(to)]).unwrap();
                let genuine: Vec<RelayedMessage> = self.genuine[side_index(from)]
                    .iter()
                    .skip(start)
                    .take(relay.messages.len())
                    .cloned()
                    .collect();
                assert_eq!(
                    genuine.len(),
                    relay.messages.len(),
                    "the checking verifier let through more messages than {from:?} committed"
                );
                for (index, (message, genuine)) in relay.messages.iter().zip(&genuine).enumerate() {
                    assert_eq!(
                        (message.sequence, &message.message),
                        (genuine.sequence, &genuine.message),
                        "the checking verifier let through message {index} of the batch, which \
                         {from:?} never committed as the next message"
                    );
                }
                if relay.messages != genuine {
                    // Only the timeouts differ (in a form the head does not
                    // tell apart): the outcome must be exactly the genuine
                    // batch's, which is run from the same state to compare.
                    let outcome = entries(self.suite.app.storage());
                    self.reset(relay.mode);
                    let genuine_msg = center::ExecuteMsg::HandleRelayMessage {
                        src: self.suite.chain(from).network.clone(),
                        proof_height: self.suite.app.block_info().height,
                        messages: genuine,
                        proof: relay.proof.clone(),
                        prior_head: relay.prior_head.clone(),
                    };
                    let (relayer, center) = (
                        self.suite.relayer.clone(),
                        self.suite.chain(to).message_center.clone(),
                    );
                    self.suite
                        .app
                        .execute_contract(relayer, center, &genuine_msg, &[])
                        .expect("the genuine batch is accepted where a re-timed copy was");
                    self.current = None;
                    assert!(
                        entries(self.suite.app.storage()) == outcome,
                        "a batch with other timeouts than {from:?} committed was accepted, \
                         and its outcome differs from the genuine batch's: timeouts {:?}",
                        relay
                            .messages
                            .iter()
                            .map(|message| message.timeout)
                            .collect::<Vec<_>>()
                    );
                }
            }
            ACCEPT => {
                // Past a verifier that accepts anything, a message reaches a
                // handler only when it is for this network and from the
                // link's; one for another network (no routes here) or back
                // from this one is received and refused (`NO_ROUTE`, or
                // `TIMED_OUT` when late), never delivered nor forwarded.
                let (here, there) = (
                    self.suite.chain(to).network.clone(),
                    self.suite.chain(from).network.clone(),
                );
                let delivered = MessageDelivered::parse(&response.events);
                let refused = DeliveryFailed::parse(&response.events);
                assert!(
                    !MessageForwarded::occurs_in(&response.events),
                    "forwarded with no route"
                );
                for message in &relay.messages {
                    let decoded =
                        BtpMessage::decode(&message.message).expect("an accepted message decodes");
                    let was_delivered = delivered
                        .iter()
                        .any(|event| event.sequence == message.sequence);
                    if decoded.src != here {
                        assert_eq!(decoded.src, there, "accepted from another source");
                    }
                    if decoded.dst != here || decoded.src == here {
                        assert!(!was_delivered, "delivered a message not for this network");
                        assert!(
                            refused.iter().any(|event| event.sequence == message.sequence
                                && [NO_ROUTE, TIMED_OUT].contains(&event.code)),
                            "a message for {} from {} was accepted without a NO_ROUTE (or TIMED_OUT) refusal",
                            decoded.dst,
                            decoded.src
                        );
                    }
                }
            }
            _ => panic!("a relay passed the verifier that rejects everything"),
        }
    }
}

impl Default for Fixture {
    fn default() -> Self {
        Self::new()
    }
}

/// One input, parsed.
struct Relay {
    from: Side,
    mode: usize,
    wrong_src: bool,
    messages: Vec<RelayedMessage>,
    prior_head: Option<Binary>,
    proof: Binary,
}

/// Flag bits of the first byte.
const FROM_B: u8 = 1;
const MODE_SHIFT: u8 = 1;
const PRIOR_HEAD: u8 = 1 << 3;
const WRONG_SRC: u8 = 1 << 4;

/// Most messages an input carries (the contract's limit is 100).
const MAX_MESSAGES: u8 = 8;

impl Relay {
    fn parse(data: &[u8]) -> Self {
        let mut input = Reader::new(data);
        let flags = input.u8();
        let count = input.u8() % (MAX_MESSAGES + 1);
        let messages = (0..count)
            .map(|_| {
                let sequence = input.u64();
                let has_timeout = input.u8() & 1 == 1;
                let nanos = input.u64();
                RelayedMessage {
                    sequence,
                    timeout: has_timeout.then(|| Timestamp::from_nanos(nanos)),
                    message: Binary::from(input.medium()),
                }
            })
            .collect();
        let prior_head = (flags & PRIOR_HEAD != 0).then(|| Binary::from(input.short()));
        Self {
            from: if flags & FROM_B == 0 {
                Side::A
            } else {
                Side::B
            },
            mode: match (flags >> MODE_SHIFT) & 3 {
                0 | 1 => CHECK,
                2 => ACCEPT,
                _ => REJECT,
            },
            wrong_src: flags & WRONG_SRC != 0,
            messages,
            prior_head,
            proof: Binary::from(input.rest()),
        }
    }
}

/// The encoded input of [`relay`].
pub fn relay_input(
    from: Side,
    mode: usize,
    wrong_src: bool,
    messages: &[RelayedMessage],
    prior_head: Option<&[u8]>,
    proof: &[u8],
) -> Vec<u8> {
    let mode_bits = match mode {
        CHECK => 0,
        ACCEPT => 2,
        _ => 3,
    };
    let flags = u8::from(from == Side::B)
        | (mode_bits << MODE_SHIFT)
        | if prior_head.is_some() { PRIOR_HEAD } else { 0 }
        | if wrong_src { WRONG_SRC } else { 0 };
    let mut writer = Writer::new()
        .u8(flags)
        .u8(u8::try_from(messages.len()).expect("a few messages"));
    for message in messages {
        writer = writer
            .u64(message.sequence)
            .u8(u8::from(message.timeout.is_some()))
            .u64(message.timeout.map_or(0, |time| time.nanos()))
            .medium(&message.message);
    }
    if let Some(head) = prior_head {
        writer = writer.short(head);
    }
    writer.raw(proof).finish()
}

thread_local! {
    static FIXTURE: RefCell<Option<Fixture>> = const { RefCell::new(None) };
}

/// `relay`: one `handle_relay_message` on the prepared suite (input:
/// `[flags][count]`, per message `[u64 LE sequence][timeout flag][u64 LE
/// timeout nanos][u16 LE length][message bytes]`, `[u8 length][prior head]`
/// when flagged, then the proof; flags: bit 0 from B to A (else A to B),
/// bits 1-2 the verifier mode (0, 1 checks the source's storage, 2 accepts
/// everything, 3 rejects everything), bit 3 a prior head, bit 4 the
/// destination's own network as `src`).
///
/// - a refused relay changes no state at all;
/// - an accepted one never changes the source chain's contracts, and sets
///   `rx_seq` to its last sequence;
/// - with the checking verifier, an accepted batch carries the genuine next
///   messages of the source (same sequences and bytes) with the one valid
///   proof, and does exactly what the genuine batch does: where a timeout
///   differs (only in a form the chain head does not tell apart), the
///   genuine batch is run from the same state and must leave the same state;
/// - past the accept-all verifier (a broken light client), every accepted
///   message still decodes and is addressed from the link's network to
///   this one;
/// - nothing passes the reject-all verifier.
pub fn relay(data: &[u8]) {
    FIXTURE.with(|cell| {
        let mut cell = cell.borrow_mut();
        cell.get_or_insert_with(Fixture::new).run(data);
    });
}

fn btp(fixture: &Fixture, from: Side, svc: &str, sn: i64, nsn: i64, payload: Vec<u8>) -> Vec<u8> {
    BtpMessage {
        src: fixture.suite.chain(from).network.clone(),
        dst: fixture.suite.chain(from.other()).network.clone(),
        svc: svc.into(),
        sn,
        payload: Binary::new(payload),
        nsn,
        fee_info: None,
    }
    .encode()
}

fn relayed(sequence: u64, message: Vec<u8>, timeout: Option<Timestamp>) -> RelayedMessage {
    RelayedMessage {
        sequence,
        message: Binary::new(message),
        timeout,
    }
}

/// Seeds of [`relay`]: the genuine batches both ways (whole, in part,
/// replayed, with a forged proof, past each verifier mode), and through the
/// accept-all verifier the messages only a forged proof could bring: a
/// reward claim, a reply to B's waiting request, a transfer A never made,
/// a timed-out message.
pub fn relay_seeds() -> Vec<(String, Vec<u8>)> {
    let fixture = Fixture::new();
    let [from_a, from_b] = &fixture.genuine;
    let mock = MOCK_PROOF;
    let mut seeds = vec![
        (
            "a-to-b-genuine-3-4",
            relay_input(Side::A, CHECK, false, &from_a[2..4], None, mock),
        ),
        (
            "a-to-b-genuine-3",
            relay_input(Side::A, CHECK, false, &from_a[2..3], None, mock),
        ),
        (
            "b-to-a-genuine-1-3",
            relay_input(Side::B, CHECK, false, &from_b[0..3], None, mock),
        ),
        (
            "b-to-a-genuine-1",
            relay_input(Side::B, CHECK, false, &from_b[0..1], None, mock),
        ),
        (
            "a-to-b-replayed-1-2",
            relay_input(Side::A, CHECK, false, &from_a[0..2], None, mock),
        ),
        (
            "a-to-b-out-of-order",
            relay_input(
                Side::A,
                CHECK,
                false,
                &[from_a[3].clone(), from_a[2].clone()],
                None,
                mock,
            ),
        ),
        (
            "a-to-b-forged-proof",
            relay_input(Side::A, CHECK, false, &from_a[2..4], None, b"forged"),
        ),
        (
            "a-to-b-reject-all",
            relay_input(Side::A, REJECT, false, &from_a[2..4], None, mock),
        ),
        (
            "a-to-b-wrong-src",
            relay_input(Side::A, CHECK, true, &from_a[2..4], None, mock),
        ),
        (
            "a-to-b-empty",
            relay_input(Side::A, CHECK, false, &[], None, mock),
        ),
        (
            "b-to-a-prior-head",
            relay_input(Side::B, CHECK, false, &from_b[0..1], Some(&[0u8; 32]), mock),
        ),
        (
            "b-to-a-accept-all",
            relay_input(Side::B, ACCEPT, false, &from_b[0..3], None, b""),
        ),
    ]
    .into_iter()
    .map(|(name, bytes)| (name.to_string(), bytes))
    .collect::<Vec<_>>();

    // Through the accept-all verifier: what only a broken light client lets in.
    let next = fixture.rx_seq[side_index(Side::B)] + 1;
    let claim = MessageCenterMessage::Claim {
        amount: Uint128::new(5),
        receiver: fixture.suite.relayer.to_string(),
    }
    .encode();
    let b_request = BtpMessage::decode(&from_b[2].message).unwrap();
    let reply = ErrorMessage {
        code: 0,
        message: String::new(),
    }
    .encode();
    let forged_transfer = TokenServiceMessage::Transfer(TransferRequest {
        from: "attacker".into(),
        to: fixture.suite.user.to_string(),
        assets: vec![Asset {
            coin_name: COIN_A.into(),
            amount: Uint128::new(1_000_000),
        }],
    })
    .encode();
    let past = Timestamp::from_nanos(1);
    let accept = |name: &str, messages: Vec<RelayedMessage>| {
        (
            name.to_string(),
            relay_input(Side::A, ACCEPT, false, &messages, None, b""),
        )
    };
    seeds.extend([
        accept(
            "a-to-b-accept-all-claim-reward",
            vec![relayed(
                next,
                btp(&fixture, Side::A, "bmc", 9, 9, claim),
                None,
            )],
        ),
        accept(
            "a-to-b-accept-all-reply",
            vec![relayed(
                next,
                btp(
                    &fixture,
                    Side::A,
                    TOKEN_SERVICE,
                    -b_request.sn,
                    -b_request.nsn,
                    reply,
                ),
                None,
            )],
        ),
        accept(
            "a-to-b-accept-all-forged-transfer",
            vec![relayed(
                next,
                btp(&fixture, Side::A, TOKEN_SERVICE, 7, 7, forged_transfer),
                Some(past.plus_seconds(4_000_000_000)),
            )],
        ),
        accept(
            "a-to-b-accept-all-timed-out",
            vec![relayed(next, from_a[2].message.to_vec(), Some(past))],
        ),
    ]);
    seeds
}
