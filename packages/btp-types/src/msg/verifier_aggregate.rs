//! Messages of `verifier-aggregate`: a verifier that asks several verifiers and accepts what k of them prove.
