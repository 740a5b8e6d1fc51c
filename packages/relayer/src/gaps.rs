//! What a node's event index lost, found again from the chain itself.
//!
//! A CometBFT node writes its transaction index after it commits a block; a
//! node stopped between the two (a crash, a SIGKILL, a full disk) restarts
//! with the block and its state but without the block's entries in
//! `/tx_search`, and never writes them again. Messages committed in such a
//! block are in the source message center's state (their chain heads) and in
//! the block's results, but no event search finds them, so a relayer that
//! trusts the index alone waits forever for a sequence it cannot see.
//!
//! [`complete`] takes what the index found and, for each sequence missing
//! from it, asks the chain's state whether the message was committed by the
//! last block the relay can prove (one query); if it was, it finds the block
//! that committed it by bisection over the state's history and reads that
//! block's results. Nothing found this way is trusted more than what the
//! index gives: the destination verifies every message against the source's
//! chain head.

use std::collections::BTreeMap;

use crate::error::{bail, Result};
use btp_types::msg::verifier::Counterpart;

use crate::backend::CommittedMessage;

/// What [`complete`] needs from a chain beside its event index.
pub trait BlockSource {
    /// Whether the message center's message `sequence` of its history with
    /// `history` is committed (its chain head stored) in the state after
    /// block `height`.
    fn is_committed(&self, history: &Counterpart, sequence: u64, height: u64) -> Result<bool>;

    /// The message center's `btp_message` events of block `height`, read
    /// from the block's results rather than the index.
    fn messages_in_block(&self, height: u64) -> Result<Vec<CommittedMessage>>;

    /// The oldest block whose state the node still answers for.
    fn earliest_height(&self) -> Result<u64>;
}

/// `indexed` (what the event index returned) completed with the messages of
/// `history` the index lost: the messages with a sequence above `after`,
/// committed in blocks up to `to`, in order, at least the first `limit` of
/// them when the chain committed that many.
pub fn complete(
    indexed: Vec<CommittedMessage>,
    history: &Counterpart,
    after: u64,
    to: u64,
    limit: usize,
    source: &impl BlockSource,
) -> Result<Vec<CommittedMessage>> {
    let mut found: BTreeMap<u64, CommittedMessage> = BTreeMap::new();
    let keep = |message: CommittedMessage, found: &mut BTreeMap<u64, CommittedMessage>| {
        if message.is_in(history) && message.sequence > after && message.height <= to {
            found.entry(message.sequence).or_insert(message);
        }
    };
    for message in indexed {
        keep(message, &mut found);
    }

    let mut next = after.saturating_add(1);
    let mut contiguous = 0;
    while contiguous < limit {
        if found.contains_key(&next) {
            contiguous += 1;
            next = next.saturating_add(1);
            continue;
        }
        // The block of a later message the index did find bounds the search
        // from above (sequences are committed in order); without one, the
        // last provable block does.
        let upper = found
            .range(next..)
            .next()
            .map_or(to, |(_, later)| later.height.min(to));
        if !source.is_committed(history, next, upper)? {
            break;
        }
        let lower = match found.get(&next.saturating_sub(1)) {
            Some(before) => before.height,
            None => source.earliest_height()?,
        };
        let height = first_block_committing(source, history, next, lower, upper)?;
        for message in source.messages_in_block(height)? {
            keep(message, &mut found);
        }
        if !found.contains_key(&next) {
            bail!(
                "message {next} to {} is committed in block {height} (its chain head is in the state after it), but the block's results hold no event of it",
                history.network
            );
        }
    }
    Ok(found.into_values().collect())
}

