use btp_types::msg::verifier::{ClientState, ConsensusState};
use cw_storage_plus::{Item, Map};

/// What the client knows of the remote chain as a whole.
pub const CLIENT_STATE: Item<ClientState> = Item::new("client_state");
/// Trusted consensus states by remote block height.
pub const CONSENSUS_STATES: Map<u64, ConsensusState> = Map::new("consensus_states");
