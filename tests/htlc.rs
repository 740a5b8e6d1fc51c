//! Atomic swaps between the two simulated chains of `testing::harness` with
//! an HTLC contract on each, driven through `relayer::swap` as `btp swap`
//! drives them on real nodes: no message center, relayer or light client is
//! involved. The initiator is each chain's `user`, the counterparty each
//! chain's `relayer` account (both hold both coins on both chains).

use anyhow::Result;
use btp_types::msg::htlc::{
    Asset, ConfigResponse, InstantiateMsg, LockState, QueryMsg as HtlcQuery,
};
use btp_types::NetworkAddress;
use cosmwasm_schema::serde::de::DeserializeOwned;
use cosmwasm_schema::serde::Serialize;
use cosmwasm_std::{Addr, Binary, CosmosMsg, Empty, Timestamp, Uint128};
use cw_multi_test::{Contract, ContractWrapper, Executor};
use relayer::swap::{
    self, claim_revealed, claim_with_secret, hashlock_of, initiate, refund, respond, Expected,
    Initiation, ResponseTerms, Secret,
};
use relayer::{ChainBackend, CommittedMessage, ProvenValue, Submitted};
use testing::deploy::{COIN_A_DENOM, COIN_B_DENOM};
use testing::harness::{SimChain, TwoChains};

/// The initiator's lock on A: two hours.
const TIMELOCK_A: u64 = 2 * 3600;
/// The counterparty's lock on B: one hour.
const TIMELOCK_B: u64 = 3600;
/// What the counterparty requires between the two.
const MARGIN: u64 = 1800;
const GIVE_A: u128 = 1000;
const GIVE_B: u128 = 2500;

fn htlc_contract() -> Box<dyn Contract<Empty>> {
    use htlc::contract::{execute, instantiate, migrate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

fn instantiate_htlc(chain: &mut SimChain) -> Addr {
    let owner = chain.owner.clone();
    chain
        .in_block(|app| {
            let code = app.store_code(htlc_contract());
            app.instantiate_contract(
                code,
                owner.clone(),
                &InstantiateMsg { owner: None },
                &[],
                "htlc",
                Some(owner.to_string()),
            )
        })
        .unwrap()
}

/// A party's view of a chain: the chain, with its transactions signed by
/// `account` (the simulated backend signs with the chain's relayer account).
struct Party<'c> {
    chain: &'c mut SimChain,
    account: Addr,
}

impl ChainBackend for Party<'_> {
    fn network(&self) -> NetworkAddress {
        ChainBackend::network(&*self.chain)
    }
    fn latest_header_height(&self) -> relayer::Result<u64> {
        self.chain.latest_header_height()
    }
    fn header_time(&self, height: u64) -> relayer::Result<Timestamp> {
        self.chain.header_time(height)
    }
    fn client_update(&self, trusted_height: u64, height: u64) -> relayer::Result<Binary> {
        self.chain.client_update(trusted_height, height)
    }
    fn committed_messages(
        &self,
        message_center: &str,
        from: u64,
        to: u64,
    ) -> relayer::Result<Vec<CommittedMessage>> {
        ChainBackend::committed_messages(&*self.chain, message_center, from, to)
    }
    fn proven_value(&self, key: &[u8], version: u64) -> relayer::Result<ProvenValue> {
        self.chain.proven_value(key, version)
    }
    fn canonical_address(&self, address: &str) -> relayer::Result<Vec<u8>> {
        self.chain.canonical_address(address)
    }
    fn query<Q: Serialize, T: DeserializeOwned>(
        &self,
        contract: &str,
        msg: &Q,
    ) -> relayer::Result<T> {
        ChainBackend::query(&*self.chain, contract, msg)
    }
    fn submit(&mut self, messages: Vec<CosmosMsg>) -> relayer::Result<Submitted> {
        let height = self.chain.height() + 1;
        let response = self
            .chain
            .execute_multi(&self.account, messages)
            .map_err(|err| relayer::Error::Transaction(format!("{err:#}")))?;
        Ok(Submitted {
            height,
            events: response.events,
        })
    }
}

fn initiator(chain: &mut SimChain) -> Party<'_> {
    let account = chain.user.clone();
    Party { chain, account }
}

fn counterparty(chain: &mut SimChain) -> Party<'_> {
    let account = chain.relayer.clone();
    Party { chain, account }
}

struct Swap {
    chains: TwoChains,
    htlc_a: Addr,
    htlc_b: Addr,
    secret: Secret,
}

