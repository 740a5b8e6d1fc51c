//! Messages of `verifier-btpblock`: a verifier of ICON BTP v2 blocks (network type `eth`).
