//! Two message centers in one app, each standing for a chain (`a.cosmos`,
//! `b.cosmos`), linked both ways through mock verifiers that accept only
//! what the other center really committed, each with a mock handler for
//! service `demo`. A test relays by hand what it wants relayed. Built by
//! [`SuiteBuilder::two_centers`].

use btp_types::msg::message_center::{ExecuteMsg, RelayedMessage};
use btp_types::NetworkAddress;
use cosmwasm_std::{coin, Addr, Binary, Coin, Timestamp, Uint128};
use cw_multi_test::{AppResponse, Executor};

pub use super::net;
pub use super::SuiteBuilder;
use super::{funded_app, must_execute, relay_message, ChainApp};
use crate::deploy::{instantiate, instantiate_message_center, open_link, LinkPlan};
pub use crate::events::CommittedMessage as Committed;
use crate::mock_handler::{self, Arrival, Behaviour};
use crate::mock_verifier::{self, MOCK_PROOF};

pub const SVC: &str = "demo";
pub const FEE_A: &str = "ufeea";
pub const FEE_B: &str = "ufeeb";
pub const FORWARD_FEE: u128 = 100;
pub const BACKWARD_FEE: u128 = 40;

/// One simulated chain's deployment.
pub struct Side {
    pub network: NetworkAddress,
    pub fee_denom: &'static str,
    pub center: Addr,
    pub verifier: Addr,
    pub handler: Addr,
}

pub struct TwoCenters {
    pub app: ChainApp,
    pub owner: Addr,
    pub user: Addr,
    pub relayer: Addr,
    pub a: Side,
    pub b: Side,
}

/// Every message the transaction committed, in order.
pub fn committed(response: &AppResponse) -> Vec<Committed> {
    crate::events::committed_messages(response)
}