fn setup() -> Swap {
    let mut chains = testing::suite::SuiteBuilder::new().two_chains().unwrap();
    let htlc_a = instantiate_htlc(&mut chains.a);
    let htlc_b = instantiate_htlc(&mut chains.b);
    Swap {
        chains,
        htlc_a,
        htlc_b,
        secret: swap::new_secret().unwrap(),
    }
}

fn native(denom: &str, amount: u128) -> Asset {
    Asset::Native {
        denom: denom.into(),
        amount: Uint128::new(amount),
    }
}

fn balance(chain: &SimChain, account: &Addr, asset: &Asset) -> u128 {
    match asset {
        Asset::Native { denom, .. } => chain
            .app
            .wrap()
            .query_balance(account, denom)
            .unwrap()
            .amount
            .u128(),
        Asset::Cw20 { token, .. } => chain
            .cw20_balance(&Addr::unchecked(token), account)
            .unwrap(),
    }
}

/// Lets `seconds` pass on both chains (one clock) and seals a block on each,
/// so that their headers carry the new time.
fn wait(chains: &mut TwoChains, seconds: u64) {
    chains.a.clock().advance(seconds);
    chains.a.in_block(|_| Ok(())).unwrap();
    chains.b.in_block(|_| Ok(())).unwrap();
}

impl Swap {
    /// Step 1: the user of A locks `give` for A's relayer account.
    fn initiate(&mut self, give: &Asset, timelock_secs: u64) -> swap::Locked {
        let receiver = self.chains.a.relayer.to_string();
        initiate(
            &mut initiator(&mut self.chains.a),
            self.htlc_a.as_str(),
            &self.secret,
            &Initiation {
                receiver,
                asset: give.clone(),
                timelock_secs,
            },
        )
        .unwrap()
    }

    /// What the counterparty requires of the initiator's lock, and locks.
    fn response_terms(&self, expect: &Asset, margin_secs: u64) -> ResponseTerms {
        ResponseTerms {
            expect: Expected {
                hashlock: hashlock_of(&self.secret),
                receiver: self.chains.a.relayer.to_string(),
                sender: Some(self.chains.a.user.to_string()),
                asset: expect.clone(),
                timelock_at_least: None,
                claimable_for_secs: 0,
            },
            receiver: self.chains.b.user.to_string(),
            asset: native(COIN_B_DENOM, GIVE_B),
            timelock_secs: TIMELOCK_B,
            margin_secs,
            me: Some(self.chains.b.relayer.to_string()),
        }
    }

    /// Step 2: B's relayer account checks the lock on A and locks on B.
    fn respond(&mut self, terms: &ResponseTerms) -> Result<swap::Responded> {
        let (a, b) = (&self.chains.a, &mut self.chains.b);
        Ok(respond(
            a,
            self.htlc_a.as_str(),
            &mut counterparty(b),
            self.htlc_b.as_str(),
            terms,
        )?)
    }

    /// What the initiator requires of the counterparty's lock on B.
    fn initiator_expects(&self, amount: u128) -> Expected {
        Expected {
            hashlock: hashlock_of(&self.secret),
            receiver: self.chains.b.user.to_string(),
            sender: Some(self.chains.b.relayer.to_string()),
            asset: native(COIN_B_DENOM, amount),
            timelock_at_least: None,
            claimable_for_secs: 60,
        }
    }

    fn lock_count(&self, chain: &SimChain, htlc: &Addr) -> u64 {
        let config: ConfigResponse = chain
            .app
            .wrap()
            .query_wasm_smart(htlc, &HtlcQuery::Config {})
            .unwrap();
        config.lock_count
    }
}

