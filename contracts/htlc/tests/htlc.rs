//! Every path of the HTLC contract in `cw-multi-test`: locks of native coins
//! and cw20 tokens, claims and refunds on each side of the timelock, every
//! refusal, the queries, pause and ownership.

use btp_types::events::htlc::HtlcClaimed;
use btp_types::events::htlc::HtlcLocked;
use btp_types::events::htlc::HtlcRefunded;
use btp_types::events::TypedEvent;
use btp_types::msg::htlc::{
    Asset, ConfigResponse, ExecuteMsg, InstantiateMsg, LockResponse, LockState, LocksResponse,
    PreimageResponse, QueryMsg, ReceiveMsg, MAX_TIMELOCK_SECS,
};
use btp_types::msg::MigrateMsg;
use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env};
use cosmwasm_std::{
    coin, coins, from_json, to_json_binary, Addr, Binary, Coin, Empty, HexBinary, Timestamp,
    Uint128,
};
use cw20::{BalanceResponse, Cw20Coin, Cw20ExecuteMsg, Cw20QueryMsg};
use cw_multi_test::{App, AppResponse, Contract, ContractWrapper, Executor};
use htlc::ContractError;
use sha2::{Digest, Sha256};

const DENOM: &str = "ucoin";
const FUNDS: u128 = 1_000_000;
const AMOUNT: u128 = 1_000;
/// The default timelock of these tests: one hour after the locking block.
const HOUR: u64 = 3600;

