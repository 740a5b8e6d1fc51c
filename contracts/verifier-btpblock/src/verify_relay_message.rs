//! The message center's call: verifies a relay message and answers the
//! messages it proves (ICON's `handleRelayMessage`).

use btp_types::msg::verifier::{Counterpart, VerifiedMessages};
use contract_kit::pause::ensure_running;
use cosmwasm_std::{to_json_binary, Binary, DepsMut, MessageInfo, Response};

use crate::bmv::{relay_message, SignedContext};
use crate::codec::decode_relay_message;
use crate::error::ContractError;
use crate::state::{BMV_STATE, CONFIG};

pub fn verify_relay_message(
    deps: DepsMut,
    info: &MessageInfo,
    source: &Counterpart,
    relay: &Binary,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    if info.sender != config.message_center {
        return Err(ContractError::Unauthorized {
            message_center: config.message_center.to_string(),
            sender: info.sender.to_string(),
        });
    }
    ensure_running(deps.storage, "verify_relay_message")?;
    if source.network != config.source_network {
        return Err(ContractError::WrongSourceNetwork {
            expected: config.source_network.to_string(),
            got: source.network.to_string(),
        });
    }
    if source.center != config.source_center {
        return Err(ContractError::WrongSourceCenter {
            expected: config.source_center,
            got: source.center.clone(),
        });
    }
    let items = decode_relay_message(relay)?;
    let mut state = BMV_STATE.load(deps.storage)?;
    let signed = SignedContext {
        src_network_uid: config.source_network.as_str(),
        network_type_id: config.network_type_id,
    };
    let outcome = relay_message(deps.api, signed, &mut state, &items)?;
    BMV_STATE.save(deps.storage, &state)?;
    let count = outcome.messages.len();
    let data = VerifiedMessages {
        messages: outcome.messages.into_iter().map(Binary::from).collect(),
        height: state.height,
    };
    let mut response = Response::new()
        .set_data(to_json_binary(&data)?)
        .add_attribute("action", "verify_relay_message")
        .add_attribute("height", state.height.to_string())
        .add_attribute("block_updates", outcome.block_updates.to_string())
        .add_attribute("messages", count.to_string())
        .add_attribute("last_sequence", state.last_sequence.to_string());
    if outcome.validators_changed {
        response = response.add_attribute("validators_changed", "true");
    }
    Ok(response)
}
