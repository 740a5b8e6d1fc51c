//! ICON's own unit-test data of its BTP-block verifier (btp2-java
//! `BTPMessageVerifierUnitTest`): the same inputs give the same messages and
//! the same refusals here.

use super::*;

const FIXTURE: &str = "icon-btp2/btp2-java-bmv-fixtures.json";

fn fixture() -> serde_json::Value {
    read_fixture(FIXTURE)
}

fn network(f: &serde_json::Value) -> (String, u64) {
    (
        f["params"]["srcNetworkID"].as_str().unwrap().to_string(),
        f["params"]["networkTypeID"].as_u64().unwrap(),
    )
}

fn strings(messages: &[Vec<u8>]) -> Vec<String> {
    messages
        .iter()
        .map(|m| String::from_utf8(m.clone()).unwrap())
        .collect()
}

#[test]
fn both_success_sequences_return_exactly_the_expected_messages_in_order() {
    let f = fixture();
    let (net, ntid) = network(&f);
    for (index, sequence) in f["success"].as_array().unwrap().iter().enumerate() {
        let relays = sequence["relay_messages"].as_array().unwrap();
        let expected = sequence["expected_messages"].as_array().unwrap();
        assert_eq!(relays.len(), expected.len() + 1);
        let mut v = Verifier::new(&net, ntid, &unhex(relays[0].as_str().unwrap()));
        let mut all = Vec::new();
        for (step, (relay, want)) in relays[1..].iter().zip(expected).enumerate() {
            let got = v
                .relay(&unhex(relay.as_str().unwrap()))
                .unwrap_or_else(|e| panic!("sequence {index} step {step}: {e}"));
            let got_messages: Vec<Vec<u8>> = got.messages.iter().map(|m| m.to_vec()).collect();
            let want: Vec<String> = want
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m.as_str().unwrap().to_string())
                .collect();
            assert_eq!(strings(&got_messages), want, "sequence {index} step {step}");
            assert_eq!(got.height, v.status().height);
            all.extend(got_messages);
        }
        // Every message of every verified block was proven, once.
        let status = v.status();
        assert_eq!(status.remaining_messages, 0, "sequence {index}");
        assert_eq!(status.messages_root, None);
        assert!(!all.is_empty());
    }
}

/// The refusal ICON expects at each failing step, as this verifier's variant.
fn expected_refusal(step: usize, err: &ContractError) -> bool {
    use ContractError::*;
    match step {
        0 => matches!(err, RemainMustBeZero { remaining: 1, .. }),
        2 => matches!(err, InvalidNetworkId { .. }),
        3 => matches!(err, NotVerifiable { .. }) && err.btp_code() == 26,
        4 => matches!(err, PrevNetworkSectionHashMismatch { .. }),
        5 => matches!(err, DuplicatedValidator { .. }),
        6 => matches!(err, BlockProofNull),
        7 => matches!(err, NextProofContextHashMismatch { .. }),
        8 => matches!(err, NoRemainingMessages),
        10 => matches!(err, InvalidProofInLeft { .. }),
        11 => {
            *err == InvalidNumOfLeaf {
                expected: 4,
                got: 3,
            }
        }
        12 => *err == InvalidLevel { left: 1, right: 2 },
        13 => {
            *err == MessageCountMismatch {
                offset: 0,
                expected: 3,
                got: 2,
            }
        }
        14 => matches!(err, MessagesRootMismatch { .. }),
        _ => false,
    }
}

#[test]
fn each_failure_step_is_refused_as_icon_refuses_it_and_changes_nothing() {
    let f = fixture();
    let (net, ntid) = network(&f);
    let seq = &f["failure_sequence"];
    let mut v = Verifier::new(
        &net,
        ntid,
        &unhex(seq["first_block_header"].as_str().unwrap()),
    );
    let steps = seq["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 15);
    let mut refused = 0;
    for (i, step) in steps.iter().enumerate() {
        let name = step["name"].as_str().unwrap();
        let expect = step["expect"].as_str().unwrap();
        let relay = unhex(step["relay_message"].as_str().unwrap());
        let before = v.snapshot();
        let status_before = v.status();
        let result = v.relay(&relay);
        if let Some(messages) = expect.strip_prefix("ok: ") {
            let got = result.unwrap_or_else(|e| panic!("step {i} {name}: {e}"));
            let got: Vec<Vec<u8>> = got.messages.iter().map(|m| m.to_vec()).collect();
            let want = messages.trim_matches(|c| c == '[' || c == ']');
            let want: Vec<&str> = want.split(", ").filter(|s| !s.is_empty()).collect();
            assert_eq!(strings(&got), want, "step {i} {name}");
        } else {
            let err = result.expect_err(&format!("step {i} {name} must be refused ({expect})"));
            assert!(
                expected_refusal(i, &err),
                "step {i} {name}: ICON says {expect:?}, got {err:?}"
            );
            assert_eq!(v.snapshot(), before, "step {i} {name} changed the state");
            assert_eq!(v.status(), status_before);
            refused += 1;
        }
    }
    assert_eq!(refused, 13);
}