fn htlc_contract() -> Box<dyn Contract<Empty>> {
    use htlc::contract::{execute, instantiate, migrate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

fn cw20_contract() -> Box<dyn Contract<Empty>> {
    use cw20_base::contract::{execute, instantiate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query))
}

fn secret(seed: u8) -> [u8; 32] {
    [seed; 32]
}

fn hashlock_of(preimage: &[u8]) -> String {
    hex(Sha256::digest(preimage).as_slice())
}

fn hex(bytes: &[u8]) -> String {
    HexBinary::from(bytes).to_hex()
}

struct Suite {
    app: App,
    htlc: Addr,
    token: Addr,
    owner: Addr,
    alice: Addr,
    bob: Addr,
    carol: Addr,
}

fn suite() -> Suite {
    let mut app = App::default();
    let owner = app.api().addr_make("owner");
    let alice = app.api().addr_make("alice");
    let bob = app.api().addr_make("bob");
    let carol = app.api().addr_make("carol");
    app.init_modules(|router, _, storage| {
        for account in [&alice, &bob, &carol] {
            router
                .bank
                .init_balance(
                    storage,
                    account,
                    vec![coin(FUNDS, DENOM), coin(FUNDS, "uother")],
                )
                .unwrap();
        }
    });
    let code = app.store_code(htlc_contract());
    let htlc = app
        .instantiate_contract(
            code,
            owner.clone(),
            &InstantiateMsg { owner: None },
            &[],
            "htlc",
            Some(owner.to_string()),
        )
        .unwrap();
    let cw20_code = app.store_code(cw20_contract());
    let token = app
        .instantiate_contract(
            cw20_code,
            owner.clone(),
            &cw20_base::msg::InstantiateMsg {
                name: "Token".into(),
                symbol: "TKN".into(),
                decimals: 6,
                initial_balances: vec![
                    Cw20Coin {
                        address: alice.to_string(),
                        amount: Uint128::new(FUNDS),
                    },
                    Cw20Coin {
                        address: bob.to_string(),
                        amount: Uint128::new(FUNDS),
                    },
                ],
                mint: None,
                marketing: None,
            },
            &[],
            "token",
            None,
        )
        .unwrap();
    Suite {
        app,
        htlc,
        token,
        owner,
        alice,
        bob,
        carol,
    }
}

/// The contract's refusal inside a multi-test error.
fn refusal(err: anyhow::Error) -> ContractError {
    err.downcast()
        .unwrap_or_else(|err| panic!("not a contract error: {err:#}"))
}

impl Suite {
    fn now(&self) -> Timestamp {
        self.app.block_info().time
    }

    /// Lets `seconds` pass (and a block).
    fn wait(&mut self, seconds: u64) {
        self.app.update_block(|block| {
            block.height += 1;
            block.time = block.time.plus_seconds(seconds);
        });
    }

    fn in_an_hour(&self) -> Timestamp {
        self.now().plus_seconds(HOUR)
    }

    fn lock_msg(&self, receiver: &Addr, preimage: &[u8], timelock: Timestamp) -> ExecuteMsg {
        ExecuteMsg::Lock {
            receiver: receiver.to_string(),
            hashlock: hashlock_of(preimage),
            timelock,
        }
    }

    fn execute(
        &mut self,
        sender: &Addr,
        msg: &ExecuteMsg,
        funds: &[Coin],
    ) -> Result<AppResponse, ContractError> {
        let htlc = self.htlc.clone();
        self.app
            .execute_contract(sender.clone(), htlc, msg, funds)
            .map_err(refusal)
    }

    /// Alice locks `AMOUNT` ucoin for Bob under `secret(seed)`, for an hour.
    fn lock_native(&mut self, seed: u8) -> u64 {
        let (alice, bob) = (self.alice.clone(), self.bob.clone());
        let msg = self.lock_msg(&bob, &secret(seed), self.in_an_hour());
        let response = self.execute(&alice, &msg, &coins(AMOUNT, DENOM)).unwrap();
        from_json(response.data.unwrap()).unwrap()
    }

    /// Alice sends `AMOUNT` tokens to lock them for Bob under `secret(seed)`.
    fn lock_cw20(&mut self, seed: u8) -> Result<u64, ContractError> {
        let send = Cw20ExecuteMsg::Send {
            contract: self.htlc.to_string(),
            amount: Uint128::new(AMOUNT),
            msg: to_json_binary(&ReceiveMsg::Lock {
                receiver: self.bob.to_string(),
                hashlock: hashlock_of(&secret(seed)),
                timelock: self.in_an_hour(),
            })
            .unwrap(),
        };
        let response = self
            .app
            .execute_contract(self.alice.clone(), self.token.clone(), &send, &[])
            .map_err(refusal)?;
        // The hook's data is the id; cw20-base passes the submessage's data on.
        let id = HtlcLocked::first(&response.events)
            .expect("a lock event")
            .id;
        Ok(id)
    }

    fn claim(
        &mut self,
        caller: &Addr,
        id: u64,
        preimage: &[u8],
    ) -> Result<AppResponse, ContractError> {
        self.execute(
            caller,
            &ExecuteMsg::Claim {
                id,
                preimage: HexBinary::from(preimage),
            },
            &[],
        )
    }

    fn refund(&mut self, caller: &Addr, id: u64) -> Result<AppResponse, ContractError> {
        self.execute(caller, &ExecuteMsg::Refund { id }, &[])
    }

    fn balance(&self, account: &Addr) -> u128 {
        self.app
            .wrap()
            .query_balance(account, DENOM)
            .unwrap()
            .amount
            .u128()
    }

    fn token_balance(&self, account: &Addr) -> u128 {
        let balance: BalanceResponse = self
            .app
            .wrap()
            .query_wasm_smart(
                &self.token,
                &Cw20QueryMsg::Balance {
                    address: account.to_string(),
                },
            )
            .unwrap();
        balance.balance.u128()
    }

    fn query<T: serde::de::DeserializeOwned>(&self, msg: &QueryMsg) -> T {
        self.app.wrap().query_wasm_smart(&self.htlc, msg).unwrap()
    }

    fn lock(&self, id: u64) -> LockResponse {
        self.query(&QueryMsg::Lock { id })
    }
}

fn attribute<'r>(response: &'r AppResponse, ty: &str, key: &str) -> &'r str {
    response
        .events
        .iter()
        .filter(|event| event.ty == ty)
        .flat_map(|event| &event.attributes)
        .find(|attribute| attribute.key == key)
        .map(|attribute| attribute.value.as_str())
        .unwrap_or_else(|| panic!("no {key} in {ty}"))
}

