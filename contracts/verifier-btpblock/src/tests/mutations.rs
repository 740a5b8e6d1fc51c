//! Every single-bit change of a real relay message (a block update and its
//! message proof) is refused without a change of state, or, where the bit is
//! in no signed or proven part, proves exactly the genuine message. Never a
//! panic, never another message.

use super::goloop::{only_message, single_message_verifier};
use super::*;

#[test]
fn no_single_bit_change_of_a_relay_message_proves_anything_else() {
    let (mut base, blocks) = single_message_verifier();
    base.relay(&relay_message(&[(2, only_message(&blocks[0].2))]))
        .unwrap();
    let genuine = relay_message(&[(1, blocks[1].1.clone()), (2, only_message(&blocks[1].2))]);
    let state = base.snapshot();
    // The header's NextProofContext field (its length byte and content).
    let ctx = proof_context(&[unhex(super::goloop::VALIDATOR)]);
    let start = genuine
        .windows(ctx.len())
        .position(|w| w == ctx.as_slice())
        .unwrap();
    let context = start - 1..start + ctx.len();
    let mut accepted = 0;
    for byte in 0..genuine.len() {
        for bit in 0..8 {
            let mut relay = genuine.clone();
            relay[byte] ^= 1 << bit;
            // A fresh verifier at the genuine state.
            let mut v = Verifier::bare("0x3.icon");
            for (k, val) in &state {
                v.deps.storage.set(k, val);
            }
            match v.relay(&relay) {
                Ok(got) => {
                    assert!(
                        got.messages.is_empty()
                            || got.messages == vec![Binary::from(blocks[1].2.clone())],
                        "byte {byte} bit {bit} proved {:?}",
                        got.messages
                    );
                    assert!(
                        context.contains(&byte),
                        "byte {byte} bit {bit} is outside the NextProofContext"
                    );
                    accepted += 1;
                }
                Err(_) => assert_eq!(v.snapshot(), state, "byte {byte} bit {bit}"),
            }
        }
    }
    // Only the unsigned NextProofContext (read only on a validator change)
    // may change unnoticed.
    assert!(accepted > 0);
}
