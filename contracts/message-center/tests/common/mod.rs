//! Two message centers in one `cw-multi-test` app, each standing for a chain
//! (`a.cosmos`, `b.cosmos`), linked both ways through mock verifiers that
//! accept only what the other center really committed, each with a mock
//! handler for service `demo`. A test relays by hand what it wants relayed.

#![allow(dead_code)]

use btp_types::msg::message_center::{
    ExecuteMsg, InstantiateMsg, LinkResponse, QueryMsg, RelayedMessage,
};
use btp_types::NetworkAddress;
use cosmwasm_std::{coin, Addr, Binary, Coin, Timestamp, Uint128};
use cw_multi_test::{App, AppBuilder, AppResponse, Executor};
use testing::mock_handler::{self, Arrival, Behaviour};
use testing::mock_verifier::{self, Mode, MOCK_PROOF};

pub const SVC: &str = "demo";
pub const FEE_A: &str = "ufeea";
pub const FEE_B: &str = "ufeeb";
pub const FORWARD_FEE: u128 = 100;
pub const BACKWARD_FEE: u128 = 40;

pub fn net(text: &str) -> NetworkAddress {
    NetworkAddress::parse(text).unwrap()
}

/// One simulated chain's deployment.
pub struct Side {
    pub network: NetworkAddress,
    pub fee_denom: &'static str,
    pub center: Addr,
    pub verifier: Addr,
    pub handler: Addr,
}

pub struct TwoCenters {
    pub app: App,
    pub owner: Addr,
    pub user: Addr,
    pub relayer: Addr,
    pub a: Side,
    pub b: Side,
}

pub use testing::events::CommittedMessage as Committed;

/// Every message the transaction committed, in order.
pub fn committed(response: &AppResponse) -> Vec<Committed> {
    testing::events::committed_messages(response)
}

impl TwoCenters {
    pub fn new() -> Self {
        let mut app = AppBuilder::new().build(|router, api, storage| {
            let funded = [(
                api.addr_make("user"),
                vec![coin(1_000_000, FEE_A), coin(1_000_000, FEE_B)],
            )];
            for (account, coins) in funded {
                router.bank.init_balance(storage, &account, coins).unwrap();
            }
        });
        let owner = app.api().addr_make("owner");
        let user = app.api().addr_make("user");
        let relayer = app.api().addr_make("relayer");

        let center_code = app.store_code(testing::contracts::message_center());
        let verifier_code = app.store_code(mock_verifier::contract());
        let handler_code = app.store_code(mock_handler::contract());

        let center = |app: &mut App, network: &str, fee_denom: &str| {
            app.instantiate_contract(
                center_code,
                owner.clone(),
                &InstantiateMsg {
                    network: net(network),
                    owner: None,
                    fee_denom: fee_denom.into(),
                    delivery_gas_limit: None,
                },
                &[],
                network,
                Some(owner.to_string()),
            )
            .unwrap()
        };
        let center_a = center(&mut app, "a.cosmos", FEE_A);
        let center_b = center(&mut app, "b.cosmos", FEE_B);

        let side = |app: &mut App,
                    network: &str,
                    fee_denom: &'static str,
                    center: &Addr,
                    remote: &Addr| {
            let verifier = app
                .instantiate_contract(
                    verifier_code,
                    owner.clone(),
                    &mock_verifier::InstantiateMsg {
                        source: remote.to_string(),
                    },
                    &[],
                    "verifier",
                    None,
                )
                .unwrap();
            let handler = app
                .instantiate_contract(
                    handler_code,
                    owner.clone(),
                    &mock_handler::InstantiateMsg {
                        message_center: center.to_string(),
                    },
                    &[],
                    "handler",
                    None,
                )
                .unwrap();
            Side {
                network: net(network),
                fee_denom,
                center: center.clone(),
                verifier,
                handler,
            }
        };
        let a = side(&mut app, "a.cosmos", FEE_A, &center_a, &center_b);
        let b = side(&mut app, "b.cosmos", FEE_B, &center_b, &center_a);

        let mut suite = Self {
            app,
            owner,
            user,
            relayer,
            a,
            b,
        };
        for (here, there) in [(&suite.a, &suite.b), (&suite.b, &suite.a)] {
            let owner = suite.owner.clone();
            let admin = [
                ExecuteMsg::AddLink {
                    network: there.network.clone(),
                    verifier: here.verifier.to_string(),
                    remote_message_center: there.center.to_string(),
                    relayers: vec![],
                },
                ExecuteMsg::AddService {
                    svc: SVC.into(),
                    handler: here.handler.to_string(),
                    batches: Some(true),
                },
                ExecuteMsg::SetFee {
                    network: there.network.clone(),
                    forward: Uint128::new(FORWARD_FEE),
                    backward: Uint128::new(BACKWARD_FEE),
                },
            ];
            for msg in admin {
                suite
                    .app
                    .execute_contract(owner.clone(), here.center.clone(), &msg, &[])
                    .unwrap();
            }
        }
        suite
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
        self.app.execute_contract(
            self.user.clone(),
            self.a.handler.clone(),
            &mock_handler::ControlMsg::Send {
                to: self.b.network.clone(),
                svc: SVC.into(),
                sn,
                payload: Binary::new(payload.to_vec()),
                timeout,
            },
            fee,
        )
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
        let response = self.send_from_a(sn, payload, &fee).unwrap();
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
        let height = self.app.block_info().height;
        self.app.execute_contract(
            relayer.clone(),
            to.clone(),
            &ExecuteMsg::HandleRelayMessage {
                src: src.clone(),
                proof_height: height,
                messages,
                proof: Binary::new(proof.to_vec()),
                prior_head: None,
            },
            &[],
        )
    }