#[test]
fn a_native_lock_is_claimed_with_the_preimage_which_becomes_public() {
    let mut s = suite();
    let (alice, bob, carol) = (s.alice.clone(), s.bob.clone(), s.carol.clone());
    let id = s.lock_native(1);
    assert_eq!(id, 1);
    assert_eq!(s.balance(&alice), FUNDS - AMOUNT);
    assert_eq!(s.balance(&s.htlc.clone()), AMOUNT);
    let lock = s.lock(id);
    assert_eq!(lock.state, LockState::Open);
    assert_eq!(lock.sender, alice.to_string());
    assert_eq!(lock.receiver, bob.to_string());
    assert_eq!(
        lock.asset,
        Asset::Native {
            denom: DENOM.into(),
            amount: Uint128::new(AMOUNT)
        }
    );
    assert_eq!(lock.hashlock.to_hex(), hashlock_of(&secret(1)));
    assert!(!lock.expired);
    assert_eq!(lock.preimage, None);
    let before: PreimageResponse = s.query(&QueryMsg::Preimage {
        hashlock: hashlock_of(&secret(1)),
    });
    assert_eq!(before.preimage, None);

    // Anyone may claim; the coin goes to the receiver.
    let response = s.claim(&carol, id, &secret(1)).unwrap();
    assert_eq!(
        HtlcClaimed::first(&response.events)
            .expect("the event")
            .preimage
            .to_string(),
        hex(&secret(1))
    );
    assert_eq!(
        HtlcClaimed::first(&response.events)
            .expect("the event")
            .id
            .to_string(),
        "1"
    );
    assert_eq!(attribute(&response, "wasm", "action"), "claim");
    assert_eq!(s.balance(&bob), FUNDS + AMOUNT);
    assert_eq!(s.balance(&carol), FUNDS);
    assert_eq!(s.balance(&s.htlc.clone()), 0);
    let lock = s.lock(id);
    assert_eq!(lock.state, LockState::Claimed);
    assert_eq!(lock.preimage, Some(HexBinary::from(secret(1))));
    // The preimage by hashlock, in hex or base64.
    for hashlock in [
        hashlock_of(&secret(1)),
        Binary::new(Sha256::digest(secret(1)).to_vec()).to_base64(),
    ] {
        let revealed: PreimageResponse = s.query(&QueryMsg::Preimage { hashlock });
        assert_eq!(revealed.preimage, Some(HexBinary::from(secret(1))));
        assert_eq!(revealed.claimed_id, Some(id));
    }
}

#[test]
fn a_wrong_preimage_is_refused() {
    let mut s = suite();
    let bob = s.bob.clone();
    let id = s.lock_native(1);
    assert_eq!(
        s.claim(&bob, id, &secret(2)).unwrap_err(),
        ContractError::WrongPreimage { id }
    );
    // The hashlock itself is not the preimage.
    let hash = HexBinary::from_hex(&hashlock_of(&secret(1))).unwrap();
    assert_eq!(
        s.claim(&bob, id, &hash).unwrap_err(),
        ContractError::WrongPreimage { id }
    );
    assert_eq!(
        s.claim(&bob, id, &[1u8; 31]).unwrap_err(),
        ContractError::PreimageLength {
            len: 31,
            expected: 32
        }
    );
    assert_eq!(
        s.claim(&bob, id, &[]).unwrap_err(),
        ContractError::PreimageLength {
            len: 0,
            expected: 32
        }
    );
    assert_eq!(s.lock(id).state, LockState::Open);
    assert_eq!(s.balance(&bob), FUNDS);
}

#[test]
fn a_claim_at_or_after_the_timelock_is_refused() {
    let mut s = suite();
    let bob = s.bob.clone();
    let id = s.lock_native(1);
    let timelock = s.lock(id).timelock;
    s.wait(HOUR - 1);
    assert!(!s.lock(id).expired);
    s.wait(1);
    assert!(s.lock(id).expired);
    assert_eq!(
        s.claim(&bob, id, &secret(1)).unwrap_err(),
        ContractError::ClaimExpired {
            id,
            timelock,
            now: timelock
        }
    );
    s.wait(100);
    assert!(matches!(
        s.claim(&bob, id, &secret(1)).unwrap_err(),
        ContractError::ClaimExpired { .. }
    ));
    // No preimage was revealed.
    let revealed: PreimageResponse = s.query(&QueryMsg::Preimage {
        hashlock: hashlock_of(&secret(1)),
    });
    assert_eq!(revealed.preimage, None);
}