/// The lowest block in `lower..=upper` after which `sequence` is committed;
/// it is committed after `upper`.
fn first_block_committing(
    source: &impl BlockSource,
    history: &Counterpart,
    sequence: u64,
    mut lower: u64,
    mut upper: u64,
) -> Result<u64> {
    while lower < upper {
        let middle = lower + (upper - lower) / 2;
        if source.is_committed(history, sequence, middle)? {
            upper = middle;
        } else {
            lower = middle + 1;
        }
    }
    Ok(upper)
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use btp_types::NetworkAddress;

    use super::*;

    /// A chain whose message `n` (of `counterpart()`) was committed in block
    /// `heights[n - 1]`, and which counts the queries it answers.
    struct Chain {
        heights: Vec<u64>,
        queries: Cell<usize>,
    }

    fn counterpart() -> Counterpart {
        Counterpart {
            network: NetworkAddress::parse("dst.cosmos").unwrap(),
            center: "center".to_string(),
        }
    }

    fn message(sequence: u64, height: u64) -> CommittedMessage {
        CommittedMessage {
            height,
            network: counterpart().network,
            remote_center: Some("center".to_string()),
            sequence,
            message: vec![sequence as u8],
            timeout: None,
            head: None,
        }
    }

    impl Chain {
        fn new(heights: &[u64]) -> Self {
            Self {
                heights: heights.to_vec(),
                queries: Cell::new(0),
            }
        }

        fn all(&self) -> Vec<CommittedMessage> {
            self.heights
                .iter()
                .enumerate()
                .map(|(index, height)| message(index as u64 + 1, *height))
                .collect()
        }

        /// The index's answer, without the messages of `lost` blocks.
        fn index_without(&self, lost: &[u64]) -> Vec<CommittedMessage> {
            self.all()
                .into_iter()
                .filter(|message| !lost.contains(&message.height))
                .collect()
        }
    }

    impl BlockSource for Chain {
        fn is_committed(&self, history: &Counterpart, sequence: u64, height: u64) -> Result<bool> {
            assert_eq!(history, &counterpart());
            self.queries.set(self.queries.get() + 1);
            Ok(self
                .heights
                .get(sequence as usize - 1)
                .is_some_and(|committed| *committed <= height))
        }

        fn messages_in_block(&self, height: u64) -> Result<Vec<CommittedMessage>> {
            self.queries.set(self.queries.get() + 1);
            let mut messages: Vec<_> = self
                .all()
                .into_iter()
                .filter(|message| message.height == height)
                .collect();
            // Another history's message in the same block is left out.
            let mut other = message(1, height);
            other.remote_center = Some("another center".to_string());
            messages.push(other);
            Ok(messages)
        }

        fn earliest_height(&self) -> Result<u64> {
            Ok(1)
        }
    }

    fn sequences(messages: &[CommittedMessage]) -> Vec<u64> {
        messages.iter().map(|message| message.sequence).collect()
    }

    #[test]
    fn a_complete_index_costs_one_state_query() {
        let chain = Chain::new(&[3, 5, 5, 9]);
        let messages = complete(chain.all(), &counterpart(), 0, 20, 50, &chain).unwrap();
        assert_eq!(sequences(&messages), [1, 2, 3, 4]);
        assert_eq!(chain.queries.get(), 1, "only: is message 5 committed?");
    }

    #[test]
    fn messages_of_blocks_the_index_lost_are_read_from_the_blocks() {
        // Blocks 5 and 40 lost their index entries (a node killed twice).
        let chain = Chain::new(&[3, 5, 5, 9, 40, 41]);
        let indexed = chain.index_without(&[5, 40]);
        assert_eq!(sequences(&indexed), [1, 4, 6]);
        let messages = complete(indexed, &counterpart(), 0, 100, 50, &chain).unwrap();
        assert_eq!(sequences(&messages), [1, 2, 3, 4, 5, 6]);
        assert_eq!(
            messages.iter().map(|m| m.height).collect::<Vec<_>>(),
            [3, 5, 5, 9, 40, 41]
        );
    }

    #[test]
    fn a_lost_tail_is_found_with_nothing_after_it_in_the_index() {
        let chain = Chain::new(&[3, 5, 700]);
        let messages = complete(
            chain.index_without(&[700]),
            &counterpart(),
            2,
            1000,
            50,
            &chain,
        )
        .unwrap();
        assert_eq!(sequences(&messages), [3]);
        // One check that it is committed, a bisection over 5..=1000 (about
        // ten steps), one block read, one check that nothing follows.
        assert!(chain.queries.get() <= 14, "{} queries", chain.queries.get());
    }

    #[test]
    fn a_message_committed_after_the_provable_block_is_not_searched_for() {
        let chain = Chain::new(&[3, 50]);
        let messages = complete(
            chain.index_without(&[50]),
            &counterpart(),
            0,
            20,
            50,
            &chain,
        )
        .unwrap();
        assert_eq!(sequences(&messages), [1]);
        assert_eq!(chain.queries.get(), 1);
    }

    #[test]
    fn the_search_stops_at_the_limit() {
        let chain = Chain::new(&[3, 4, 5, 6]);
        let messages = complete(vec![], &counterpart(), 0, 20, 2, &chain).unwrap();
        assert!(sequences(&messages).starts_with(&[1, 2]));
    }

    #[test]
    fn a_committed_message_missing_from_its_block_is_an_error() {
        struct Liar(Chain);
        impl BlockSource for Liar {
            fn is_committed(
                &self,
                history: &Counterpart,
                sequence: u64,
                height: u64,
            ) -> Result<bool> {
                self.0.is_committed(history, sequence, height)
            }
            fn messages_in_block(&self, _: u64) -> Result<Vec<CommittedMessage>> {
                Ok(vec![])
            }
            fn earliest_height(&self) -> Result<u64> {
                Ok(1)
            }
        }
        let liar = Liar(Chain::new(&[3, 8]));
        let error = complete(vec![message(1, 3)], &counterpart(), 0, 20, 50, &liar).unwrap_err();
        assert!(
            error.to_string().contains("committed in block 8"),
            "{error}"
        );
    }
}