impl TwoCenters {
    pub(crate) fn build(settings: SuiteBuilder) -> Self {
        let funds = [FEE_A, FEE_B].map(|denom| coin(settings.user_funds, denom));
        let mut app = funded_app(&[("user", funds.to_vec())]);
        let [owner, user, relayer] =
            ["owner", "user", "relayer"].map(|name| app.api().addr_make(name));
        let center_code = app.store_code(crate::contracts::message_center());
        let verifier_code = app.store_code(mock_verifier::contract());
        let handler_code = app.store_code(mock_handler::contract());

        let [center_a, center_b] =
            [("a.cosmos", FEE_A), ("b.cosmos", FEE_B)].map(|(network, fee)| {
                instantiate_message_center(&mut app, center_code, &owner, &net(network), fee)
            });
        let mut side = |network: &str, fee_denom: &'static str, center: &Addr, remote: &Addr| {
            let verifier =
                mock_verifier::instantiate_verifier(&mut app, verifier_code, &owner, remote);
            let message_center = center.to_string();
            let handler = mock_handler::InstantiateMsg { message_center };
            let handler = instantiate(&mut app, handler_code, &owner, &handler, "mock handler");
            Side {
                network: net(network),
                fee_denom,
                center: center.clone(),
                verifier,
                handler,
            }
        };
        let a = side("a.cosmos", FEE_A, &center_a, &center_b);
        let b = side("b.cosmos", FEE_B, &center_b, &center_a);
        for (here, there) in [(&a, &b), (&b, &a)] {
            let plan = LinkPlan {
                center: &here.center,
                verifier: &here.verifier,
                remote_network: &there.network,
                remote_center: &there.center,
                svc: SVC,
                handler: &here.handler,
                forward_fee: Uint128::new(FORWARD_FEE),
                backward_fee: Uint128::new(BACKWARD_FEE),
            };
            open_link(&mut app, &owner, &plan);
        }
        Self {
            app,
            owner,
            user,
            relayer,
            a,
            b,
        }
    }

    /// The user asks A's handler to send `sn`/`payload` to B, paying `fee`.
    pub fn send_from_a(
        &mut self,
        sn: i64,
        payload: &[u8],
        fee: &[Coin],
    ) -> anyhow::Result<AppResponse> {
        self.send_from_a_until(sn, payload, fee, None)
    }

    /// [`Self::send_from_a`] with a timeout.
    pub fn send_from_a_until(
        &mut self,
        sn: i64,
        payload: &[u8],
        fee: &[Coin],
        timeout: Option<Timestamp>,
    ) -> anyhow::Result<AppResponse> {
        let send = mock_handler::ControlMsg::Send {
            to: self.b.network.clone(),
            svc: SVC.into(),
            sn,
            payload: Binary::new(payload.to_vec()),
            timeout,
        };
        let (user, handler) = (self.user.clone(), self.a.handler.clone());
        self.app.execute_contract(user, handler, &send, fee)
    }

    /// The fee A charges for a message to B.
    pub fn fee_a(&self, sn: i64) -> Vec<Coin> {
        let amount = if sn > 0 {
            FORWARD_FEE + BACKWARD_FEE
        } else {
            FORWARD_FEE
        };
        vec![coin(amount, FEE_A)]
    }

    /// A request from A's handler to B, paid; returns what A committed.
    pub fn request_from_a(&mut self, sn: i64, payload: &[u8]) -> Committed {
        let fee = self.fee_a(sn);
        let response = self.send_from_a(sn, payload, &fee).expect("sending from A");
        let mut committed = committed(&response);
        assert_eq!(committed.len(), 1);
        committed.remove(0)
    }

    /// Relays `messages` from `src` into the center of `to`, proven at the current height.
    pub fn relay(
        &mut self,
        relayer: &Addr,
        to: &Addr,
        src: &NetworkAddress,
        messages: Vec<RelayedMessage>,
    ) -> anyhow::Result<AppResponse> {
        self.relay_with_proof(relayer, to, src, messages, MOCK_PROOF)
    }

    /// [`Self::relay`] with the batch proof given.
    pub fn relay_with_proof(
        &mut self,
        relayer: &Addr,
        to: &Addr,
        src: &NetworkAddress,
        messages: Vec<RelayedMessage>,
        proof: &[u8],
    ) -> anyhow::Result<AppResponse> {
        let msg = relay_message(src, self.app.block_info().height, messages, proof);
        self.app
            .execute_contract(relayer.clone(), to.clone(), &msg, &[])
    }

    pub fn relay_to_b(&mut self, messages: &[Committed]) -> anyhow::Result<AppResponse> {
        let (to, src) = (self.b.center.clone(), self.a.network.clone());
        self.relay_committed(&to, &src, messages)
    }

    pub fn relay_to_a(&mut self, messages: &[Committed]) -> anyhow::Result<AppResponse> {
        let (to, src) = (self.a.center.clone(), self.b.network.clone());
        self.relay_committed(&to, &src, messages)
    }

    fn relay_committed(
        &mut self,
        to: &Addr,
        src: &NetworkAddress,
        messages: &[Committed],
    ) -> anyhow::Result<AppResponse> {
        let relayer = self.relayer.clone();
        self.relay(
            &relayer,
            to,
            src,
            messages.iter().map(Committed::relayed).collect(),
        )
    }

    pub fn arrivals(&self, handler: &Addr) -> Vec<Arrival> {
        self.query(handler, &mock_handler::QueryMsg::Arrivals {})
    }

    pub fn set_behaviour(&mut self, handler: &Addr, behaviour: Behaviour) {
        let msg = mock_handler::ControlMsg::SetBehaviour { behaviour };
        must_execute(&mut self.app, &self.owner, handler, &msg, &[]);
    }

    pub fn owner_executes(
        &mut self,
        center: &Addr,
        msg: &ExecuteMsg,
    ) -> anyhow::Result<AppResponse> {
        self.app
            .execute_contract(self.owner.clone(), center.clone(), msg, &[])
    }
}

/// The message center's error that `err` carries (a panic, naming `err`,
/// when it carries another).
pub fn center_error(err: &anyhow::Error) -> &message_center::ContractError {
    crate::errors::contract_error(err)
}

/// The full error chain, for an error only another contract's words name
/// (a mock's refusal).
pub fn error_text(err: anyhow::Error) -> String {
    format!("{err:#}")
}
