//! Two chains' worth of the whole suite in one `cw-multi-test` app, linked
//! both ways, with an outbox that collects every committed message so a test
//! can relay when it chooses. Verifiers are [`crate::mock_verifier`]s: they
//! accept exactly what the other side's message center stored.
//!
//! Built by [`SuiteBuilder::build`].

use btp_types::msg::message_center::{self as center, RelayedMessage};
use btp_types::msg::token_handler as handler;
use btp_types::msg::token_vault as vault;
use btp_types::BtpAddress;
use cosmwasm_std::{coin, Addr, Binary, Coin};
use cw_multi_test::{AppResponse, Executor};
use serde::Serialize;

use crate::deploy::{
    deploy_suite, foreign_coins, home_coins, home_token, link, register_coins, Chain, ChainApp,
    Codes, COIN_A_DENOM,
};
use crate::events::{committed_messages, CommittedMessage};
use crate::mock_verifier::{self, MOCK_PROOF};
use crate::suite::{funded_app, net, relay_message, SuiteBuilder};

/// Which chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

impl Side {
    pub fn other(self) -> Self {
        match self {
            Side::A => Side::B,
            Side::B => Side::A,
        }
    }
}

impl Suite {
    pub(crate) fn build(settings: SuiteBuilder) -> Self {
        let user_funds = settings.user_funds;
        let mut app = funded_app(&[(
            "user",
            [COIN_A_DENOM, "ufeea", "ufeeb"]
                .map(|denom| coin(user_funds, denom))
                .to_vec(),
        )]);
        let [owner, user, relayer] =
            ["owner", "user", "relayer"].map(|name| app.api().addr_make(name));
        let codes = Codes::store(&mut app, mock_verifier::contract());
        let token_a = home_token(&mut app, &codes, &owner, &user, user_funds);

        let [deployment_a, deployment_b] = [("a.cosmos", "ufeea"), ("b.cosmos", "ufeeb")]
            .map(|(network, fee)| deploy_suite(&mut app, &codes, &owner, net(network), fee));
        // Each side's mock light client "proves" the other side's message center.
        let verifier_a = mock_verifier::instantiate_verifier(
            &mut app,
            codes.verifier,
            &owner,
            &deployment_b.message_center,
        );
        let verifier_b = mock_verifier::instantiate_verifier(
            &mut app,
            codes.verifier,
            &owner,
            &deployment_a.message_center,
        );
        let (a, b) = (
            Chain::new(deployment_a, verifier_a),
            Chain::new(deployment_b, verifier_b),
        );
        link(&mut app, &owner, &a, &b, settings.relay_fee);
        link(&mut app, &owner, &b, &a, settings.relay_fee);
        register_coins(
            &mut app,
            &owner,
            &a,
            home_coins(&token_a),
            &settings.fee,
            &settings.limits,
        );
        register_coins(
            &mut app,
            &owner,
            &b,
            foreign_coins(&a.network),
            &settings.fee,
            &settings.limits,
        );
        Suite {
            app,
            owner,
            user,
            relayer,
            a,
            b,
            token_a,
            outboxes: [vec![], vec![]],
        }
    }
}

/// Two linked chains with the suite deployed; see the module doc.
pub struct Suite {
    pub app: ChainApp,
    pub owner: Addr,
    pub user: Addr,
    pub relayer: Addr,
    pub a: Chain,
    pub b: Chain,
    /// Chain A's home cw20 token.
    pub token_a: Addr,
    /// What A and B committed and is not relayed yet.
    outboxes: [Vec<CommittedMessage>; 2],
}

impl Suite {
    pub fn chain(&self, side: Side) -> &Chain {
        match side {
            Side::A => &self.a,
            Side::B => &self.b,
        }
    }

    /// `account`'s BTP address on `side`'s chain.
    pub fn btp_address(&self, side: Side, account: &str) -> BtpAddress {
        BtpAddress::new(self.chain(side).network.clone(), account).expect("a valid account")
    }

    /// The user sends `amount` of A's native coin to `receiver` on B.
    pub fn send_native_to_b(
        &mut self,
        amount: u128,
        receiver: &str,
        timeout_secs: Option<u64>,
    ) -> anyhow::Result<AppResponse> {
        let (user, handler) = (self.user.clone(), self.a.handler.clone());
        let transfer = handler::ExecuteMsg::Transfer {
            to: self.btp_address(Side::B, receiver),
            timeout_secs,
        };
        self.execute(
            Side::A,
            &user,
            &handler,
            &transfer,
            &[coin(amount, COIN_A_DENOM)],
        )
    }

    fn outbox(&mut self, side: Side) -> &mut Vec<CommittedMessage> {
        &mut self.outboxes[side as usize]
    }

    /// Messages committed on `side` and not yet relayed, oldest first.
    pub fn outbox_messages(&self, side: Side) -> &[CommittedMessage] {
        &self.outboxes[side as usize]
    }

    /// How many messages committed on `side` are not yet relayed.
    pub fn pending(&self, side: Side) -> usize {
        self.outbox_messages(side).len()
    }

