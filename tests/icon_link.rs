//! A link to ICON, end to end: the real message center of `archway.cosmos`
//! linked to ICON's BMC on `0x1.icon` through the real BTP-block verifier
//! (`verifier-btpblock`), fed by a relayer with relay messages of a
//! simulated ICON network whose validators sign real-format BTP blocks
//! (`verifier_btpblock::test_utils`). What ICON's blocks prove reaches the
//! service handler in order and once; what they do not prove, or prove for
//! someone else, changes nothing.

use anyhow::Error;
use btp_types::events::message_center::{DeliveryFailed, MessageDelivered};
use btp_types::events::TypedEvent;
use btp_types::msg::message_center::{
    ExecuteMsg as CenterMsg, InstantiateMsg as CenterInit, LinkResponse, QueryMsg as CenterQuery,
};
use btp_types::msg::verifier::{Counterpart, VerifierExecuteMsg};
use btp_types::msg::verifier_btpblock::{BtpBlockQuery, QueryMsg as VerifierQuery, StatusResponse};
use btp_types::rlp::{self, ListEncoder};
use btp_types::{BtpMessage, NetworkAddress};
use cosmwasm_std::{Addr, Binary, Empty};
use cw_multi_test::{App, AppResponse, Contract, ContractWrapper, Executor};
use testing::events::committed_messages;
use testing::mock_handler::{self, Arrival};
use verifier_btpblock::test_utils::{relay_message, RelayPart, SimulatedIconChain};

/// This chain's network.
const HERE: &str = "archway.cosmos";
/// ICON's network, and its BMC there.
const ICON: &str = "0x1.icon";
const ICON_BMC: &str = "cx23a91ee3dd290486a9113a6a42429825d813de53";
/// BTP network type `eth` (id 1), and the id (in ICON) of the BTP network
/// whose blocks the link follows.
const NETWORK_TYPE: u64 = 1;
const NETWORK_ID: u64 = 2;
/// The service the handler is registered for.
const SVC: &str = "demo";

fn net(network: &str) -> NetworkAddress {
    NetworkAddress::parse(network).unwrap()
}

