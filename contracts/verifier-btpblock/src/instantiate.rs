//! Instantiation: the configuration and the first BTP block header.

use btp_types::msg::verifier_btpblock::InstantiateMsg;
use contract_kit::ownership;
use cosmwasm_std::{DepsMut, MessageInfo, Response};

use crate::bmv::first_header;
use crate::codec::BlockHeader;
use crate::contract::{CONTRACT_NAME, CONTRACT_VERSION};
use crate::error::ContractError;
use crate::state::{Config, BMV_STATE, CONFIG};

pub fn instantiate(
    mut deps: DepsMut,
    info: &MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    let message_center = deps.api.addr_validate(&msg.message_center)?;
    if msg.source_center.is_empty() {
        return Err(ContractError::InvalidConfig {
            reason: "source_center is empty".to_string(),
        });
    }
    let header = BlockHeader::decode(&msg.first_header)?;
    if header.nid != msg.network_id {
        return Err(ContractError::FirstHeaderNetworkMismatch {
            expected: msg.network_id,
            got: header.nid,
        });
    }
    let state = first_header(&header, msg.next_proof_context.as_deref())?;
    let owner = ownership::initialize(
        deps.branch(),
        &info.sender,
        msg.owner,
        CONTRACT_NAME,
        CONTRACT_VERSION,
    )?;
    let config = Config {
        message_center,
        source_network: msg.source_network,
        source_center: msg.source_center,
        network_type_id: msg.network_type_id,
    };
    CONFIG.save(deps.storage, &config)?;
    BMV_STATE.save(deps.storage, &state)?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner)
        .add_attribute("message_center", config.message_center)
        .add_attribute("source_network", config.source_network.as_str())
        .add_attribute("network_type_id", config.network_type_id.to_string())
        .add_attribute("network_id", state.network_id.to_string())
        .add_attribute("height", state.height.to_string())
        .add_attribute("validators", state.validators.len().to_string()))
}