#[test]
fn a_claim_one_second_before_the_timelock_pays() {
    let mut s = suite();
    let bob = s.bob.clone();
    let id = s.lock_native(1);
    s.wait(HOUR - 1);
    s.claim(&bob, id, &secret(1)).unwrap();
    assert_eq!(s.balance(&bob), FUNDS + AMOUNT);
}

#[test]
fn a_refund_before_the_timelock_is_refused_and_at_it_pays_the_sender() {
    let mut s = suite();
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    let id = s.lock_native(1);
    let timelock = s.lock(id).timelock;
    s.wait(HOUR - 1);
    assert_eq!(
        s.refund(&alice, id).unwrap_err(),
        ContractError::RefundTooEarly {
            id,
            timelock,
            now: timelock.minus_seconds(1)
        }
    );
    s.wait(1);
    // Anyone may refund; the coin goes back to the sender.
    let response = s.refund(&carol, id).unwrap();
    assert_eq!(
        HtlcRefunded::first(&response.events)
            .expect("the event")
            .sender
            .to_string(),
        alice.as_str()
    );
    assert_eq!(attribute(&response, "wasm", "action"), "refund");
    assert_eq!(s.balance(&alice), FUNDS);
    assert_eq!(s.balance(&carol), FUNDS);
    assert_eq!(s.lock(id).state, LockState::Refunded);
}

#[test]
fn a_lock_ends_once() {
    let mut s = suite();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    // Claimed: no second claim, no refund, even after the timelock.
    let claimed = s.lock_native(1);
    s.claim(&bob, claimed, &secret(1)).unwrap();
    assert_eq!(
        s.claim(&bob, claimed, &secret(1)).unwrap_err(),
        ContractError::AlreadyClaimed { id: claimed }
    );
    // Refunded: no second refund, no claim.
    let refunded = s.lock_native(2);
    s.wait(HOUR);
    assert_eq!(
        s.refund(&alice, claimed).unwrap_err(),
        ContractError::AlreadyClaimed { id: claimed }
    );
    s.refund(&alice, refunded).unwrap();
    assert_eq!(
        s.refund(&alice, refunded).unwrap_err(),
        ContractError::AlreadyRefunded { id: refunded }
    );
    assert_eq!(
        s.claim(&bob, refunded, &secret(2)).unwrap_err(),
        ContractError::AlreadyRefunded { id: refunded }
    );
    assert_eq!(s.balance(&alice), FUNDS - AMOUNT);
    assert_eq!(s.balance(&bob), FUNDS + AMOUNT);
    assert_eq!(s.balance(&s.htlc.clone()), 0);
    assert_eq!(
        s.claim(&bob, 99, &secret(1)).unwrap_err(),
        ContractError::UnknownLock { id: 99 }
    );
    assert_eq!(
        s.refund(&bob, 99).unwrap_err(),
        ContractError::UnknownLock { id: 99 }
    );
}

#[test]
fn a_lock_needs_exactly_one_coin_that_is_not_zero() {
    let mut s = suite();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    let msg = s.lock_msg(&bob, &secret(1), s.in_an_hour());
    assert_eq!(
        s.execute(&alice, &msg, &[]).unwrap_err(),
        ContractError::NoFunds
    );
    assert_eq!(
        s.execute(&alice, &msg, &[coin(10, DENOM), coin(10, "uother")])
            .unwrap_err(),
        ContractError::MultipleCoins {
            denoms: format!("{DENOM}, uother")
        }
    );
    // A zero coin does not get through the bank of a real chain; the
    // contract refuses it anyway.
    let mut deps = mock_dependencies();
    htlc::contract::instantiate(
        deps.as_mut(),
        mock_env(),
        message_info(&alice, &[]),
        InstantiateMsg { owner: None },
    )
    .unwrap();
    let env = mock_env();
    let msg = ExecuteMsg::Lock {
        receiver: deps.api.addr_make("bob").to_string(),
        hashlock: hashlock_of(&secret(1)),
        timelock: env.block.time.plus_seconds(HOUR),
    };
    assert_eq!(
        htlc::contract::execute(
            deps.as_mut(),
            env,
            message_info(&alice, &[coin(0, DENOM)]),
            msg
        )
        .unwrap_err(),
        ContractError::ZeroAmount {
            denom: DENOM.into()
        }
    );
    let config: ConfigResponse = s.query(&QueryMsg::Config {});
    assert_eq!(config.lock_count, 0);
}

