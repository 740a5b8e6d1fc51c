//! The kv service alone on one app, its message center the recording mock
//! ([`crate::mock_message_center`]): the test delivers requests and replies
//! as the message center, and reads back what the service sent. Built by
//! [`SuiteBuilder::kv_service`].

use btp_types::msg::kv_service::{
    ExecuteMsg, InstantiateMsg, QueryMsg, RequestResponse, KV_SERVICE,
};
use btp_types::ErrorMessage;
use cosmwasm_std::{coin, Addr, Binary, StdResult};
use cw_multi_test::error::AnyResult;
use cw_multi_test::{AppResponse, Executor};

pub use super::net;
pub use super::SuiteBuilder;
use super::{funded_app, ChainApp};
use crate::deploy::instantiate;
use crate::mock_message_center::{self, Call};

/// The denom the user holds, to pay the message center with.
pub const STAKE: &str = "stake";

pub struct KvSuite {
    pub app: ChainApp,
    pub owner: Addr,
    pub user: Addr,
    /// The recording message center.
    pub center: Addr,
    pub kv: Addr,
    pub kv_code_id: u64,
}

impl KvSuite {
    pub(crate) fn build(settings: SuiteBuilder) -> Self {
        let mut app = funded_app(&[("user", vec![coin(settings.user_funds, STAKE)])]);
        let [owner, user] = ["owner", "user"].map(|name| app.api().addr_make(name));
        let center_code = app.store_code(mock_message_center::contract());
        let kv_code_id = app.store_code(crate::contracts::kv_service());
        let empty = cosmwasm_std::Empty {};
        let center = instantiate(&mut app, center_code, &owner, &empty, "recording center");
        let msg = InstantiateMsg {
            owner: None,
            message_center: center.to_string(),
        };
        let kv = instantiate(&mut app, kv_code_id, &owner, &msg, "kv service");
        Self {
            app,
            owner,
            user,
            center,
            kv,
            kv_code_id,
        }
    }

    /// `sender` executes `msg` on the service.
    pub fn run(&mut self, sender: &Addr, msg: &ExecuteMsg) -> AnyResult<AppResponse> {
        self.app
            .execute_contract(sender.clone(), self.kv.clone(), msg, &[])
    }

    /// The message center delivers `msg`.
    pub fn deliver(&mut self, msg: &ExecuteMsg) -> AnyResult<AppResponse> {
        let center = self.center.clone();
        self.run(&center, msg)
    }

    /// The service's answer to a request for `key` from `btp-a.cosmos`.
    pub fn request(&mut self, key: &[u8], sn: i64) -> AnyResult<ErrorMessage> {
        let response = self.deliver(&ExecuteMsg::HandleBtpMessage {
            src: net("btp-a.cosmos"),
            svc: KV_SERVICE.into(),
            sn,
            payload: Binary::new(key.to_vec()),
        })?;
        let data = response.data.expect("the answer in the data");
        Ok(ErrorMessage::decode(&data)?)
    }

    /// The owner publishes `value` under `key`.
    pub fn set(&mut self, key: &str, value: &str) {
        let (key, value) = (key.into(), value.into());
        let owner = self.owner.clone();
        self.run(&owner, &ExecuteMsg::Set { key, value })
            .expect("publishing a value");
    }

    /// The user asks `to` for `key`, with the default timeout.
    pub fn ask(&mut self, to: &str, key: &str) -> AnyResult<AppResponse> {
        let user = self.user.clone();
        let ask = ExecuteMsg::Ask {
            to: net(to),
            key: key.into(),
            timeout_secs: None,
        };
        self.run(&user, &ask)
    }

    /// The user asks `btp-b.cosmos` for `price`, with `timeout_secs`.
    pub fn ask_with_timeout(&mut self, timeout_secs: Option<u64>) -> AnyResult<AppResponse> {
        let user = self.user.clone();
        let ask = ExecuteMsg::Ask {
            to: net("btp-b.cosmos"),
            key: "price".into(),
            timeout_secs,
        };
        self.run(&user, &ask)
    }

    /// The message center delivers `src`'s reply `code` (value `42`) to request `sn`.
    pub fn reply(&mut self, src: &str, sn: i64, code: u32) -> AnyResult<AppResponse> {
        self.deliver(&ExecuteMsg::HandleBtpReply {
            src: net(src),
            svc: KV_SERVICE.into(),
            sn,
            code,
            message: "42".into(),
        })
    }

    pub fn query_request(&self, sn: i64) -> StdResult<RequestResponse> {
        let request = QueryMsg::Request { sn };
        self.app.wrap().query_wasm_smart(&self.kv, &request)
    }

    /// Every call the service made to its message center, oldest first.
    pub fn calls(&self) -> Vec<Call> {
        self.query(&self.center, &mock_message_center::QueryMsg::Calls {})
    }
}
