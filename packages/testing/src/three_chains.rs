//! Three simulated chains in a line, A — B — C, with real light clients on
//! each link (see [`crate::harness`] for how a simulated chain proves its
//! state). A and C have no link to each other: each reaches the other by a
//! route through B, whose message center forwards. A's coins are at home on
//! A and registered on B and on C as coins of A, so a transfer A → C mints
//! C's wrapped coin of A, not of B.

use anyhow::{Context, Result};
use btp_types::msg::message_center::ExecuteMsg as CenterMsg;
use btp_types::msg::token_handler::{FeePolicy, Limits};
use cosmwasm_std::{Addr, Uint128};
use cw_multi_test::Executor;

use crate::chain::SimulatedValidatorSet;
use crate::deploy::{
    foreign_coins, foreign_coins_b, home_coins, home_coins_b, home_token, register_coins, Chain,
    ChainApp,
};
use crate::harness::{new_chain, Clock, SimChain};

/// Relay fees, in each chain's fee denom, of every link and of each route's
/// one hop beyond its link.
#[derive(Clone, Copy, Debug, Default)]
pub struct HopFees {
    /// A message's fee for one hop.
    pub forward: Uint128,
    /// A reply's fee for one hop back.
    pub backward: Uint128,
}

/// Settings of the three chains.
pub struct ThreeChainsBuilder {
    fee: FeePolicy,
    limits: Limits,
    user_funds: u128,
    link_fees: HopFees,
    route_fees: HopFees,
}

impl Default for ThreeChainsBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl ThreeChainsBuilder {
    pub fn new() -> Self {
        Self {
            fee: crate::deploy::scenario_token_fee(),
            limits: Limits::default(),
            user_funds: 1_000_000,
            link_fees: HopFees::default(),
            route_fees: HopFees::default(),
        }
    }

    /// The token fee of every coin on the three chains.
    pub fn fee(mut self, fee: FeePolicy) -> Self {
        self.fee = fee;
        self
    }

    /// The relay fees of every link (A — B and B — C, both ways).
    pub fn link_fees(mut self, fees: HopFees) -> Self {
        self.link_fees = fees;
        self
    }

    /// The fees of the hop a route adds beyond its link (B → C for A's
    /// route to C, B → A for C's route to A), both ways.
    pub fn route_fees(mut self, fees: HopFees) -> Self {
        self.route_fees = fees;
        self
    }

    pub fn build(self) -> Result<ThreeChains> {
        let clock = Clock::new();
        let funds = self.user_funds;
        let [mut a, mut b, mut c] = [
            ("chain-a", "chaina"),
            ("chain-b", "chainb"),
            ("chain-c", "chainc"),
        ]
        .map(|(id, prefix)| {
            let validators = SimulatedValidatorSet::equal_power(&format!("{id}-validator"), 4, 100);
            new_chain(id, prefix, validators, &clock, funds)
        });
        let token_a = home_token(&mut a.app, &a.codes, &a.owner, &a.user, funds);
        for chain in [&mut a, &mut b, &mut c] {
            chain.seal();
        }
        let [trust_a, trust_b, trust_c] = [&a, &b, &c].map(|chain| chain.trusted_state());
        let verifier_code = b.codes.verifier;
        let trust_b = trust_b?;
        let mut a = a.with_light_client(&trust_b)?;
        let mut b = b.with_light_client(&trust_a?)?;
        let mut c = c.with_light_client(&trust_b)?;
        // B's second light client: of C.
        let owner = b.owner.clone();
        let trust_c = trust_c?;
        let b_client_of_c = b.in_block(|app| {
            app.instantiate_contract(
                verifier_code,
                owner.clone(),
                &trust_c,
                &[],
                "verifier-tendermint-of-c",
                Some(owner.to_string()),
            )
        })?;
        a.light_clients
            .insert(b.network().to_string(), a.contracts.verifier.clone());
        b.light_clients
            .insert(a.network().to_string(), b.contracts.verifier.clone());
        b.light_clients
            .insert(c.network().to_string(), b_client_of_c.clone());
        c.light_clients
            .insert(b.network().to_string(), c.contracts.verifier.clone());

        let b_towards_c = Chain {
            verifier: b_client_of_c,
            ..b.contracts.clone()
        };
        let (ca, cb, cc) = (
            a.contracts.clone(),
            b.contracts.clone(),
            c.contracts.clone(),
        );
        let (link_fees, route_fees) = (self.link_fees, self.route_fees);
        let (fee, limits) = (self.fee, self.limits);
        a.in_block(|app| {
            let owner = app.api().addr_make("owner");
            add_link(app, &owner, &ca, &cb, link_fees)?;
            add_route(app, &owner, &ca, &cc, &cb, route_fees)?;
            register_coins(
                app,
                &owner,
                &ca,
                [home_coins(&token_a), foreign_coins_b(&cb.network)].concat(),
                &fee,
                &limits,
            );
            Ok(())
        })?;
        b.in_block(|app| {
            let owner = app.api().addr_make("owner");
            add_link(app, &owner, &cb, &ca, link_fees)?;
            add_link(app, &owner, &b_towards_c, &cc, link_fees)?;
            register_coins(
                app,
                &owner,
                &cb,
                [foreign_coins(&ca.network), home_coins_b()].concat(),
                &fee,
                &limits,
            );
            Ok(())
        })?;
        c.in_block(|app| {
            let owner = app.api().addr_make("owner");
            add_link(app, &owner, &cc, &cb, link_fees)?;
            add_route(app, &owner, &cc, &ca, &cb, route_fees)?;
            register_coins(app, &owner, &cc, foreign_coins(&ca.network), &fee, &limits);
            Ok(())
        })?;
        Ok(ThreeChains { a, b, c, token_a })
    }
}

