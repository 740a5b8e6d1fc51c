//! Migration guarded by the `cw2` contract version.

use btp_types::events::verifier::{CodeMigratedByAdmin, CODE_MIGRATED_WARNING};
use btp_types::events::TypedEvent;
use cosmwasm_std::{Response, StdError, Storage};
use semver::Version;

/// Why a migration was refused.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum MigrationError {
    #[error(transparent)]
    Std(#[from] StdError),
    #[error(
        "cannot migrate a {stored} contract into {expected}: the code is for another contract"
    )]
    WrongContract { stored: String, expected: String },
    #[error("version {version:?} is not a semantic version: {reason}")]
    BadVersion { version: String, reason: String },
    #[error("cannot migrate from {stored} down to {new}: downgrades could read state they do not understand")]
    Downgrade { stored: String, new: String },
}

fn parse(version: &str) -> Result<Version, MigrationError> {
    Version::parse(version).map_err(|err| MigrationError::BadVersion {
        version: version.to_string(),
        reason: err.to_string(),
    })
}

/// Accepts a migration to `contract`@`version` only from the same contract at
/// an older or equal version, records the new version, and answers with the
/// attributes that say what happened.
pub fn migrate_version(
    storage: &mut dyn Storage,
    contract: &str,
    version: &str,
) -> Result<Response, MigrationError> {
    let stored = cw2::get_contract_version(storage)?;
    if stored.contract != contract {
        return Err(MigrationError::WrongContract {
            stored: stored.contract,
            expected: contract.to_string(),
        });
    }
    if parse(&stored.version)? > parse(version)? {
        return Err(MigrationError::Downgrade {
            stored: stored.version,
            new: version.to_string(),
        });
    }
    cw2::set_contract_version(storage, contract, version)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("from_version", stored.version)
        .add_attribute("to_version", version))
}

/// [`migrate_version`] for a verifier, with the event
/// `verifier_code_migrated_by_admin`: new code can change what a verifier
/// accepts, so the migration says so where relayers and watchers look.
pub fn migrate_verifier_version(
    storage: &mut dyn Storage,
    contract: &str,
    version: &str,
) -> Result<Response, MigrationError> {
    Ok(migrate_version(storage, contract, version)?.add_event(
        CodeMigratedByAdmin {
            contract: contract.to_string(),
            version: version.to_string(),
            warning: CODE_MIGRATED_WARNING.to_string(),
        }
        .to_event(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

    fn stored(contract: &str, version: &str) -> MockStorage {
        let mut storage = MockStorage::new();
        cw2::set_contract_version(&mut storage, contract, version).unwrap();
        storage
    }

    #[test]
    fn upgrades_and_same_version_are_accepted_and_recorded() {
        let mut storage = stored("crates.io:message-center", "0.1.0");
        migrate_version(&mut storage, "crates.io:message-center", "0.2.0").unwrap();
        assert_eq!(
            cw2::get_contract_version(&storage).unwrap().version,
            "0.2.0"
        );
        migrate_version(&mut storage, "crates.io:message-center", "0.2.0").unwrap();
    }

    #[test]
    fn a_downgrade_is_refused() {
        let mut storage = stored("crates.io:message-center", "0.2.0");
        let err = migrate_version(&mut storage, "crates.io:message-center", "0.1.9").unwrap_err();
        assert!(matches!(err, MigrationError::Downgrade { .. }), "{err}");
    }

    #[test]
    fn another_contracts_state_is_refused() {
        let mut storage = stored("crates.io:token-vault", "0.1.0");
        let err = migrate_version(&mut storage, "crates.io:message-center", "0.1.0").unwrap_err();
        assert!(matches!(err, MigrationError::WrongContract { .. }), "{err}");
    }

    #[test]
    fn a_garbled_stored_version_is_refused() {
        let mut storage = stored("crates.io:message-center", "one");
        let err = migrate_version(&mut storage, "crates.io:message-center", "0.1.0").unwrap_err();
        assert!(matches!(err, MigrationError::BadVersion { .. }), "{err}");
    }
}