    pub fn relay_to_b(&mut self, messages: &[Committed]) -> anyhow::Result<AppResponse> {
        let (relayer, to, src) = (
            self.relayer.clone(),
            self.b.center.clone(),
            self.a.network.clone(),
        );
        self.relay(
            &relayer,
            &to,
            &src,
            messages.iter().map(Committed::relayed).collect(),
        )
    }

    pub fn relay_to_a(&mut self, messages: &[Committed]) -> anyhow::Result<AppResponse> {
        let (relayer, to, src) = (
            self.relayer.clone(),
            self.a.center.clone(),
            self.b.network.clone(),
        );
        self.relay(
            &relayer,
            &to,
            &src,
            messages.iter().map(Committed::relayed).collect(),
        )
    }

    pub fn arrivals(&self, handler: &Addr) -> Vec<Arrival> {
        self.app
            .wrap()
            .query_wasm_smart(handler, &mock_handler::QueryMsg::Arrivals {})
            .unwrap()
    }

    pub fn link(&self, center: &Addr, network: &NetworkAddress) -> LinkResponse {
        self.app
            .wrap()
            .query_wasm_smart(
                center,
                &QueryMsg::Link {
                    network: network.clone(),
                },
            )
            .unwrap()
    }

    pub fn set_behaviour(&mut self, handler: &Addr, behaviour: Behaviour) {
        self.app
            .execute_contract(
                self.owner.clone(),
                handler.clone(),
                &mock_handler::ControlMsg::SetBehaviour { behaviour },
                &[],
            )
            .unwrap();
    }

    pub fn set_verifier_mode(&mut self, verifier: &Addr, mode: Mode) {
        self.app
            .execute_contract(
                self.owner.clone(),
                verifier.clone(),
                &mock_verifier::ExecuteMsg::SetMode { mode },
                &[],
            )
            .unwrap();
    }

    pub fn owner_executes(
        &mut self,
        center: &Addr,
        msg: &ExecuteMsg,
    ) -> anyhow::Result<AppResponse> {
        self.app
            .execute_contract(self.owner.clone(), center.clone(), msg, &[])
    }

    pub fn balance(&self, account: &Addr, denom: &str) -> u128 {
        self.app
            .wrap()
            .query_balance(account, denom)
            .unwrap()
            .amount
            .u128()
    }
}

/// The full error chain, for matching on the contract's message.
/// The message center's error that `err` carries (a panic, naming `err`,
/// when it carries another).
pub fn center_error(err: &anyhow::Error) -> &message_center::ContractError {
    testing::errors::contract_error(err)
}

pub fn error_text(err: anyhow::Error) -> String {
    format!("{err:#}")
}
