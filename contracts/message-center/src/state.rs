use btp_types::msg::message_center::DelayPeriod;
use btp_types::msg::verifier::Counterpart;
use btp_types::NetworkAddress;
use contract_kit::stored::{decode, encode, Stored, StoredMap};
use cosmwasm_schema::cw_serde;
use cosmwasm_schema::serde::{Deserialize, Serialize};
use cosmwasm_std::{Addr, Binary, Empty, StdResult, Timestamp, Uint128};
use cw_storage_plus::{Item, Map};

/// Settings the owner chooses.
#[cw_serde]
pub struct Config {
    /// This chain's network address.
    pub network: NetworkAddress,
    /// Native denom of relay fees.
    pub fee_denom: String,
    /// Gas a handler gets for one delivery.
    pub delivery_gas_limit: u64,
}

/// A link to a remote network: how its messages are proven and carried.
/// Its sequences live in [`History`], which outlives every change of the link.
#[cw_serde]
pub struct Link {
    /// Whether messages are sent and delivered on it; a closed link keeps
    /// its verifier so that its requests can still be timed out.
    pub open: bool,
    /// The verifier of the remote chain.
    pub verifier: Addr,
    /// The remote message center's address, exactly as the remote chain
    /// writes it: the history, and the proofs, are bound to it.
    pub remote_message_center: String,
    /// Who may relay; empty means anyone.
    pub relayers: Vec<Addr>,
    /// How long remote state must have been trusted before a proof against
    /// it is accepted (absent from links stored before delays existed).
    #[serde(default)]
    pub delay: Option<DelayPeriod>,
    /// Fee for a message to the remote network.
    pub forward_fee: Uint128,
    /// Fee, on requests, for the reply's way back.
    pub backward_fee: Uint128,
}

impl Link {
    /// The history this link carries now.
    pub fn counterpart(&self, network: &NetworkAddress) -> Counterpart {
        Counterpart {
            network: network.clone(),
            center: self.remote_message_center.clone(),
        }
    }
}

/// How a network without a link is reached ([`crate::route`]).
#[cw_serde]
pub struct Route {
    /// The linked network messages to it go to first.
    pub next: NetworkAddress,
    /// The fee of each hop after the link to `next`.
    pub forward_fees: Vec<Uint128>,
    /// The fee of each of a reply's hops back to `next`.
    pub backward_fees: Vec<Uint128>,
}

/// The sequences and chain heads of this message center's exchange with one
/// remote message center. Created on first use and never removed or reset:
/// closing, reopening and changing a link leave it as it is. (Storage only,
/// so without `cw_serde`'s JSON schema, which cannot follow the heads'
/// `serde(with)`.)
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(deny_unknown_fields, crate = "cosmwasm_schema::serde")]
pub struct History {
    /// Sequence of the last message sent.
    pub tx_seq: u64,
    /// Chain head of the last message sent (zeros before the first).
    #[serde(with = "stored_head")]
    pub tx_head: [u8; 32],
    /// Sequence of the last message delivered.
    pub rx_seq: u64,
    /// The remote chain head of the last message delivered; `None` only for
    /// a history carried over from the first version, until a relay supplies
    /// (and proves) it.
    #[serde(default, with = "stored_optional_head")]
    pub rx_head: Option<[u8; 32]>,
}

/// Every send and every delivered batch writes one: 137 bytes as JSON, 70
/// compact (the heads as their 32 bytes).
impl Stored for History {
    fn to_stored(&self) -> StdResult<Vec<u8>> {
        Ok(encode(|w| {
            w.uint(u128::from(self.tx_seq));
            w.bytes(&self.tx_head);
            w.uint(u128::from(self.rx_seq));
            w.option(self.rx_head.as_ref(), |w, head| w.bytes(head));
        }))
    }

    fn from_stored(bytes: &[u8]) -> StdResult<Self> {
        decode(bytes, "History", |r| {
            Ok(History {
                tx_seq: r.u64()?,
                tx_head: r.array()?,
                rx_seq: r.u64()?,
                rx_head: r.option(|r| r.array())?,
            })
        })
    }
}

/// A chain head in a history's JSON form, which versions before the compact
/// form wrote and which still reads: base64 text (46 bytes of JSON) rather
/// than serde's array of 32 numbers (about 115), and the arrays of the
/// versions before that.
mod stored_head {
    use cosmwasm_schema::serde::de::{self, MapAccess, SeqAccess, Visitor};
    use cosmwasm_schema::serde::{Deserializer, Serializer};
    use cosmwasm_std::Binary;

    pub fn serialize<S: Serializer>(head: &[u8; 32], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&Binary::from(head.as_slice()).to_base64())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<[u8; 32], D::Error> {
        deserializer.deserialize_any(HeadVisitor)
    }

    struct HeadVisitor;

    fn not_a_head<E: de::Error>() -> E {
        E::custom("a chain head must be 32 bytes in base64 or an array of 32 numbers")
    }

    impl<'de> Visitor<'de> for HeadVisitor {
        type Value = [u8; 32];

