//! `btp demo`: the whole flow on two embedded simulated chains, shown step
//! by step, with every balance checked against what it must be: a native
//! coin and a cw20 token go from A to B and back (each batch delivered with
//! one proof), then a transfer the relayer does not deliver before its
//! timeout is refunded on A by proof of B's receive sequence, and its late
//! delivery refunds nothing more.

use std::io::Write;

use anyhow::{bail, Result};
use btp_types::events::message_center::{DeliveryFailed, MessageCommitted, ReplyIgnored};
use btp_types::events::token_handler::{
    TransferCompleted, TransferReceived, TransferRefunded, TransferRefused,
};
use btp_types::events::TypedEvent;
use btp_types::msg::token_handler::{ExecuteMsg as HandlerMsg, ReceiveMsg};
use btp_types::msg::token_vault::{CoinTotals, QueryMsg as VaultQuery, VaultAsset};
use btp_types::BtpAddress;
use cosmwasm_std::{coin, to_json_binary, Addr, Event, Uint128};
use cw20::Cw20ExecuteMsg;
use testing::deploy::{COIN_A, COIN_A_DENOM, TOKEN_A};
use testing::harness::{SimChain, TwoChains, TwoChainsBuilder};
use testing::suite::Side;

use relayer::relay::{relay_once, resolve_timeouts_once, Endpoint, RelayReport};

const START: u128 = 1_000_000;
const MAX_BATCH: usize = 50;

/// Which way a relay goes.
#[derive(Clone, Copy)]
enum Direction {
    AToB,
    BToA,
}

struct Demo<'w, W: Write> {
    chains: TwoChains,
    out: &'w mut W,
    mismatches: Vec<String>,
}

fn endpoint(chain: &SimChain) -> Endpoint {
    Endpoint {
        message_center: chain.contracts.message_center.to_string(),
        verifier: chain.contracts.verifier.to_string(),
    }
}

fn short(text: &str) -> String {
    if text.len() > 16 {
        format!("{}…{}", &text[..10], &text[text.len() - 4..])
    } else {
        text.to_string()
    }
}

