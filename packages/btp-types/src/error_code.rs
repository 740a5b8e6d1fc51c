//! The error codes carried by error replies (`[code, message]`).
//!
//! Ranges follow BTP: transport-level codes below 10, the message center
//! 10 to 24, verifiers 25 to 39, service handlers 40 and up, so that the
//! sender of a failed request can tell which layer refused it.
//!
//! Codes are `u32` here. ICON's BMC writes them as a Java `long` (Solidity
//! `uint256`); a code beyond `u32`, or negative, is refused by the codec as
//! [`crate::CodecError::OutOfRange`], and the message center hands such a
//! reply to its handler as [`UNKNOWN`] (any non-zero code is a failure).

/// Success: the request was handled.
pub const SUCCESS: u32 = 0;
/// A failure no more specific code describes.
pub const UNKNOWN: u32 = 1;
/// The destination network has no link from the receiving chain.
pub const NO_ROUTE: u32 = 2;
/// No service handler is registered for the message's `svc`.
pub const NO_SERVICE_HANDLER: u32 = 3;
/// The service handler returned an error or ran out of gas.
pub const SERVICE_HANDLER_FAILED: u32 = 4;

/// First code of the message center's range.
pub const MESSAGE_CENTER_FIRST: u32 = 10;
/// The message reached its destination after its timeout and was not
/// executed, or the source resolved it by proof of timeout.
pub const TIMED_OUT: u32 = 10;
/// Last code of the message center's range.
pub const MESSAGE_CENTER_LAST: u32 = 24;
/// First code of the verifiers' range.
pub const VERIFIER_FIRST: u32 = 25;
/// Last code of the verifiers' range.
pub const VERIFIER_LAST: u32 = 39;
/// First code of the service handlers' range.
pub const HANDLER_FIRST: u32 = 40;

/// Token service: the coin is not registered on the receiving chain.
pub const TOKEN_UNKNOWN_COIN: u32 = 40;
/// Token service: the receiver is not a valid account of the receiving chain.
pub const TOKEN_INVALID_RECEIVER: u32 = 41;
/// Token service: the transfer exceeds a per-transfer or rate limit.
pub const TOKEN_LIMIT_EXCEEDED: u32 = 42;
/// Token service: the sender or receiver is blacklisted.
pub const TOKEN_BLACKLISTED: u32 = 43;
/// Token service: the receiving handler is paused.
pub const TOKEN_PAUSED: u32 = 44;
/// Token service: the request could not be decoded.
pub const TOKEN_INVALID_REQUEST: u32 = 45;
/// Token service: the receiving chain's pool of a pooled coin cannot pay
/// the transfer now (its available balance is below the amount).
pub const TOKEN_POOL_SHORT: u32 = 46;

/// The layer an error code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorLayer {
    /// Code 0.
    Success,
    /// Codes 1 to 9: transport between message centers.
    Transport,
    /// Codes 10 to 24.
    MessageCenter,
    /// Codes 25 to 39.
    Verifier,
    /// Codes 40 and up.
    Handler,
}

/// Classifies a code by its range.
pub fn layer_of(code: u32) -> ErrorLayer {
    match code {
        SUCCESS => ErrorLayer::Success,
        1..MESSAGE_CENTER_FIRST => ErrorLayer::Transport,
        MESSAGE_CENTER_FIRST..=MESSAGE_CENTER_LAST => ErrorLayer::MessageCenter,
        VERIFIER_FIRST..=VERIFIER_LAST => ErrorLayer::Verifier,
        _ => ErrorLayer::Handler,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_classify_the_boundaries() {
        assert_eq!(layer_of(0), ErrorLayer::Success);
        assert_eq!(layer_of(NO_ROUTE), ErrorLayer::Transport);
        assert_eq!(layer_of(9), ErrorLayer::Transport);
        assert_eq!(layer_of(10), ErrorLayer::MessageCenter);
        assert_eq!(layer_of(24), ErrorLayer::MessageCenter);
        assert_eq!(layer_of(25), ErrorLayer::Verifier);
        assert_eq!(layer_of(39), ErrorLayer::Verifier);
        assert_eq!(layer_of(TOKEN_UNKNOWN_COIN), ErrorLayer::Handler);
        assert_eq!(layer_of(u32::MAX), ErrorLayer::Handler);
    }
}
