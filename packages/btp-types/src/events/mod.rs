//! Every event the suite's contracts emit, as typed structs: one builder
//! ([`TypedEvent::to_event`]) the contracts call and one parser
//! ([`TypedEvent::from_event`], [`TypedEvent::parse`]) the relayer, the CLI,
//! the test harness and the tests call, so an event's type and attribute
//! names are written in exactly one place.
//!
//! A contract emits `Event::new("btp_message")`; wasmd and cw-multi-test
//! show it as `wasm-btp_message` with the emitting contract in a
//! `_contract_address` attribute. The parsers take either form, and
//! [`emitter`] reads the contract.
//!
//! The per-contract tables ([`message_center::EVENTS`] and the others) list
//! every event type with its attribute names; [`ALL`] joins them, and a test
//! holds the documented event lists to them.

use cosmwasm_std::{Attribute, Event, HexBinary, Uint128};

/// Defines typed events: a struct per event, its [`TypedEvent`] impl, and
/// the module's `EVENTS` table. A field becomes the attribute of its name
/// (or of the key in brackets after it), in the order written; an `Option`
/// field is left out of the event when `None` and read as `None` when absent.
macro_rules! typed_events {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident = $ty:literal {
            $(
                $(#[doc = $field_doc:literal])*
                $field:ident $([$key:literal])? : $field_ty:ty
            ),* $(,)?
        }
    )*) => {
        $(
            $(#[doc = $doc])*
            #[derive(Clone, Debug, PartialEq, Eq)]
            pub struct $name {
                $(
                    $(#[doc = $field_doc])*
                    pub $field: $field_ty,
                )*
            }

            impl $crate::events::TypedEvent for $name {
                const TYPE: &'static str = $ty;
                const ATTRIBUTES: &'static [&'static str] =
                    &[$($crate::events::attribute_key!($field $(, $key)?)),*];

                fn to_event(&self) -> cosmwasm_std::Event {
                    let mut event = cosmwasm_std::Event::new(Self::TYPE);
                    $(
                        if let Some(value) = $crate::events::AttributeValue::write(&self.$field) {
                            event = event.add_attribute(
                                $crate::events::attribute_key!($field $(, $key)?),
                                value,
                            );
                        }
                    )*
                    event
                }

                fn from_event(event: &cosmwasm_std::Event) -> Option<Self> {
                    if !$crate::events::is_type(event, Self::TYPE) {
                        return None;
                    }
                    Some(Self {
                        $(
                            $field: $crate::events::AttributeValue::read(
                                $crate::events::attribute(
                                    event,
                                    $crate::events::attribute_key!($field $(, $key)?),
                                ),
                            )?,
                        )*
                    })
                }
            }

            impl From<$name> for cosmwasm_std::Event {
                fn from(event: $name) -> Self {
                    $crate::events::TypedEvent::to_event(&event)
                }
            }
        )*

        /// Every event of this module: its type and attribute names.
        pub const EVENTS: &[$crate::events::EventSpec] = &[$(
            $crate::events::EventSpec {
                ty: $ty,
                attributes: &[$($crate::events::attribute_key!($field $(, $key)?)),*],
            }
        ),*];
    };
}

/// The attribute key of a field: its name, or the key given for it (for
/// keys that are Rust keywords, like `type`).
macro_rules! attribute_key {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident, $key:literal) => {
        $key
    };
}

pub(crate) use attribute_key;

pub mod call_service;
pub mod htlc;
pub mod kv_service;
pub mod message_center;
pub mod relayer;
pub mod token_handler;
pub mod token_pool;
pub mod token_vault;
pub mod verifier;

/// An event type and the attributes it can carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventSpec {
    pub ty: &'static str,
    pub attributes: &'static [&'static str],
}

/// Every event of every contract, by contract.
pub const ALL: &[(&str, &[EventSpec])] = &[
    ("message-center", message_center::EVENTS),
    ("token-handler", token_handler::EVENTS),
    ("token-vault", token_vault::EVENTS),
    ("token-vault pools", token_pool::EVENTS),
    ("call-service", call_service::EVENTS),
    ("kv-service", kv_service::EVENTS),
    ("htlc", htlc::EVENTS),
    ("verifiers", verifier::EVENTS),
    ("relayer", relayer::EVENTS),
];

