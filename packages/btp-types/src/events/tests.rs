use std::collections::BTreeSet;
use std::path::Path;

use cosmwasm_std::{Attribute, HexBinary};

use super::message_center::{DeliveryFailed, MessageCommitted};
use super::*;

/// The event types of every table, with the `wasm-` prefix a chain shows.
fn known_types() -> BTreeSet<String> {
    ALL.iter()
        .flat_map(|(_, specs)| specs.iter())
        .map(|spec| format!("{WASM_PREFIX}{}", spec.ty))
        .collect()
}

#[test]
fn event_types_are_unique_and_attributes_are_unique_within_each() {
    let mut types = BTreeSet::new();
    for (contract, specs) in ALL {
        for spec in *specs {
            assert!(types.insert(spec.ty), "{contract}: {} twice", spec.ty);
            let keys: BTreeSet<_> = spec.attributes.iter().collect();
            assert_eq!(keys.len(), spec.attributes.len(), "{}", spec.ty);
        }
    }
}

#[test]
fn an_event_reads_back_with_or_without_the_wasm_prefix() {
    let committed = MessageCommitted {
        network: "0x1.icon".into(),
        remote_center: Some("cx00".into()),
        sequence: 7,
        nsn: 3,
        svc: "bts".into(),
        sn: -2,
        timeout: Some(0),
        message: HexBinary::from(vec![0xc0]),
        head: Some(HexBinary::from(vec![1, 2])),
    };
    let event = committed.to_event();
    assert_eq!(event.ty, "btp_message");
    assert_eq!(
        MessageCommitted::from_event(&event),
        Some(committed.clone())
    );
    let mut attributes = vec![Attribute {
        key: CONTRACT_ADDRESS.into(),
        value: "center".into(),
    }];
    attributes.extend(event.attributes.clone());
    let shown = foreign_event("wasm-btp_message", attributes);
    assert_eq!(
        MessageCommitted::parse_emitted(std::slice::from_ref(&shown)),
        vec![("center".to_string(), committed)]
    );
    // Another type, or a missing required attribute, is not the event.
    assert!(DeliveryFailed::from_event(&shown).is_none());
    let mut partial = event;
    partial
        .attributes
        .retain(|attribute| attribute.key != "sequence");
    assert!(MessageCommitted::from_event(&partial).is_none());
}

#[test]
fn optional_attributes_are_left_out_and_read_as_absent() {
    let failed = DeliveryFailed {
        network: "0x1.icon".into(),
        sequence: 1,
        svc: None,
        sn: None,
        code: 1,
        reason: "why".into(),
        error_reply_sequence: None,
    };
    let event = failed.to_event();
    let keys: Vec<_> = event.attributes.iter().map(|a| a.key.as_str()).collect();
    assert_eq!(keys, ["network", "sequence", "code", "reason"]);
    assert_eq!(DeliveryFailed::from_event(&event), Some(failed));
}

/// The bullets of the event list in a module doc: each type with the
/// attribute names written after its `Attributes:`.
fn documented_events(source: &str) -> Vec<(String, BTreeSet<String>)> {
    let doc: Vec<&str> = source
        .lines()
        .map_while(|line| line.strip_prefix("//!"))
        .collect();
    let mut events: Vec<(String, String)> = vec![];
    for line in doc {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("- `") {
            if let Some((ty, text)) = rest.split_once("`:") {
                events.push((ty.to_string(), text.to_string()));
                continue;
            }
        }
        if let Some((_, text)) = events.last_mut() {
            text.push(' ');
            text.push_str(line);
        }
    }
    events
        .into_iter()
        .map(|(ty, text)| {
            let listed = text.split_once("Attributes:").map_or("", |(_, list)| list);
            let attributes = listed
                .split('`')
                .skip(1)
                .step_by(2)
                .filter(|word| {
                    !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                })
                .map(str::to_string)
                .collect();
            (ty, attributes)
        })
        .collect()
}

/// An events table in the form of [`documented_events`].
fn emitted_events(specs: &[EventSpec]) -> Vec<(String, BTreeSet<String>)> {
    specs
        .iter()
        .map(|spec| {
            let attributes = spec.attributes.iter().map(|a| a.to_string()).collect();
            (spec.ty.to_string(), attributes)
        })
        .collect()
}

#[test]
fn the_message_center_docs_list_its_events_as_they_are_emitted() {
    let documented = documented_events(include_str!("../msg/message_center.rs"));
    assert_eq!(documented, emitted_events(message_center::EVENTS));
}

#[test]
fn the_vault_docs_list_its_pool_events_as_they_are_emitted() {
    let documented = documented_events(include_str!("../msg/token_vault.rs"));
    assert_eq!(documented, emitted_events(token_pool::EVENTS));
}

#[test]
fn every_event_the_docs_and_scripts_name_is_one_of_the_suite() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = vec![root.join("README.md")];
    for dir in ["docs", "scripts", "clients/ts/examples"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        files.extend(entries.flatten().map(|entry| entry.path()));
    }
    let known = known_types();
    for file in files.iter().filter(|file| file.is_file()) {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for (at, _) in text.match_indices(WASM_PREFIX) {
            let name: String = text[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            let suffix = &name[WASM_PREFIX.len()..];
            // Only names of the suite's prefixes are events of it.
            let ours = [
                "btp_",
                "verifier_",
                "vault_",
                "kv_",
                "call_",
                "rollback_",
                "htlc_",
            ]
            .iter()
            .any(|prefix| suffix.starts_with(prefix));
            if ours {
                assert!(known.contains(&name), "{} names {name}", file.display());
            }
        }
    }
}