#[test]
fn a_lock_needs_a_timelock_in_the_future_and_not_too_far() {
    let mut s = suite();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    let now = s.now();
    for timelock in [now, now.minus_seconds(1), Timestamp::from_seconds(HOUR)] {
        let msg = s.lock_msg(&bob, &secret(1), timelock);
        assert_eq!(
            s.execute(&alice, &msg, &coins(AMOUNT, DENOM)).unwrap_err(),
            ContractError::TimelockNotInFuture { timelock, now }
        );
    }
    let too_far = now.plus_seconds(MAX_TIMELOCK_SECS + 1);
    let msg = s.lock_msg(&bob, &secret(1), too_far);
    assert_eq!(
        s.execute(&alice, &msg, &coins(AMOUNT, DENOM)).unwrap_err(),
        ContractError::TimelockTooFar {
            timelock: too_far,
            now,
            max_secs: MAX_TIMELOCK_SECS
        }
    );
    let msg = s.lock_msg(&bob, &secret(1), Timestamp::from_nanos(u64::MAX));
    assert!(matches!(
        s.execute(&alice, &msg, &coins(AMOUNT, DENOM)).unwrap_err(),
        ContractError::TimelockTooFar { .. }
    ));
    // The latest accepted, and the earliest.
    let msg = s.lock_msg(&bob, &secret(1), now.plus_seconds(MAX_TIMELOCK_SECS));
    s.execute(&alice, &msg, &coins(AMOUNT, DENOM)).unwrap();
    let msg = s.lock_msg(&bob, &secret(1), now.plus_nanos(1));
    s.execute(&alice, &msg, &coins(AMOUNT, DENOM)).unwrap();
}

#[test]
fn a_hashlock_must_be_32_bytes_of_hex_or_base64() {
    let mut s = suite();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    let digest = Sha256::digest(secret(1)).to_vec();
    for bad in [
        hex(&digest[..31]),                             // 31 bytes of hex
        format!("{}00", hex(&digest)),                  // 33 bytes of hex
        Binary::new(digest[..16].to_vec()).to_base64(), // 16 bytes of base64
        "not a hash!".to_string(),
        String::new(),
    ] {
        let msg = ExecuteMsg::Lock {
            receiver: bob.to_string(),
            hashlock: bad.clone(),
            timelock: s.in_an_hour(),
        };
        assert!(
            matches!(
                s.execute(&alice, &msg, &coins(AMOUNT, DENOM)).unwrap_err(),
                ContractError::InvalidHashlock { .. }
            ),
            "{bad:?}"
        );
    }
    // Upper-case hex and base64 name the same hashlock.
    for good in [
        hex(&digest).to_uppercase(),
        Binary::new(digest.clone()).to_base64(),
    ] {
        let msg = ExecuteMsg::Lock {
            receiver: bob.to_string(),
            hashlock: good,
            timelock: s.in_an_hour(),
        };
        let response = s.execute(&alice, &msg, &coins(AMOUNT, DENOM)).unwrap();
        assert_eq!(
            HtlcLocked::first(&response.events)
                .expect("the event")
                .hashlock
                .to_string(),
            hex(&digest)
        );
    }
    // A receiver that is not an address is refused.
    let msg = ExecuteMsg::Lock {
        receiver: "not an address".into(),
        hashlock: hex(&digest),
        timelock: s.in_an_hour(),
    };
    assert!(matches!(
        s.execute(&alice, &msg, &coins(AMOUNT, DENOM)).unwrap_err(),
        ContractError::Std(_)
    ));
}