/// The whole swap: `give` on A against [`GIVE_B`] ucoinb on B.
fn full_swap(give_a: impl Fn(&TwoChains) -> Asset) {
    let mut swap = setup();
    let give = give_a(&swap.chains);
    let coin_b = native(COIN_B_DENOM, GIVE_B);
    let (a_user, a_relayer) = (swap.chains.a.user.clone(), swap.chains.a.relayer.clone());
    let (b_user, b_relayer) = (swap.chains.b.user.clone(), swap.chains.b.relayer.clone());
    let before = (
        balance(&swap.chains.a, &a_user, &give),
        balance(&swap.chains.a, &a_relayer, &give),
        balance(&swap.chains.b, &b_user, &coin_b),
        balance(&swap.chains.b, &b_relayer, &coin_b),
    );

    // 1. The initiator locks on A with the longer timelock.
    let locked_a = swap.initiate(&give, TIMELOCK_A);
    assert_eq!(locked_a.hashlock, hashlock_of(&swap.secret));
    assert_eq!(
        balance(&swap.chains.a, &a_user, &give),
        before.0 - give.amount().u128()
    );

    // 2. The counterparty finds it by hashlock, checks it, locks on B.
    let terms = swap.response_terms(&give, MARGIN);
    let responded = swap.respond(&terms).unwrap();
    assert_eq!(responded.their_lock.id, locked_a.id);
    let locked_b = responded.locked;
    assert_eq!(locked_b.hashlock, locked_a.hashlock);
    assert!(locked_b.timelock.plus_seconds(MARGIN) <= locked_a.timelock);
    assert_eq!(
        balance(&swap.chains.b, &b_relayer, &coin_b),
        before.3 - GIVE_B
    );

    // The counterparty cannot claim on A before the secret is revealed on B.
    let err = claim_revealed(
        &swap.chains.b,
        swap.htlc_b.as_str(),
        &mut counterparty(&mut swap.chains.a),
        swap.htlc_a.as_str(),
        locked_a.id,
        a_relayer.as_str(),
    )
    .unwrap_err();
    assert!(format!("{err:#}").contains("not revealed"), "{err:#}");

    // 3. The initiator checks the lock on B and claims it, revealing the
    // secret; a lock smaller than agreed would have been refused.
    let too_much = swap.initiator_expects(GIVE_B + 1);
    let err = claim_with_secret(
        &mut initiator(&mut swap.chains.b),
        swap.htlc_b.as_str(),
        locked_b.id,
        &swap.secret,
        &too_much,
    )
    .unwrap_err();
    assert!(format!("{err:#}").contains("less than"), "{err:#}");
    let expects = swap.initiator_expects(GIVE_B);
    let claimed_b = claim_with_secret(
        &mut initiator(&mut swap.chains.b),
        swap.htlc_b.as_str(),
        locked_b.id,
        &swap.secret,
        &expects,
    )
    .unwrap();
    assert_eq!(claimed_b.preimage, swap.secret);
    assert_eq!(balance(&swap.chains.b, &b_user, &coin_b), before.2 + GIVE_B);

    // 4. The counterparty reads the secret on B and claims on A.
    wait(&mut swap.chains, 600);
    let claimed_a = claim_revealed(
        &swap.chains.b,
        swap.htlc_b.as_str(),
        &mut counterparty(&mut swap.chains.a),
        swap.htlc_a.as_str(),
        locked_a.id,
        a_relayer.as_str(),
    )
    .unwrap();
    assert_eq!(claimed_a.preimage, swap.secret);

    // Each side has the other's asset; nothing is left in the contracts.
    let amount_a = give.amount().u128();
    assert_eq!(balance(&swap.chains.a, &a_user, &give), before.0 - amount_a);
    assert_eq!(
        balance(&swap.chains.a, &a_relayer, &give),
        before.1 + amount_a
    );
    assert_eq!(balance(&swap.chains.b, &b_user, &coin_b), before.2 + GIVE_B);
    assert_eq!(
        balance(&swap.chains.b, &b_relayer, &coin_b),
        before.3 - GIVE_B
    );
    assert_eq!(balance(&swap.chains.a, &swap.htlc_a, &give), 0);
    assert_eq!(balance(&swap.chains.b, &swap.htlc_b, &coin_b), 0);

    // Both locks are claimed: neither can be refunded, even after the timelocks.
    wait(&mut swap.chains, TIMELOCK_A);
    let err = refund(
        &mut initiator(&mut swap.chains.a),
        swap.htlc_a.as_str(),
        locked_a.id,
    )
    .unwrap_err();
    assert!(format!("{err:#}").contains("was claimed"), "{err:#}");
    let err = refund(
        &mut counterparty(&mut swap.chains.b),
        swap.htlc_b.as_str(),
        locked_b.id,
    )
    .unwrap_err();
    assert!(format!("{err:#}").contains("was claimed"), "{err:#}");
}

#[test]
fn a_native_coin_on_a_is_swapped_against_a_native_coin_on_b() {
    full_swap(|_| native(COIN_A_DENOM, GIVE_A));
}

#[test]
fn a_cw20_token_on_a_is_swapped_against_a_native_coin_on_b() {
    full_swap(|chains| Asset::Cw20 {
        token: chains.token_a.to_string(),
        amount: Uint128::new(GIVE_A),
    });
}