/// The BTP-block verifier as a chain runs it.
fn verifier_btpblock() -> Box<dyn Contract<Empty>> {
    use verifier_btpblock::contract::{execute, instantiate, migrate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

/// What a refusal must leave as it was.
#[derive(Debug, PartialEq)]
struct Observed {
    rx_seq: u64,
    arrivals: Vec<Arrival>,
    verifier: StatusResponse,
}

/// `archway.cosmos` with its link to ICON.
struct IconLink {
    app: App,
    owner: Addr,
    relayer: Addr,
    center: Addr,
    handler: Addr,
    verifier: Addr,
    verifier_code: u64,
    icon: SimulatedIconChain,
    /// ICON BMC's network serial number of the last message built.
    nsn: i64,
}

impl IconLink {
    /// The link, its verifier started from the first block of an ICON
    /// network of four validators.
    fn new() -> Self {
        let mut app = App::default();
        let owner = app.api().addr_make("owner");
        let relayer = app.api().addr_make("relayer");
        let center_code = app.store_code(testing::contracts::message_center());
        let handler_code = app.store_code(mock_handler::contract());
        let verifier_code = app.store_code(verifier_btpblock());
        let center = app
            .instantiate_contract(
                center_code,
                owner.clone(),
                &CenterInit {
                    network: net(HERE),
                    owner: None,
                    fee_denom: "uarch".to_string(),
                    delivery_gas_limit: None,
                },
                &[],
                "message center",
                None,
            )
            .unwrap();
        let handler = app
            .instantiate_contract(
                handler_code,
                owner.clone(),
                &mock_handler::InstantiateMsg {
                    message_center: center.to_string(),
                },
                &[],
                "handler",
                None,
            )
            .unwrap();
        let icon = SimulatedIconChain::new(ICON, NETWORK_TYPE, NETWORK_ID, 4);
        let mut link = Self {
            app,
            owner,
            relayer,
            center,
            handler,
            verifier: Addr::unchecked(""),
            verifier_code,
            icon,
            nsn: 0,
        };
        let first = link.icon.instantiate_msg(link.center.as_str(), ICON_BMC);
        link.verifier = link.instantiate_verifier(&first);
        let (center, handler, verifier) = (
            link.center.clone(),
            link.handler.clone(),
            link.verifier.clone(),
        );
        link.as_owner(
            &center,
            &CenterMsg::AddLink {
                network: net(ICON),
                verifier: verifier.to_string(),
                remote_message_center: ICON_BMC.to_string(),
                relayers: vec![],
            },
        );
        link.as_owner(
            &center,
            &CenterMsg::AddService {
                svc: SVC.to_string(),
                handler: handler.to_string(),
                batches: None,
            },
        );
        link
    }

    fn instantiate_verifier(
        &mut self,
        msg: &btp_types::msg::verifier_btpblock::InstantiateMsg,
    ) -> Addr {
        self.app
            .instantiate_contract(
                self.verifier_code,
                self.owner.clone(),
                msg,
                &[],
                "verifier-btpblock",
                None,
            )
            .unwrap()
    }

    fn as_owner(&mut self, contract: &Addr, msg: &CenterMsg) {
        self.app
            .execute_contract(self.owner.clone(), contract.clone(), msg, &[])
            .unwrap();
    }

    /// A message ICON's BMC sends here for the handler: a request when
    /// `sn > 0`, one-way when 0.
    fn icon_message(&mut self, sn: i64, payload: &str) -> Vec<u8> {
        self.nsn += 1;
        BtpMessage {
            src: net(ICON),
            dst: net(HERE),
            svc: SVC.to_string(),
            sn,
            payload: Binary::from(payload.as_bytes()),
            nsn: self.nsn,
            fee_info: None,
        }
        .encode()
    }

    /// The relayer's `handle_verifier_relay` from `src`.
    fn relay_from(&mut self, src: &str, parts: &[RelayPart]) -> Result<AppResponse, Error> {
        self.app.execute_contract(
            self.relayer.clone(),
            self.center.clone(),
            &CenterMsg::HandleVerifierRelay {
                src: net(src),
                relay_message: Binary::from(relay_message(parts)),
            },
            &[],
        )
    }

    /// The relayer's `handle_verifier_relay` from ICON.
    fn relay(&mut self, parts: &[RelayPart]) -> Result<AppResponse, Error> {
        self.relay_from(ICON, parts)
    }

    fn link(&self) -> LinkResponse {
        self.app
            .wrap()
            .query_wasm_smart(&self.center, &CenterQuery::Link { network: net(ICON) })
            .unwrap()
    }

    fn arrivals(&self) -> Vec<Arrival> {
        self.app
            .wrap()
            .query_wasm_smart(&self.handler, &mock_handler::QueryMsg::Arrivals {})
            .unwrap()
    }

    /// The payloads that arrived, in order.
    fn payloads(&self) -> Vec<String> {
        self.arrivals()
            .into_iter()
            .map(|arrival| match arrival {
                Arrival::Message { payload, .. } => String::from_utf8(payload.to_vec()).unwrap(),
                other => panic!("a reply arrived: {other:?}"),
            })
            .collect()
    }

    fn status(&self) -> StatusResponse {
        self.app
            .wrap()
            .query_wasm_smart(
                &self.verifier,
                &VerifierQuery::BtpBlock(BtpBlockQuery::Status {}),
            )
            .unwrap()
    }

    fn observed(&self) -> Observed {
        Observed {
            rx_seq: self.link().rx_seq,
            arrivals: self.arrivals(),
            verifier: self.status(),
        }
    }

    /// The relay is refused and changes nothing: not the link's history,
    /// not the handler, not the verifier.
    fn refused(&mut self, parts: &[RelayPart]) -> Error {
        let before = self.observed();
        let err = self.relay(parts).unwrap_err();
        assert_eq!(self.observed(), before, "a refused relay changed something");
        err
    }
}

/// The message center's own refusal, typed.
fn center_error(err: &Error) -> &message_center::ContractError {
    err.downcast_ref::<message_center::ContractError>()
        .unwrap_or_else(|| panic!("not a message center error: {err:#}"))
}

/// The verifier's refusal, typed: cw-multi-test keeps the verifier's error
/// (the failed submessage) in the chain of the relay's error.
fn verifier_error(err: &Error) -> &verifier_btpblock::ContractError {
    err.downcast_ref::<verifier_btpblock::ContractError>()
        .unwrap_or_else(|| panic!("not a verifier error: {err:#}"))
}

#[test]
fn icon_messages_are_delivered_in_order_once_and_requests_are_answered_here() {
    let mut link = IconLink::new();
    let request = link.icon_message(1, "request one");
    let one_way = link.icon_message(0, "one-way");
    let block = link.icon.produce_block(vec![request, one_way]);
    let response = link
        .relay(&[block.update(), block.messages_proof()])
        .unwrap();
    assert_eq!(link.payloads(), ["request one", "one-way"]);
    assert_eq!(link.link().rx_seq, 2);
    let delivered = MessageDelivered::parse(&response.events);
    assert_eq!(delivered.len(), 2);
    assert_eq!(delivered[0].network, ICON);
    assert_eq!(delivered[0].sequence, 1);
    // The request's reply is committed here, for ICON's BMC.
    let replies = committed_messages(&response);
    assert_eq!(replies.len(), 1, "{replies:?}");
    assert_eq!(replies[0].network, ICON);
    assert_eq!(replies[0].remote_center, ICON_BMC);
    let reply = BtpMessage::decode(&replies[0].message).unwrap();
    assert_eq!((reply.src, reply.dst), (net(HERE), net(ICON)));
    assert_eq!((reply.svc.as_str(), reply.sn, reply.nsn), (SVC, -1, -1));

    // The next block's message follows, once.
    let third = link.icon_message(2, "request two");
    let next = link.icon.produce_block(vec![third]);
    link.relay(&[next.update(), next.messages_proof()]).unwrap();
    assert_eq!(link.payloads(), ["request one", "one-way", "request two"]);
    assert_eq!(link.link().rx_seq, 3);
    assert_eq!(link.status().height, next.height());
}

#[test]
fn a_blocks_messages_arrive_over_two_relay_messages_after_an_update_alone() {
    let mut link = IconLink::new();
    // An empty block: an update-only relay message delivers nothing.
    let empty = link.icon.produce_block(vec![]);
    let response = link.relay(&[empty.update()]).unwrap();
    assert!(MessageDelivered::parse(&response.events).is_empty());
    assert_eq!(link.link().rx_seq, 0);
    assert_eq!(link.status().height, empty.height());

    let messages: Vec<Vec<u8>> = (1..=5)
        .map(|sn| link.icon_message(0, &format!("part {sn}")))
        .collect();
    let block = link.icon.produce_block(messages);
    // The update alone, then the messages in two relay messages.
    link.relay(&[block.update()]).unwrap();
    assert_eq!(
        (link.link().rx_seq, link.status().remaining_messages),
        (0, 5)
    );
    link.relay(&[block.message_proof(0, 2)]).unwrap();
    assert_eq!(link.payloads(), ["part 1", "part 2"]);
    assert_eq!(link.link().rx_seq, 2);
    link.relay(&[block.message_proof(2, 5)]).unwrap();
    assert_eq!(
        link.payloads(),
        ["part 1", "part 2", "part 3", "part 4", "part 5"]
    );
    assert_eq!(link.link().rx_seq, 5);
    assert_eq!(link.status().remaining_messages, 0);
}

#[test]
fn after_a_validator_change_the_new_set_signs_and_the_old_one_is_refused() {
    let mut link = IconLink::new();
    let old_set = link.icon.validators().to_vec();
    let change = link.icon.change_validators(7);
    link.relay(&[change.update()]).unwrap();
    let new_set: Vec<_> = link
        .icon
        .validators()
        .iter()
        .map(|key| cosmwasm_std::HexBinary::from(key.address()))
        .collect();
    assert_eq!(link.status().validators, new_set);

    let message = link.icon_message(1, "under the new set");
    let block = link.icon.produce_block(vec![message]);
    // Signed by the old set (all of it): refused by the verifier.
    let err = link.refused(&[
        block.update_signed_with(&old_set, &[0, 1, 2, 3]),
        block.messages_proof(),
    ]);
    assert!(
        matches!(
            verifier_error(&err),
            verifier_btpblock::ContractError::InvalidValidator { .. }
        ),
        "{err:#}"
    );
    // Signed by 5 of the 7 new validators: delivered.
    link.relay(&[
        block.update_signed_by(&[0, 2, 3, 5, 6]),
        block.messages_proof(),
    ])
    .unwrap();
    assert_eq!(link.payloads(), ["under the new set"]);
    assert_eq!(link.link().rx_seq, 1);
}

#[test]
fn a_forged_message_is_refused() {
    let mut link = IconLink::new();
    let real = link.icon_message(1, "pay 1");
    let block = link.icon.produce_block(vec![real]);
    link.relay(&[block.update()]).unwrap();
    // A proof of another message than the block holds.
    let forged = link.icon_message(1, "pay 1000000");
    let proof = (
        verifier_btpblock::codec::TYPE_MESSAGE_PROOF,
        verifier_btpblock::test_utils::message_proof_of(&[forged], 0, 1),
    );
    let err = link.refused(&[proof]);
    assert!(
        matches!(
            verifier_error(&err),
            verifier_btpblock::ContractError::MessagesRootMismatch { .. }
        ),
        "{err:#}"
    );
    // The true message still goes through.
    link.relay(&[block.messages_proof()]).unwrap();
    assert_eq!(link.payloads(), ["pay 1"]);
}

#[test]
fn a_block_signed_by_too_few_validators_is_refused() {
    let mut link = IconLink::new();
    let message = link.icon_message(0, "m");
    let block = link.icon.produce_block(vec![message]);
    // 2 of 4 (3 are needed: more than 2/3).
    let err = link.refused(&[block.update_signed_by(&[0, 3]), block.messages_proof()]);
    assert_eq!(
        verifier_error(&err),
        &verifier_btpblock::ContractError::NotEnoughSignatures {
            validators: 4,
            signed: 2
        }
    );
    link.relay(&[block.update_signed_by(&[0, 1, 3]), block.messages_proof()])
        .unwrap();
    assert_eq!(link.payloads(), ["m"]);
}

#[test]
fn a_replayed_relay_message_delivers_nothing_twice() {
    let mut link = IconLink::new();
    let messages = vec![link.icon_message(1, "a"), link.icon_message(2, "b")];
    let block = link.icon.produce_block(messages);
    let whole = [block.update(), block.messages_proof()];
    link.relay(&whole).unwrap();
    assert_eq!(link.payloads(), ["a", "b"]);
    // The same relay message again: the block is already verified.
    let err = link.refused(&whole);
    assert!(
        matches!(
            verifier_error(&err),
            verifier_btpblock::ContractError::AlreadyVerified { .. }
        ),
        "{err:#}"
    );
    // Its message proof alone again: nothing of the block remains to prove.
    let err = link.refused(&[block.messages_proof()]);
    assert_eq!(
        verifier_error(&err),
        &verifier_btpblock::ContractError::NoRemainingMessages
    );
    assert_eq!(link.link().rx_seq, 2);
}

#[test]
fn a_relay_for_another_source_network_is_refused() {
    let mut link = IconLink::new();
    let message = link.icon_message(0, "for 0x1.icon");
    let block = link.icon.produce_block(vec![message.clone()]);
    let parts = [block.update(), block.messages_proof()];

    // A network this chain has no link to: the message center refuses.
    let before = link.observed();
    let err = link.relay_from("0x2.icon", &parts).unwrap_err();
    assert!(
        matches!(
            center_error(&err),
            message_center::ContractError::NoLink { .. }
        ),
        "{err:#}"
    );
    assert_eq!(link.observed(), before);

    // A second ICON network linked with its own verifier (same validators,
    // same BTP network id): 0x1.icon's blocks relayed as 0x2.icon's are
    // refused, since the validators signed them for 0x1.icon.
    let mut other = SimulatedIconChain::with_validators(
        "0x2.icon",
        NETWORK_TYPE,
        NETWORK_ID,
        link.icon.first_block().signers.clone(),
    );
    let other_verifier =
        link.instantiate_verifier(&other.instantiate_msg(link.center.as_str(), ICON_BMC));
    let center = link.center.clone();
    link.as_owner(
        &center,
        &CenterMsg::AddLink {
            network: net("0x2.icon"),
            verifier: other_verifier.to_string(),
            remote_message_center: ICON_BMC.to_string(),
            relayers: vec![],
        },
    );
    let err = link.relay_from("0x2.icon", &parts).unwrap_err();
    assert!(
        matches!(
            verifier_error(&err),
            verifier_btpblock::ContractError::InvalidValidator { .. }
        ),
        "{err:#}"
    );
    assert_eq!(link.observed(), before);

    // And the other way: 0x2.icon's block (the same header, signed for
    // 0x2.icon) relayed over 0x1.icon's link.
    let other_block = other.produce_block(vec![message]);
    assert_eq!(other_block.header, block.header);
    let err = link.refused(&[other_block.update(), other_block.messages_proof()]);
    assert!(
        matches!(
            verifier_error(&err),
            verifier_btpblock::ContractError::InvalidValidator { .. }
        ),
        "{err:#}"
    );

    // The true relay still goes through.
    link.relay(&parts).unwrap();
    assert_eq!(link.payloads(), ["for 0x1.icon"]);
}

#[test]
fn the_verifier_takes_relay_messages_only_from_its_message_center() {
    let mut link = IconLink::new();
    let message = link.icon_message(0, "m");
    let block = link.icon.produce_block(vec![message]);
    let before = link.observed();
    let err = link
        .app
        .execute_contract(
            link.relayer.clone(),
            link.verifier.clone(),
            &VerifierExecuteMsg::VerifyRelayMessage {
                source: Counterpart {
                    network: net(ICON),
                    center: ICON_BMC.to_string(),
                },
                relay_message: Binary::from(relay_message(&[
                    block.update(),
                    block.messages_proof(),
                ])),
            },
            &[],
        )
        .unwrap_err();
    assert!(
        matches!(
            verifier_error(&err),
            verifier_btpblock::ContractError::Unauthorized { .. }
        ),
        "{err:#}"
    );
    assert_eq!(link.observed(), before);
}

#[test]
fn an_icon_message_with_an_sn_beyond_i64_is_passed_over_and_the_next_one_delivered() {
    let mut link = IconLink::new();
    // ICON's sn is a BigInteger: 2^63 is the 9-byte integer 00 80 00 .. 00.
    let mut sn = vec![0x00, 0x80];
    sn.extend([0; 7]);
    link.nsn += 1;
    let huge = ListEncoder::new()
        .push(ICON)
        .push(HERE)
        .push(SVC)
        .push(&sn)
        .push(b"too big".as_slice())
        .push(&link.nsn)
        .push_raw(&rlp::NULL)
        .finish();
    let next = link.icon_message(1, "after it");
    let block = link.icon.produce_block(vec![huge, next]);
    let response = link
        .relay(&[block.update(), block.messages_proof()])
        .unwrap();
    let failed = DeliveryFailed::parse(&response.events);
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0].network, ICON);
    assert_eq!(failed[0].sequence, 1);
    // Received (its sequence counts), not delivered, not answered.
    assert_eq!(link.link().rx_seq, 2);
    assert_eq!(link.payloads(), ["after it"]);
    let replies = committed_messages(&response);
    assert_eq!(replies.len(), 1);
    assert_eq!(BtpMessage::decode(&replies[0].message).unwrap().sn, -1);
}
