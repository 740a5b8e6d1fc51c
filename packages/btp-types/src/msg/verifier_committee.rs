//! Messages of `verifier-committee`: k-of-n attestations of a remote message center's commitments.