        fn expecting(&self, formatter: &mut core::fmt::Formatter) -> core::fmt::Result {
            formatter.write_str("a chain head: 32 bytes in base64, or an array of 32 numbers")
        }

        // `deserialize_any` may call any of these; answered here with one
        // message, so that serde's `Unexpected` (and its float formatting,
        // 14 KiB of wasm) is not linked in.
        fn visit_unit<E: de::Error>(self) -> Result<[u8; 32], E> {
            Err(not_a_head())
        }

        fn visit_bool<E: de::Error>(self, _: bool) -> Result<[u8; 32], E> {
            Err(not_a_head())
        }

        fn visit_i64<E: de::Error>(self, _: i64) -> Result<[u8; 32], E> {
            Err(not_a_head())
        }

        fn visit_u64<E: de::Error>(self, _: u64) -> Result<[u8; 32], E> {
            Err(not_a_head())
        }

        fn visit_f64<E: de::Error>(self, _: f64) -> Result<[u8; 32], E> {
            Err(not_a_head())
        }

        fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<[u8; 32], A::Error> {
            Err(not_a_head())
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<[u8; 32], E> {
            let bytes = Binary::from_base64(text).map_err(E::custom)?;
            <[u8; 32]>::try_from(bytes.as_slice())
                .map_err(|_| E::invalid_length(bytes.len(), &self))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<[u8; 32], A::Error> {
            let mut head = [0u8; 32];
            for (read, byte) in head.iter_mut().enumerate() {
                *byte = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(read, &self))?;
            }
            if seq.next_element::<u8>()?.is_some() {
                return Err(de::Error::invalid_length(33, &self));
            }
            Ok(head)
        }
    }
}

/// [`stored_head`] for a head that may be absent (`null`).
mod stored_optional_head {
    use cosmwasm_schema::serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    #[serde(crate = "cosmwasm_schema::serde")]
    struct Head(#[serde(with = "super::stored_head")] [u8; 32]);

    pub fn serialize<S: Serializer>(
        head: &Option<[u8; 32]>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        head.map(Head).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<[u8; 32]>, D::Error> {
        Ok(Option::<Head>::deserialize(deserializer)?.map(|Head(head)| head))
    }
}

impl History {
    /// A history with nothing sent or received.
    pub fn new() -> Self {
        Self {
            rx_head: Some(btp_types::keys::GENESIS_HEAD),
            ..Self::default()
        }
    }
}

/// A request sent from here that waits for its reply or timeout.
#[cw_serde]
pub struct PendingRequest {
    /// The history it was committed in: its destination's link, or the
    /// link its route starts with.
    pub network: NetworkAddress,
    /// The destination, when a route reaches it (absent: `network`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<NetworkAddress>,
    pub remote_message_center: String,
    /// Its sequence there.
    pub sequence: u64,
    pub svc: String,
    pub sn: i64,
    /// The handler that sent it: the outcome goes to it, whatever the
    /// service's registration is when the outcome arrives.
    pub handler: Addr,
    pub timeout: Option<Timestamp>,
}

impl PendingRequest {
    /// The network the request is for, whose reply resolves it.
    pub fn destination(&self) -> &NetworkAddress {
        self.destination.as_ref().unwrap_or(&self.network)
    }
}

/// Every request writes one: 260 bytes as JSON, 163 compact.
impl Stored for PendingRequest {
    fn to_stored(&self) -> StdResult<Vec<u8>> {
        Ok(encode(|w| {
            w.str(self.network.as_str());
            w.option(self.destination.as_ref(), |w, network| {
                w.str(network.as_str())
            });
            w.str(&self.remote_message_center);
            w.uint(u128::from(self.sequence));
            w.str(&self.svc);
            w.int(self.sn);
            w.str(self.handler.as_str());
            w.option(self.timeout.as_ref(), |w, timeout| {
                w.uint(u128::from(timeout.nanos()))
            });
        }))
    }

    fn from_stored(bytes: &[u8]) -> StdResult<Self> {
        decode(bytes, "PendingRequest", |r| {
            Ok(PendingRequest {
                network: r.parsed(NetworkAddress::parse)?,
                destination: r.option(|r| r.parsed(NetworkAddress::parse))?,
                remote_message_center: r.string()?,
                sequence: r.u64()?,
                svc: r.string()?,
                sn: r.int()?,
                // Written from a validated address.
                handler: Addr::unchecked(r.string()?),
                timeout: r.option(|r| r.u64().map(Timestamp::from_nanos))?,
            })
        })
    }
}

/// A request with a timeout this center forwarded ([`crate::route`]),
/// kept until its reply comes back through here or it is timed out here.
#[cw_serde]
pub struct ForwardedRequest {
    /// The history it was committed in: the next hop and its center.
    pub network: NetworkAddress,
    pub remote_message_center: String,
    /// Its sequence there.
    pub sequence: u64,
    pub timeout: Timestamp,
    /// How it arrived: what a `TIMED_OUT` error reply to it needs.
    pub arrival: crate::delivery::DeliveryContext,
}

/// A reply or timeout whose handler failed to take it, kept until a retry
/// succeeds.
#[cw_serde]
pub struct KeptOutcome {
    /// Where the outcome came from: the request's network and the reply's
    /// sequence (the request's, for a timeout).
    pub network: NetworkAddress,
    pub sequence: u64,
    /// The handler to call, and the call (a `handle_btp_reply`), as first made.
    pub handler: Addr,
    pub call: Binary,
    /// Why the handler failed the last time.
    pub reason: String,
}

pub const CONFIG: Item<Config> = Item::new("config");
/// The message center's network serial number: messages it has sent.
pub const NSN: Item<i64> = Item::new("nsn");
/// Links by remote network address.
pub const LINKS: Map<&str, Link> = Map::new("links");
/// Routes by the network they reach.
pub const ROUTES: Map<&str, Route> = Map::new("routes");
/// Histories by (remote network, remote message center).
pub const HISTORIES: StoredMap<(&str, &str), History> = StoredMap::new("histories");
/// Requests waiting for their outcome, by `nsn` (compact: every request writes one).
pub const PENDING_REQUESTS: StoredMap<i64, PendingRequest> = StoredMap::new("pending_requests");
/// Replies to requests sent before the migration to this version (whose
/// `nsn` is at most this) are routed to the service's current handler, as
/// the first version did: it kept no pending requests.
pub const LEGACY_NSN: Item<i64> = Item::new("legacy_nsn");
/// Outcomes kept for a retry, by the request's `nsn`: a request resolves
/// once, so it has at most one.
pub const KEPT_OUTCOMES: Map<i64, KeptOutcome> = Map::new("kept_outcomes");
/// Forwarded requests with a timeout, by (source network, source `nsn`).
pub const FORWARDED_REQUESTS: Map<(&str, i64), ForwardedRequest> = Map::new("forwarded_requests");
/// Handler contract by service name.
pub const SERVICES: Map<&str, Addr> = Map::new("services");
/// The services whose handler takes batches (`handle_btp_messages`,
/// `handle_btp_replies`): registered with `batches: true`.
pub const BATCHED_SERVICES: Map<&str, Empty> = Map::new("batched_services");
/// Unclaimed relay rewards by (network whose fees they are, relayer).
pub const REWARDS: Map<(&str, &Addr), Uint128> = Map::new("rewards");
/// Relay fees paid here for messages to a network and not yet paid out,
/// by that network: rewards earned for that network's traffic are paid
/// from it and from nothing else.
pub const FEE_LEDGER: Map<&str, Uint128> = Map::new("fee_ledger");

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::{from_json, to_json_vec};

    fn history() -> History {
        History {
            tx_seq: 7,
            tx_head: [0xab; 32],
            rx_seq: 3,
            rx_head: Some([0x01; 32]),
        }
    }

    #[test]
    fn a_history_stores_its_heads_as_base64() {
        let stored = String::from_utf8(to_json_vec(&history()).unwrap()).unwrap();
        assert_eq!(
            stored,
            format!(
                r#"{{"tx_seq":7,"tx_head":"{}","rx_seq":3,"rx_head":"{}"}}"#,
                Binary::from([0xab; 32]).to_base64(),
                Binary::from([0x01; 32]).to_base64()
            )
        );
        assert_eq!(from_json::<History>(stored.as_bytes()).unwrap(), history());
        let fresh = to_json_vec(&History::new()).unwrap();
        assert_eq!(from_json::<History>(&fresh).unwrap(), History::new());
        let unproven = History {
            rx_head: None,
            ..history()
        };
        assert_eq!(
            from_json::<History>(&to_json_vec(&unproven).unwrap()).unwrap(),
            unproven
        );
    }

    #[test]
    fn a_history_stored_with_arrays_of_numbers_still_reads() {
        let legacy = format!(
            r#"{{"tx_seq":7,"tx_head":{:?},"rx_seq":3,"rx_head":{:?}}}"#,
            [0xab_u8; 32], [0x01_u8; 32]
        )
        .replace(' ', "");
        assert_eq!(from_json::<History>(legacy.as_bytes()).unwrap(), history());
        let legacy_unproven = format!(
            r#"{{"tx_seq":7,"tx_head":{:?},"rx_seq":3,"rx_head":null}}"#,
            [0xab_u8; 32]
        );
        assert_eq!(
            from_json::<History>(legacy_unproven.as_bytes())
                .unwrap()
                .rx_head,
            None
        );
    }

    #[test]
    fn a_head_of_another_length_is_refused() {
        for head in [
            format!("{:?}", [1_u8; 31]),
            format!("{:?}", [1_u8; 33]),
            format!("{:?}", Binary::from([1_u8; 31]).to_base64()),
            r#""not base64!""#.to_string(),
        ] {
            let stored = format!(r#"{{"tx_seq":1,"tx_head":{head},"rx_seq":0,"rx_head":null}}"#);
            let err = from_json::<History>(stored.as_bytes()).unwrap_err();
            assert!(
                matches!(err, cosmwasm_std::StdError::ParseErr { .. }),
                "{head}: {err}"
            );
        }
    }
}