    /// Executes on `side` and collects the messages the transaction committed.
    pub fn execute<T: Serialize + std::fmt::Debug>(
        &mut self,
        side: Side,
        sender: &Addr,
        contract: &Addr,
        msg: &T,
        funds: &[Coin],
    ) -> anyhow::Result<AppResponse> {
        let response = self
            .app
            .execute_contract(sender.clone(), contract.clone(), msg, funds)?;
        self.collect(side, &response);
        Ok(response)
    }

    fn collect(&mut self, side: Side, response: &AppResponse) {
        let center = self.chain(side).message_center.to_string();
        let committed = committed_messages(response)
            .into_iter()
            .filter(|message| message.message_center == center);
        self.outbox(side).extend(committed);
    }

    /// Delivers everything `from` committed to the other chain, in one relay;
    /// the replies it commits land in the other chain's outbox.
    pub fn relay(&mut self, from: Side) -> anyhow::Result<AppResponse> {
        let messages = self.take_outbox(from);
        self.relay_messages(from, messages)
    }

    /// Delivers `messages` from `from` to the other chain.
    pub fn relay_messages(
        &mut self,
        from: Side,
        messages: Vec<RelayedMessage>,
    ) -> anyhow::Result<AppResponse> {
        let to = from.other();
        let height = self.app.block_info().height;
        let msg = relay_message(&self.chain(from).network, height, messages, MOCK_PROOF);
        let (relayer, center) = (self.relayer.clone(), self.chain(to).message_center.clone());
        self.execute(to, &relayer, &center, &msg, &[])
    }

    /// Takes what `from` committed without relaying it (to replay or drop it).
    pub fn take_outbox(&mut self, from: Side) -> Vec<RelayedMessage> {
        std::mem::take(self.outbox(from))
            .iter()
            .map(CommittedMessage::relayed)
            .collect()
    }

    /// How `side`'s verifier decides (see [`mock_verifier::Mode`]).
    pub fn set_verifier_mode(&mut self, side: Side, mode: mock_verifier::Mode) {
        let verifier = self.chain(side).verifier.clone();
        self.set_mock_verifier_mode(&verifier, mode);
    }

    /// The cw20 contract that represents `coin_name` on `side`.
    pub fn token(&self, side: Side, coin_name: &str) -> Addr {
        let coin_name = coin_name.into();
        let coin: handler::CoinResponse = self.query(
            &self.chain(side).handler,
            &handler::QueryMsg::Coin { coin_name },
        );
        Addr::unchecked(coin.token.expect("the coin has a cw20 token"))
    }

    /// Closes (`open = false`) or opens again `side`'s link to the other chain,
    /// with the verifier and remote center it had.
    pub fn set_link_open(&mut self, side: Side, open: bool) -> anyhow::Result<AppResponse> {
        let (here, there) = (self.chain(side).clone(), self.chain(side.other()).clone());
        let msg = if open {
            center::ExecuteMsg::AddLink {
                network: there.network.clone(),
                verifier: here.verifier.to_string(),
                remote_message_center: there.message_center.to_string(),
                relayers: vec![],
            }
        } else {
            center::ExecuteMsg::RemoveLink {
                network: there.network.clone(),
            }
        };
        let owner = self.owner.clone();
        self.execute(side, &owner, &here.message_center, &msg, &[])
    }

    /// `side`'s link to the other chain.
    pub fn link(&self, side: Side) -> center::LinkResponse {
        let there = &self.chain(side.other()).network;
        self.center_link(&self.chain(side).message_center, there)
    }

    /// Resolves, as a relayer would, every request sent from `side` that
    /// timed out without reaching the other side; returns how many.
    pub fn resolve_timeouts(&mut self, side: Side) -> anyhow::Result<usize> {
        let pending: Vec<center::PendingRequestResponse> = self.app.wrap().query_wasm_smart(
            &self.chain(side).message_center,
            &center::QueryMsg::PendingRequests {
                network: None,
                start_after: None,
                limit: Some(100),
            },
        )?;
        let received = self.link(side.other()).rx_seq;
        let now = self.app.block_info();
        let mut resolved = 0;
        for request in pending {
            let timed_out = request.timeout.is_some_and(|timeout| timeout <= now.time);
            if !timed_out || request.sequence <= received {
                continue;
            }
            let msg = center::ExecuteMsg::ResolveTimeout {
                nsn: request.nsn,
                proof_height: now.height,
                rx_seq: received,
                proof: Binary::new(MOCK_PROOF.to_vec()),
            };
            let (relayer, center) = (
                self.relayer.clone(),
                self.chain(side).message_center.clone(),
            );
            self.execute(side, &relayer, &center, &msg, &[])?;
            resolved += 1;
        }
        Ok(resolved)
    }

    /// The vault's totals for a coin on `side`.
    pub fn totals(&self, side: Side, asset: vault::VaultAsset) -> vault::CoinTotals {
        self.query(&self.chain(side).vault, &vault::QueryMsg::Totals { asset })
    }
}