#[test]
fn without_the_counterpartys_lock_the_initiator_is_refunded_after_the_timelock() {
    let mut swap = setup();
    let give = native(COIN_A_DENOM, GIVE_A);
    let a_user = swap.chains.a.user.clone();
    let before = balance(&swap.chains.a, &a_user, &give);
    let locked = swap.initiate(&give, TIMELOCK_A);
    assert_eq!(balance(&swap.chains.a, &a_user, &give), before - GIVE_A);

    // The counterparty never locks: the initiator has nothing to claim on B.
    let expects = swap.initiator_expects(GIVE_B);
    let err = claim_with_secret(
        &mut initiator(&mut swap.chains.b),
        swap.htlc_b.as_str(),
        1,
        &swap.secret,
        &expects,
    )
    .unwrap_err();
    assert!(format!("{err:#}").contains("no lock 1"), "{err:#}");

    // Not before the timelock.
    wait(&mut swap.chains, TIMELOCK_A - 600);
    let err = refund(
        &mut initiator(&mut swap.chains.a),
        swap.htlc_a.as_str(),
        locked.id,
    )
    .unwrap_err();
    assert!(
        format!("{err:#}").contains("can be refunded from"),
        "{err:#}"
    );

    wait(&mut swap.chains, 600);
    let refunded = refund(
        &mut initiator(&mut swap.chains.a),
        swap.htlc_a.as_str(),
        locked.id,
    )
    .unwrap();
    assert_eq!(refunded.asset, give);
    assert_eq!(balance(&swap.chains.a, &a_user, &give), before);
    let err = refund(
        &mut initiator(&mut swap.chains.a),
        swap.htlc_a.as_str(),
        locked.id,
    )
    .unwrap_err();
    assert!(format!("{err:#}").contains("refunded already"), "{err:#}");

    // And a counterparty that shows up late finds nothing to lock against.
    let terms = swap.response_terms(&give, MARGIN);
    let err = swap.respond(&terms).unwrap_err();
    assert!(format!("{err:#}").contains("refunded already"), "{err:#}");
    assert_eq!(swap.lock_count(&swap.chains.b, &swap.htlc_b), 0);
}

#[test]
fn the_counterparty_refuses_a_lock_that_leaves_too_little_margin() {
    let mut swap = setup();
    let give = native(COIN_A_DENOM, GIVE_A);
    let b_relayer = swap.chains.b.relayer.clone();
    let coin_b = native(COIN_B_DENOM, GIVE_B);
    let before = balance(&swap.chains.b, &b_relayer, &coin_b);
    // The initiator's timelock is only 10 minutes beyond the counterparty's.
    let locked_a = swap.initiate(&give, TIMELOCK_B + 600);

    let err = swap
        .respond(&swap.response_terms(&give, MARGIN))
        .unwrap_err();
    let text = format!("{err:#}");
    assert!(text.contains("too little time"), "{text}");
    assert!(text.contains(&format!("lock {}", locked_a.id)), "{text}");
    // Nothing was locked on B.
    assert_eq!(swap.lock_count(&swap.chains.b, &swap.htlc_b), 0);
    assert_eq!(balance(&swap.chains.b, &b_relayer, &coin_b), before);

    // Nor for a lock of less than agreed, another receiver or another coin.
    let err = swap
        .respond(&swap.response_terms(&native(COIN_A_DENOM, GIVE_A + 1), 60))
        .unwrap_err();
    assert!(format!("{err:#}").contains("less than"), "{err:#}");
    let mut terms = swap.response_terms(&give, 60);
    terms.expect.receiver = swap.chains.a.owner.to_string();
    let err = swap.respond(&terms).unwrap_err();
    assert!(format!("{err:#}").contains("pays"), "{err:#}");
    let err = swap
        .respond(&swap.response_terms(&native(COIN_B_DENOM, GIVE_A), 60))
        .unwrap_err();
    assert!(
        format!("{err:#}").contains(&format!("not {GIVE_A}{COIN_B_DENOM}")),
        "{err:#}"
    );
    let mut terms = swap.response_terms(&give, 60);
    terms.expect.hashlock = hashlock_of(&[7u8; 32]);
    let err = swap.respond(&terms).unwrap_err();
    assert!(format!("{err:#}").contains("no lock under"), "{err:#}");
    assert_eq!(swap.lock_count(&swap.chains.b, &swap.htlc_b), 0);

    // The same lock is acceptable to a counterparty content with a smaller margin.
    let responded = swap.respond(&swap.response_terms(&give, 300)).unwrap();
    assert_eq!(responded.their_lock.id, locked_a.id);
    assert_eq!(responded.their_lock.state, LockState::Open);
    assert_eq!(swap.lock_count(&swap.chains.b, &swap.htlc_b), 1);
    // Responding again does not lock twice.
    let err = swap.respond(&swap.response_terms(&give, 300)).unwrap_err();
    assert!(format!("{err:#}").contains("not locking twice"), "{err:#}");
    assert_eq!(swap.lock_count(&swap.chains.b, &swap.htlc_b), 1);
    assert_eq!(
        balance(&swap.chains.b, &b_relayer, &coin_b),
        before - GIVE_B
    );
}