#[test]
fn claim_and_refund_take_no_funds() {
    let mut s = suite();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    let id = s.lock_native(1);
    let claim = ExecuteMsg::Claim {
        id,
        preimage: HexBinary::from(secret(1)),
    };
    assert!(matches!(
        s.execute(&bob, &claim, &coins(1, DENOM)).unwrap_err(),
        ContractError::UnexpectedFunds {
            operation: "claim",
            ..
        }
    ));
    s.wait(HOUR);
    assert!(matches!(
        s.execute(&alice, &ExecuteMsg::Refund { id }, &coins(1, DENOM))
            .unwrap_err(),
        ContractError::UnexpectedFunds {
            operation: "refund",
            ..
        }
    ));
}

#[test]
fn a_cw20_lock_is_claimed_or_refunded_in_the_token() {
    let mut s = suite();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    let claimed = s.lock_cw20(1).unwrap();
    let refunded = s.lock_cw20(2).unwrap();
    assert_eq!(s.token_balance(&alice), FUNDS - 2 * AMOUNT);
    assert_eq!(s.token_balance(&s.htlc.clone()), 2 * AMOUNT);
    let lock = s.lock(claimed);
    assert_eq!(lock.sender, alice.to_string());
    assert_eq!(
        lock.asset,
        Asset::Cw20 {
            token: s.token.to_string(),
            amount: Uint128::new(AMOUNT)
        }
    );
    s.claim(&bob, claimed, &secret(1)).unwrap();
    assert_eq!(s.token_balance(&bob), FUNDS + AMOUNT);
    assert_eq!(
        s.refund(&alice, refunded).unwrap_err(),
        ContractError::RefundTooEarly {
            id: refunded,
            timelock: s.lock(refunded).timelock,
            now: s.now()
        }
    );
    s.wait(HOUR);
    assert!(matches!(
        s.claim(&bob, refunded, &secret(2)).unwrap_err(),
        ContractError::ClaimExpired { .. }
    ));
    s.refund(&alice, refunded).unwrap();
    assert_eq!(s.token_balance(&alice), FUNDS - AMOUNT);
    assert_eq!(s.token_balance(&s.htlc.clone()), 0);
    // Native balances untouched.
    assert_eq!(s.balance(&alice), FUNDS);
}

#[test]
fn a_cw20_hook_with_bad_terms_is_refused_and_the_tokens_stay() {
    let mut s = suite();
    let alice = s.alice.clone();
    let send = |msg: Binary, htlc: &Addr| Cw20ExecuteMsg::Send {
        contract: htlc.to_string(),
        amount: Uint128::new(AMOUNT),
        msg,
    };
    let htlc = s.htlc.clone();
    let token = s.token.clone();
    let garbage = send(Binary::new(b"{\"nope\":{}}".to_vec()), &htlc);
    let err = refusal(
        s.app
            .execute_contract(alice.clone(), token.clone(), &garbage, &[])
            .unwrap_err(),
    );
    assert!(
        matches!(err, ContractError::InvalidHookMessage { .. }),
        "{err}"
    );
    let past = send(
        to_json_binary(&ReceiveMsg::Lock {
            receiver: s.bob.to_string(),
            hashlock: hashlock_of(&secret(1)),
            timelock: s.now(),
        })
        .unwrap(),
        &htlc,
    );
    let err = refusal(
        s.app
            .execute_contract(alice.clone(), token, &past, &[])
            .unwrap_err(),
    );
    assert!(
        matches!(err, ContractError::TimelockNotInFuture { .. }),
        "{err}"
    );
    assert_eq!(s.token_balance(&alice), FUNDS);
    // A hook called directly by an account (not a token) credits only what
    // that "token" says: the lock is in the caller's own "token", worthless.
    let fake = ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
        sender: alice.to_string(),
        amount: Uint128::new(AMOUNT),
        msg: to_json_binary(&ReceiveMsg::Lock {
            receiver: s.bob.to_string(),
            hashlock: hashlock_of(&secret(1)),
            timelock: s.in_an_hour(),
        })
        .unwrap(),
    });
    let carol = s.carol.clone();
    let response = s.execute(&carol, &fake, &[]).unwrap();
    assert_eq!(
        HtlcLocked::first(&response.events)
            .expect("the event")
            .denom
            .to_string(),
        carol.as_str()
    );
    assert_eq!(
        HtlcLocked::first(&response.events)
            .expect("the event")
            .asset
            .to_string(),
        "cw20"
    );
}

