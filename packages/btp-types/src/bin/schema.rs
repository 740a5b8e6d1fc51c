//! Writes the JSON schema of every contract's API into `<dir>/<contract>.json`
//! (default `schema/`). `scripts/schema.sh --check` compares a fresh set with
//! the committed one.

use std::path::PathBuf;

use btp_types::msg::{
    call_service, htlc, kv_service, message_center, token_handler, token_vault, verifier_aggregate,
    verifier_btpblock, verifier_committee, verifier_tendermint as verifier, MigrateMsg,
};
use cosmwasm_schema::generate_api;

macro_rules! contract_api {
    ($name:literal, $module:ident) => {
        (
            $name,
            generate_api! {
                name: $name,
                instantiate: $module::InstantiateMsg,
                execute: $module::ExecuteMsg,
                query: $module::QueryMsg,
                migrate: MigrateMsg,
            },
        )
    };
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out_dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "schema".into()));
    std::fs::create_dir_all(&out_dir)?;
    let apis = [
        contract_api!("message-center", message_center),
        contract_api!("verifier-tendermint", verifier),
        contract_api!("verifier-btpblock", verifier_btpblock),
        contract_api!("verifier-committee", verifier_committee),
        contract_api!("verifier-aggregate", verifier_aggregate),
        contract_api!("token-handler", token_handler),
        contract_api!("token-vault", token_vault),
        contract_api!("kv-service", kv_service),
        contract_api!("call-service", call_service),
        contract_api!("htlc", htlc),
    ];
    for (name, api) in apis {
        let path = out_dir.join(format!("{name}.json"));
        std::fs::write(&path, api.render().to_string()? + "\n")?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