/// The prefix wasmd and cw-multi-test put before a contract's event types.
pub const WASM_PREFIX: &str = "wasm-";

/// The attribute wasmd and cw-multi-test add with the emitting contract.
pub const CONTRACT_ADDRESS: &str = "_contract_address";

/// An event of the suite, built and parsed by type.
pub trait TypedEvent: Sized {
    /// The type as the contract emits it (without `wasm-`).
    const TYPE: &'static str;
    /// Every attribute it can carry, in order.
    const ATTRIBUTES: &'static [&'static str];

    /// The event, to add to a `Response`.
    fn to_event(&self) -> Event;

    /// The event, when `event` is one (with or without the `wasm-` prefix)
    /// and carries every attribute it must, each readable.
    fn from_event(event: &Event) -> Option<Self>;

    /// Every such event in `events`, in order.
    fn parse(events: &[Event]) -> Vec<Self> {
        events.iter().filter_map(Self::from_event).collect()
    }

    /// The first such event in `events`.
    fn first(events: &[Event]) -> Option<Self> {
        events.iter().find_map(Self::from_event)
    }

    /// Every such event in `events` with the contract that emitted it.
    fn parse_emitted(events: &[Event]) -> Vec<(String, Self)> {
        events
            .iter()
            .filter_map(|event| Some((emitter(event)?.to_string(), Self::from_event(event)?)))
            .collect()
    }

    /// Whether `events` hold one of this type (readable or not).
    fn occurs_in(events: &[Event]) -> bool {
        events.iter().any(|event| is_type(event, Self::TYPE))
    }
}

/// Whether `event` has type `ty`, as emitted or as wasmd shows it.
pub fn is_type(event: &Event, ty: &str) -> bool {
    event.ty == ty || event.ty.strip_prefix(WASM_PREFIX) == Some(ty)
}

/// The value of `event`'s first attribute `key`.
pub fn attribute<'a>(event: &'a Event, key: &str) -> Option<&'a str> {
    event
        .attributes
        .iter()
        .find(|attribute| attribute.key == key)
        .map(|attribute| attribute.value.as_str())
}

/// The contract that emitted `event` (wasmd and cw-multi-test say so).
pub fn emitter(event: &Event) -> Option<&str> {
    attribute(event, CONTRACT_ADDRESS)
}

/// An event of any type with `attributes` as given: a copy of an event from
/// elsewhere (a node's transaction result). Built field by field because
/// `Attribute::new` refuses keys starting with `_` (`_contract_address`).
pub fn foreign_event(ty: impl Into<String>, attributes: Vec<Attribute>) -> Event {
    let mut event = Event::new(ty);
    event.attributes = attributes;
    event
}

/// A value written as an attribute and read back from one.
pub trait AttributeValue: Sized {
    /// The attribute value; `None` leaves the attribute out.
    fn write(&self) -> Option<String>;
    /// The value read from `value` (`None` when the attribute is absent);
    /// `None` when it cannot be read.
    fn read(value: Option<&str>) -> Option<Self>;
}

macro_rules! parsed_attribute_value {
    ($($ty:ty),*) => {$(
        impl AttributeValue for $ty {
            fn write(&self) -> Option<String> {
                Some(self.to_string())
            }
            fn read(value: Option<&str>) -> Option<Self> {
                value?.parse().ok()
            }
        }
    )*};
}

parsed_attribute_value!(String, bool, u8, u32, u64, i32, i64, Uint128);

/// Hex, as the events carry bytes.
impl AttributeValue for HexBinary {
    fn write(&self) -> Option<String> {
        Some(self.to_hex())
    }
    fn read(value: Option<&str>) -> Option<Self> {
        HexBinary::from_hex(value?).ok()
    }
}

/// Absent when `None`.
impl<T: AttributeValue> AttributeValue for Option<T> {
    fn write(&self) -> Option<String> {
        self.as_ref().and_then(AttributeValue::write)
    }
    fn read(value: Option<&str>) -> Option<Self> {
        match value {
            None => Some(None),
            Some(_) => T::read(value).map(Some),
        }
    }
}

#[cfg(test)]
mod tests;