#[test]
fn the_listings_page_by_sender_receiver_and_hashlock() {
    let mut s = suite();
    let (alice, bob, carol) = (s.alice.clone(), s.bob.clone(), s.carol.clone());
    // Alice → Bob under secret 1, twice; Carol → Alice under secret 1; Alice → Bob under secret 2.
    let first = s.lock_native(1);
    let second = s.lock_native(1);
    let msg = s.lock_msg(&alice, &secret(1), s.in_an_hour());
    let from_carol: u64 = from_json(
        s.execute(&carol, &msg, &coins(5, DENOM))
            .unwrap()
            .data
            .unwrap(),
    )
    .unwrap();
    let other = s.lock_native(2);
    let ids = |locks: LocksResponse| locks.locks.iter().map(|lock| lock.id).collect::<Vec<_>>();

    let by_sender = |s: &Suite, sender: &Addr, start_after, limit| {
        ids(s.query(&QueryMsg::LocksBySender {
            sender: sender.to_string(),
            start_after,
            limit,
        }))
    };
    assert_eq!(
        by_sender(&s, &alice, None, None),
        vec![first, second, other]
    );
    assert_eq!(by_sender(&s, &alice, None, Some(2)), vec![first, second]);
    assert_eq!(by_sender(&s, &alice, Some(second), Some(2)), vec![other]);
    assert_eq!(by_sender(&s, &carol, None, None), vec![from_carol]);
    assert_eq!(by_sender(&s, &bob, None, None), Vec::<u64>::new());

    let by_receiver = |s: &Suite, receiver: &Addr, start_after, limit| {
        ids(s.query(&QueryMsg::LocksByReceiver {
            receiver: receiver.to_string(),
            start_after,
            limit,
        }))
    };
    assert_eq!(
        by_receiver(&s, &bob, None, None),
        vec![first, second, other]
    );
    assert_eq!(by_receiver(&s, &bob, Some(first), Some(1)), vec![second]);
    assert_eq!(by_receiver(&s, &alice, None, None), vec![from_carol]);

    let by_hashlock = |s: &Suite, seed: u8, start_after, limit| {
        ids(s.query(&QueryMsg::LocksByHashlock {
            hashlock: hashlock_of(&secret(seed)),
            start_after,
            limit,
        }))
    };
    assert_eq!(
        by_hashlock(&s, 1, None, None),
        vec![first, second, from_carol]
    );
    assert_eq!(by_hashlock(&s, 1, Some(second), None), vec![from_carol]);
    assert_eq!(by_hashlock(&s, 1, None, Some(0)), Vec::<u64>::new());
    assert_eq!(by_hashlock(&s, 2, None, None), vec![other]);
    assert_eq!(by_hashlock(&s, 3, None, None), Vec::<u64>::new());

    // A listing answers the locks themselves, with their state.
    s.claim(&bob, first, &secret(1)).unwrap();
    let locks: LocksResponse = s.query(&QueryMsg::LocksByHashlock {
        hashlock: hashlock_of(&secret(1)),
        start_after: None,
        limit: None,
    });
    assert_eq!(locks.locks[0].state, LockState::Claimed);
    assert_eq!(locks.locks[1].state, LockState::Open);
    // The preimage one claim revealed opens the other locks of the hashlock.
    s.claim(&alice, from_carol, &secret(1)).unwrap();
    let revealed: PreimageResponse = s.query(&QueryMsg::Preimage {
        hashlock: hashlock_of(&secret(1)),
    });
    assert_eq!(revealed.claimed_id, Some(first));

    let config: ConfigResponse = s.query(&QueryMsg::Config {});
    assert_eq!(
        config,
        ConfigResponse {
            paused: false,
            lock_count: 4
        }
    );
    let unknown = s
        .app
        .wrap()
        .query_wasm_smart::<LockResponse>(&s.htlc, &QueryMsg::Lock { id: 99 })
        .unwrap_err();
    assert!(unknown.to_string().contains("no lock 99"), "{unknown}");
    let bad = s
        .app
        .wrap()
        .query_wasm_smart::<LocksResponse>(
            &s.htlc,
            &QueryMsg::LocksByHashlock {
                hashlock: "xyz".into(),
                start_after: None,
                limit: None,
            },
        )
        .unwrap_err();
    assert!(bad.to_string().contains("invalid hashlock"), "{bad}");
}