/// What a light client of `chain` is created with: its newest header.
/// Links `here` to `there` through `here`'s verifier, with `fees`; registers
/// the token service on `here` when it is not yet.
fn add_link(
    app: &mut ChainApp,
    owner: &Addr,
    here: &Chain,
    there: &Chain,
    fees: HopFees,
) -> Result<()> {
    let services: Vec<btp_types::msg::message_center::ServiceResponse> =
        app.wrap().query_wasm_smart(
            &here.message_center,
            &btp_types::msg::message_center::QueryMsg::Services {},
        )?;
    let mut msgs = vec![
        CenterMsg::AddLink {
            network: there.network.clone(),
            verifier: here.verifier.to_string(),
            remote_message_center: there.message_center.to_string(),
            relayers: vec![],
        },
        CenterMsg::SetFee {
            network: there.network.clone(),
            forward: fees.forward,
            backward: fees.backward,
        },
    ];
    if !services
        .iter()
        .any(|service| service.svc == btp_types::token_service::TOKEN_SERVICE)
    {
        msgs.push(CenterMsg::AddService {
            svc: btp_types::token_service::TOKEN_SERVICE.into(),
            handler: here.handler.to_string(),
            batches: Some(true),
        });
    }
    for msg in msgs {
        app.execute_contract(owner.clone(), here.message_center.clone(), &msg, &[])
            .with_context(|| format!("linking {} to {}", here.network, there.network))?;
    }
    Ok(())
}

/// Routes `here`'s messages for `to` through `via`, with `fees` for the hop
/// beyond the link.
fn add_route(
    app: &mut ChainApp,
    owner: &Addr,
    here: &Chain,
    to: &Chain,
    via: &Chain,
    fees: HopFees,
) -> Result<()> {
    let msg = CenterMsg::SetRoute {
        network: to.network.clone(),
        next: via.network.clone(),
        forward_fees: vec![fees.forward],
        backward_fees: vec![fees.backward],
    };
    app.execute_contract(owner.clone(), here.message_center.clone(), &msg, &[])
        .with_context(|| {
            format!(
                "routing {} to {} via {}",
                here.network, to.network, via.network
            )
        })?;
    Ok(())
}

/// A — B — C; see the module doc.
pub struct ThreeChains {
    pub a: SimChain,
    pub b: SimChain,
    pub c: SimChain,
    /// Chain A's home cw20 token.
    pub token_a: Addr,
}