impl<W: Write> Demo<'_, W> {
    fn say(&mut self, line: impl AsRef<str>) -> Result<()> {
        writeln!(self.out, "{}", line.as_ref())?;
        Ok(())
    }

    fn expect(&mut self, what: &str, actual: u128, expected: u128) -> Result<()> {
        let mark = if actual == expected { "ok" } else { "WRONG" };
        self.say(format!(
            "    {what}: {actual} ({mark}, expected {expected})"
        ))?;
        if actual != expected {
            self.mismatches
                .push(format!("{what}: {actual}, expected {expected}"));
        }
        Ok(())
    }

    fn wrapped_token(&self, coin_name: &str) -> Result<Addr> {
        self.chains.b.coin_token(coin_name)
    }

    fn cw20_balance(chain: &SimChain, token: &Addr, account: &Addr) -> Result<u128> {
        chain.cw20_balance(token, account)
    }

    fn totals(chain: &SimChain, asset: VaultAsset) -> Result<CoinTotals> {
        Ok(chain
            .app
            .wrap()
            .query_wasm_smart(&chain.contracts.vault, &VaultQuery::Totals { asset })?)
    }

    fn receiver(&self, on: &SimChain) -> Result<BtpAddress> {
        Ok(BtpAddress::parse(&format!(
            "btp://{}/{}",
            on.network(),
            on.user
        ))?)
    }

    fn announce_committed(&mut self, side: &str, events: &[Event]) -> Result<()> {
        for committed in MessageCommitted::parse(events) {
            let head = committed
                .head
                .map_or_else(|| "?".to_string(), |head| head.to_hex());
            let line = format!(
                "    [{side}] message {} for {} committed (sn {}, chain head {})",
                committed.sequence,
                committed.network,
                committed.sn,
                short(&head),
            );
            self.say(line)?;
        }
        Ok(())
    }

    fn announce_outcomes(&mut self, destination: &str, events: &[Event]) -> Result<()> {
        for event in events {
            let line = if let Some(received) = TransferReceived::from_event(event) {
                format!(
                    "    [{destination}] transfer {} received: {} to {}",
                    received.sn,
                    received.assets,
                    short(&received.receiver),
                )
            } else if let Some(refused) = TransferRefused::from_event(event) {
                format!(
                    "    [{destination}] transfer {} refused (code {}): {}",
                    refused.sn, refused.code, refused.reason,
                )
            } else if let Some(completed) = TransferCompleted::from_event(event) {
                format!(
                    "    [{destination}] transfer {} is final: success reply received",
                    completed.sn
                )
            } else if let Some(refunded) = TransferRefunded::from_event(event) {
                format!(
                    "    [{destination}] transfer {} refunded{}: {}",
                    refunded.sn,
                    if refunded.timed_out {
                        " (timed out)"
                    } else {
                        ""
                    },
                    refunded.assets
                )
            } else if let Some(failed) = DeliveryFailed::from_event(event) {
                format!(
                    "    [{destination}] message {} not executed (code {}): {}",
                    failed.sequence, failed.code, failed.reason,
                )
            } else if let Some(ignored) = ReplyIgnored::from_event(event) {
                format!(
                    "    [{destination}] reply message {} ignored: {}",
                    ignored.sequence, ignored.reason,
                )
            } else {
                continue;
            };
            self.say(line)?;
        }
        Ok(())
    }

    fn relay(&mut self, direction: Direction) -> Result<()> {
        let (label, from) = match direction {
            Direction::AToB => ("A → B", Side::A),
            Direction::BToA => ("B → A", Side::B),
        };
        let (src, dst) = self.chains.sides(from);
        let (src_end, dst_end) = (endpoint(src), endpoint(dst));
        let report = relay_once(&*src, &src_end, dst, &dst_end, MAX_BATCH)?;
        let Some(RelayReport {
            sequences,
            updated_to,
            proof_height,
            submitted,
        }) = report
        else {
            bail!("relay {label}: nothing to relay, but a message was expected");
        };
        let header = match updated_to {
            Some(height) => format!("header {height} updates the light client, then "),
            None => String::new(),
        };
        self.say(format!(
            "  relay {label}: {header}message(s) {sequences:?} proven by one proof at height {proof_height}, delivered in block {}",
            submitted.height
        ))?;
        let destination = match direction {
            Direction::AToB => "B",
            Direction::BToA => "A",
        };
        self.announce_outcomes(destination, &submitted.events)?;
        self.announce_committed(destination, &submitted.events)
    }

    fn send_native_a_to_b(&mut self, amount: u128, timeout_secs: Option<u64>) -> Result<()> {
        let to = self.receiver(&self.chains.b)?;
        let timeout = timeout_secs
            .map(|seconds| format!(" (timeout {seconds}s)"))
            .unwrap_or_default();
        self.say(format!(
            "[A] user sends {amount} {COIN_A_DENOM} to {to}{timeout}"
        ))?;
        let (user, handler) = (
            self.chains.a.user.clone(),
            self.chains.a.contracts.handler.clone(),
        );
        let response = self.chains.a.execute(
            &user,
            &handler,
            &HandlerMsg::Transfer { to, timeout_secs },
            &[coin(amount, COIN_A_DENOM)],
        )?;
        self.announce_committed("A", &response.events)
    }

    fn send_cw20(&mut self, from_b: bool, token: &Addr, amount: u128, what: &str) -> Result<()> {
        let (sender_chain, target) = if from_b {
            (&self.chains.b, &self.chains.a)
        } else {
            (&self.chains.a, &self.chains.b)
        };
        let to = self.receiver(target)?;
        let handler = sender_chain.contracts.handler.to_string();
        let side = if from_b { "B" } else { "A" };
        self.say(format!("[{side}] user sends {amount} {what} to {to}"))?;
        let msg = Cw20ExecuteMsg::Send {
            contract: handler,
            amount: Uint128::new(amount),
            msg: to_json_binary(&ReceiveMsg::Transfer {
                to,
                timeout_secs: None,
            })?,
        };
        let chain = if from_b {
            &mut self.chains.b
        } else {
            &mut self.chains.a
        };
        let user = chain.user.clone();
        let response = chain.execute(&user, token, &msg, &[])?;
        self.announce_committed(side, &response.events)
    }

    fn round_trip(&mut self) -> Result<()> {
        self.say("== 1. A's native coin goes to B ==")?;
        self.send_native_a_to_b(1000, None)?;
        self.relay(Direction::AToB)?;
        self.relay(Direction::BToA)?;
        let wrapped_coin = self.wrapped_token(COIN_A)?;
        let (user_a, user_b) = (self.chains.a.user.clone(), self.chains.b.user.clone());
        let balance = self
            .chains
            .a
            .app
            .wrap()
            .query_balance(&user_a, COIN_A_DENOM)?
            .amount
            .u128();
        self.expect("A: user's ucoina (1000 sent)", balance, START - 1000)?;
        let received = Self::cw20_balance(&self.chains.b, &wrapped_coin, &user_b)?;
        self.expect(
            "B: user's wrapped a/ucoina (fee 10 + 1% = 20)",
            received,
            980,
        )?;

        self.say("== 2. A's cw20 token goes to B ==")?;
        let token_a = self.chains.token_a.clone();
        self.send_cw20(false, &token_a, 5000, "TOKA")?;
        self.relay(Direction::AToB)?;
        self.relay(Direction::BToA)?;
        let wrapped_token = self.wrapped_token(TOKEN_A)?;
        let received = Self::cw20_balance(&self.chains.b, &wrapped_token, &user_b)?;
        self.expect(
            "B: user's wrapped a/token (fee 10 + 1% = 60)",
            received,
            4940,
        )?;

        self.say("== 3. both come back to A ==")?;
        self.send_cw20(true, &wrapped_coin, 980, "wrapped a/ucoina")?;
        self.send_cw20(true, &wrapped_token, 4940, "wrapped a/token")?;
        self.relay(Direction::BToA)?;
        self.relay(Direction::AToB)?;
        Ok(())
    }

    /// A transfer the relayer does not deliver in time: refunded on A by
    /// proof that B had not received it when its timeout passed there; the
    /// late delivery is not executed, and its error reply refunds nothing more.
    fn timeout(&mut self) -> Result<()> {
        self.say("== 4. a transfer the relayer does not deliver in time ==")?;
        let user_a = self.chains.a.user.clone();
        let before = self.native_a(&user_a)?;
        self.send_native_a_to_b(1000, Some(60))?;
        self.chains.a.clock().advance(120);
        self.chains.b.in_block(|_| Ok(()))?;
        self.say("  (the relayer is away for two minutes: B's clock passes the timeout)")?;
        let endpoint_a = endpoint(&self.chains.a);
        let Some(report) =
            resolve_timeouts_once(&mut self.chains.a, &endpoint_a, &self.chains.b, MAX_BATCH)?
        else {
            bail!("no timed-out request to resolve, but one was expected");
        };
        let header = match report.updated_to {
            Some(height) => format!("header {height} of B updates A's light client, then "),
            None => String::new(),
        };
        for resolved in &report.requests {
            self.say(format!(
                "  timeout A ⇠ B: {header}a proof that B had received {} message(s) from A at height {} (time {}) resolves request {} (message {}) in block {} of A",
                resolved.rx_seq,
                report.proof_height,
                relayer::service::time_text(report.proof_time),
                resolved.request.nsn,
                resolved.request.sequence,
                report.submitted.height,
            ))?;
        }
        self.announce_outcomes("A", &report.submitted.events)?;
        let after = self.native_a(&user_a)?;
        self.expect(
            "A: user's ucoina (1000 refunded but the fee of 20)",
            after,
            before - 20,
        )?;
        self.say("  the relayer is back: the late transfer is delivered, and answered")?;
        self.relay(Direction::AToB)?;
        self.relay(Direction::BToA)?;
        let after = self.native_a(&user_a)?;
        self.expect("A: user's ucoina (refunded once)", after, before - 20)?;
        Ok(())
    }

    fn native_a(&self, account: &Addr) -> Result<u128> {
        Ok(self
            .chains
            .a
            .app
            .wrap()
            .query_balance(account, COIN_A_DENOM)?
            .amount
            .u128())
    }

    fn final_balances(&mut self) -> Result<()> {
        self.say("== balances ==")?;
        let (user_a, user_b) = (self.chains.a.user.clone(), self.chains.b.user.clone());
        let (wrapped_coin, wrapped_token) =
            (self.wrapped_token(COIN_A)?, self.wrapped_token(TOKEN_A)?);
        let token_a = self.chains.token_a.clone();
        let native = self
            .chains
            .a
            .app
            .wrap()
            .query_balance(&user_a, COIN_A_DENOM)?
            .amount
            .u128();
        self.expect(
            "A: user's ucoina (980 back, fee 19; 20 for the timed-out transfer)",
            native,
            START - 1000 + 961 - 20,
        )?;
        let token = Self::cw20_balance(&self.chains.a, &token_a, &user_a)?;
        self.expect(
            "A: user's TOKA (4940 back, fee 59)",
            token,
            START - 5000 + 4881,
        )?;
        let left = Self::cw20_balance(&self.chains.b, &wrapped_coin, &user_b)?;
        self.expect("B: user's wrapped a/ucoina", left, 0)?;
        let left = Self::cw20_balance(&self.chains.b, &wrapped_token, &user_b)?;
        self.expect("B: user's wrapped a/token", left, 0)?;

        self.say("== supply invariant: locked on A = wrapped supply on B (nothing in flight) ==")?;
        let token_asset = VaultAsset::Cw20 {
            address: token_a.to_string(),
        };
        for (coin_name, home) in [
            (
                COIN_A,
                VaultAsset::Native {
                    denom: COIN_A_DENOM.into(),
                },
            ),
            (TOKEN_A, token_asset),
        ] {
            let locked = Self::totals(&self.chains.a, home)?.locked.u128();
            let supply = Self::totals(
                &self.chains.b,
                VaultAsset::Wrapped {
                    coin_name: coin_name.into(),
                },
            )?
            .supply
            .u128();
            self.expect(
                &format!("{coin_name}: locked on A {locked} vs supply on B"),
                supply,
                locked,
            )?;
        }
        Ok(())
    }
}

/// Runs the demo, writing its lines to `out`; an error when any balance is not
/// what it must be.
pub fn run(out: &mut impl Write) -> Result<()> {
    let chains = TwoChainsBuilder::new().build()?;
    let mut demo = Demo {
        chains,
        out,
        mismatches: vec![],
    };
    demo.say("cw-btp demo: two simulated Cosmos chains, 4 validators each, real light clients and proofs")?;
    for chain in [&demo.chains.a, &demo.chains.b] {
        let line = format!(
            "  {}: message center {}, light client {}, height {}",
            chain.network(),
            short(chain.contracts.message_center.as_str()),
            short(chain.contracts.verifier.as_str()),
            chain.height(),
        );
        writeln!(demo.out, "{line}")?;
    }
    demo.round_trip()?;
    demo.timeout()?;
    demo.final_balances()?;
    if !demo.mismatches.is_empty() {
        bail!(
            "{} balance(s) are not what they should be: {}",
            demo.mismatches.len(),
            demo.mismatches.join("; ")
        );
    }
    demo.say("demo passed: every message proven, every balance exact")?;
    Ok(())
}