#[test]
fn a_listing_answers_at_most_the_maximum() {
    let mut s = suite();
    for _ in 0..105 {
        s.lock_native(1);
    }
    let locks: LocksResponse = s.query(&QueryMsg::LocksBySender {
        sender: s.alice.to_string(),
        start_after: None,
        limit: Some(1000),
    });
    assert_eq!(locks.locks.len(), 100);
    let locks: LocksResponse = s.query(&QueryMsg::LocksBySender {
        sender: s.alice.to_string(),
        start_after: None,
        limit: None,
    });
    assert_eq!(locks.locks.len(), 30);
}

#[test]
fn pause_stops_new_locks_but_never_claims_or_refunds() {
    let mut s = suite();
    let (owner, alice, bob) = (s.owner.clone(), s.alice.clone(), s.bob.clone());
    let to_claim = s.lock_native(1);
    let to_refund = s.lock_native(2);
    let pause = ExecuteMsg::SetPaused { paused: true };
    assert!(matches!(
        s.execute(&alice, &pause, &[]).unwrap_err(),
        ContractError::Pause(_)
    ));
    s.execute(&owner, &pause, &[]).unwrap();
    let config: ConfigResponse = s.query(&QueryMsg::Config {});
    assert!(config.paused);
    let msg = s.lock_msg(&bob, &secret(3), s.in_an_hour());
    let err = s.execute(&alice, &msg, &coins(AMOUNT, DENOM)).unwrap_err();
    assert!(err.to_string().contains("paused"), "{err}");
    assert!(matches!(
        s.lock_cw20(3).unwrap_err(),
        ContractError::Pause(_)
    ));
    // The funds already locked still go where they must.
    s.claim(&bob, to_claim, &secret(1)).unwrap();
    s.wait(HOUR);
    s.refund(&alice, to_refund).unwrap();
    assert_eq!(s.balance(&alice), FUNDS - AMOUNT);
    assert_eq!(s.balance(&bob), FUNDS + AMOUNT);
    s.execute(&owner, &ExecuteMsg::SetPaused { paused: false }, &[])
        .unwrap();
    s.lock_native(3);
}

#[test]
fn ownership_is_two_step() {
    let mut s = suite();
    let (owner, alice) = (s.owner.clone(), s.alice.clone());
    s.execute(
        &owner,
        &ExecuteMsg::UpdateOwnership(cw_ownable::Action::TransferOwnership {
            new_owner: alice.to_string(),
            expiry: None,
        }),
        &[],
    )
    .unwrap();
    // Not yet the owner.
    assert!(matches!(
        s.execute(&alice, &ExecuteMsg::SetPaused { paused: true }, &[])
            .unwrap_err(),
        ContractError::Pause(_)
    ));
    s.execute(
        &alice,
        &ExecuteMsg::UpdateOwnership(cw_ownable::Action::AcceptOwnership),
        &[],
    )
    .unwrap();
    s.execute(&alice, &ExecuteMsg::SetPaused { paused: true }, &[])
        .unwrap();
    let ownership: cw_ownable::Ownership<String> = s.query(&QueryMsg::Ownership {});
    assert_eq!(ownership.owner, Some(alice.to_string()));
}

#[test]
fn migration_keeps_the_locks_and_refuses_other_contracts() {
    let mut s = suite();
    let (owner, bob) = (s.owner.clone(), s.bob.clone());
    let id = s.lock_native(1);
    let code = s.app.store_code(htlc_contract());
    s.app
        .migrate_contract(owner.clone(), s.htlc.clone(), &MigrateMsg {}, code)
        .unwrap();
    s.claim(&bob, id, &secret(1)).unwrap();

    let mut deps = mock_dependencies();
    cw2::set_contract_version(&mut deps.storage, "crates.io:token-vault", "0.1.0").unwrap();
    let err = htlc::contract::migrate(deps.as_mut(), mock_env(), MigrateMsg {}).unwrap_err();
    assert!(matches!(err, ContractError::Migration(_)), "{err}");
}
