//! The login throttle (docs/security.md, "The login throttle"): growing waits per account and per
//! address, an office's address with a larger allowance, a known device never throttled with
//! strangers, no concurrent guess past the limit, and stored state that stays bounded.

use crate::common;

use common::{LEARNER_NIP, PASSWORD, TestServer, device, error_of};
use lentera_protocol::DeviceId;
use lentera_server::auth::{Counted, LoginGuard, Who};
use lentera_server::db::Db;
use reqwest::StatusCode;
use serde_json::json;

const SECOND: i64 = 1000;
const MINUTE: i64 = 60 * SECOND;

async fn login(server: &TestServer, nip: &str, password: &str, device: DeviceId) -> reqwest::Response {
    let body = json!({ "nip": nip, "password": password, "device_id": device.to_string() });
    server.post_raw("/api/auth/login", body.to_string()).await
}

fn retry_after(response: &reqwest::Response) -> u64 {
    response.headers()["retry-after"].to_str().expect("text").parse().expect("seconds")
}

/// A valid NIP of someone who has no account here (`n` below 1000).
fn colleague(n: u32) -> String {
    format!("198503122010011{:03}", n + 1)
}

#[tokio::test]
async fn a_throttled_login_says_in_bahasa_indonesia_when_to_try_again() {
    let server = TestServer::start().await;
    let stranger = device(40);
    for _ in 0..5 {
        assert_eq!(login(&server, LEARNER_NIP, "bukan-sandinya", stranger).await.status(), StatusCode::UNAUTHORIZED);
    }
    let refused = login(&server, LEARNER_NIP, PASSWORD, stranger).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    // The first wait is half a minute, not a quarter of an hour.
    let wait = retry_after(&refused);
    assert!((29..=30).contains(&wait), "Retry-After {wait}");
    let (code, message) = error_of(refused).await;
    assert_eq!(code, "too_many_attempts");
    assert!(message.starts_with(&format!("Terlalu banyak percobaan yang gagal. Coba lagi {wait} detik lagi.")), "{message}");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_concurrent_wrong_passwords_reach_the_password_check_only_five_times() {
    let server = TestServer::start().await;
    let mut guesses = tokio::task::JoinSet::new();
    for n in 0..30u8 {
        let (http, url) = (server.http.clone(), server.url("/api/auth/login"));
        let body = json!({ "nip": LEARNER_NIP, "password": "tebakan-salah", "device_id": device(100 + n).to_string() });
        guesses.spawn(async move { http.post(url).json(&body).send().await.expect("answered").status() });
    }
    let statuses = guesses.join_all().await;
    let checked = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
    let refused = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((checked, refused), (5, 25), "{statuses:?}");
    server.shutdown().await;
}

#[tokio::test]
async fn a_stranger_cannot_lock_the_owner_out_of_the_device_they_always_use() {
    let server = TestServer::start().await;
    let (phone, stranger) = (device(1), device(2));
    server.login(LEARNER_NIP, phone).await;
    for _ in 0..8 {
        login(&server, LEARNER_NIP, "tebakan-salah", stranger).await;
    }
    let stranger_again = login(&server, LEARNER_NIP, PASSWORD, stranger).await;
    assert_eq!(stranger_again.status(), StatusCode::TOO_MANY_REQUESTS, "strangers wait, even with the right password");
    assert_eq!(login(&server, LEARNER_NIP, PASSWORD, phone).await.status(), StatusCode::OK, "the owner's phone is not locked out");
    server.shutdown().await;
}

#[tokio::test]
async fn a_known_device_has_its_own_allowance_and_then_waits_too() {
    let server = TestServer::start().await;
    let phone = device(1);
    server.login(LEARNER_NIP, phone).await;
    for attempt in 0..10 {
        assert_eq!(login(&server, LEARNER_NIP, "salah-ketik-lagi", phone).await.status(), StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let refused = login(&server, LEARNER_NIP, PASSWORD, phone).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS, "a stolen device id gives no endless guesses");
    server.shutdown().await;
}

#[tokio::test]
async fn an_office_on_one_address_is_not_locked_out_by_its_colleagues_mistakes() {
    let server = TestServer::start().await;
    // Thirty colleagues behind the office's one address each mistype once (20 used to lock the office).
    for n in 0..30 {
        let response = login(&server, &colleague(n), "salah-ketik", device(60)).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "colleague {n}");
    }
    assert_eq!(login(&server, LEARNER_NIP, PASSWORD, device(61)).await.status(), StatusCode::OK);
    server.shutdown().await;
}

/// A stranger's attempt at `nip` from `address` at `now`: `Ok` when counted, `Err(seconds)` when refused.
async fn stranger(guard: &LoginGuard, db: &Db, nip: &str, address: &str, now: i64) -> Result<Counted, u64> {
    guard.attempt(db, nip, Who::Stranger { address }, now).await.expect("throttle answers")
}

#[tokio::test]
async fn an_accounts_wait_doubles_with_each_failure_up_to_a_cap_and_is_forgiven_with_time() {
    let server = TestServer::start().await;
    let (guard, db, nip) = (LoginGuard::default(), &server.db, "199001012015031001");
    let mut now = 1_000_000_000;
    for attempt in 0..5 {
        assert!(stranger(&guard, db, nip, &format!("10.0.0.{attempt}"), now).await.is_ok(), "attempt {attempt} is free");
    }
    // Each wait served lets one more guess through, and the next wait is twice as long, up to 15 minutes.
    let mut waits = Vec::new();
    loop {
        let wait = stranger(&guard, db, nip, "10.0.1.1", now).await.expect_err("must wait");
        waits.push(wait);
        if waits.len() == 8 {
            break;
        }
        now += i64::try_from(wait).expect("small") * SECOND;
        assert!(stranger(&guard, db, nip, "10.0.1.1", now).await.is_ok(), "counted once the wait is over");
    }
    // The sixth wait doubles nothing: the quarter of an hour spent waiting already forgave one failure.
    assert_eq!(waits, [30, 60, 120, 240, 480, 480, 900, 900]);
    // A wrong guess stays counted; hours without one forgive them all.
    now += 4 * 60 * MINUTE;
    for attempt in 0..5 {
        assert!(stranger(&guard, db, nip, "10.0.1.1", now).await.is_ok(), "attempt {attempt} after a quiet afternoon");
    }
    // The right password forgives the account at once.
    let counted = stranger(&guard, db, "199001012015031002", "10.0.1.2", now).await.expect("counted");
    guard.settle(db, &counted, true).await.expect("settled");
    for attempt in 0..5 {
        assert!(stranger(&guard, db, "199001012015031002", "10.0.1.2", now).await.is_ok(), "attempt {attempt} after a success");
    }
    server.shutdown().await;
}

#[tokio::test]
async fn an_address_has_two_hundred_failures_then_waits_that_grow() {
    let server = TestServer::start().await;
    let (guard, db, office) = (LoginGuard::default(), &server.db, "203.0.113.7");
    let now = 1_000_000_000;
    for n in 0..200 {
        assert!(stranger(&guard, db, &colleague(n), office, now).await.is_ok(), "colleague {n}");
    }
    assert_eq!(stranger(&guard, db, &colleague(200), office, now).await.expect_err("the office waits"), 10);
    assert_eq!(stranger(&guard, db, &colleague(200), office, now + 10 * SECOND).await.map(|_| ()), Ok(()));
    assert_eq!(stranger(&guard, db, &colleague(201), office, now + 10 * SECOND).await.expect_err("longer"), 20);
    // Refused at the address, colleague 201 made no guess at their account: it still has five.
    for attempt in 0..5 {
        assert!(stranger(&guard, db, &colleague(201), "198.51.100.1", now).await.is_ok(), "attempt {attempt}");
    }
    server.shutdown().await;
}

#[tokio::test]
async fn a_hundred_thousand_made_up_nips_leave_a_bounded_number_of_keys() {
    let server = TestServer::start().await;
    let guard = LoginGuard::default().with_storage(2_000, 100);
    let start = 1_000_000_000;
    // A new NIP a millisecond, each from its own address, sixteen at a time: within two minutes, so
    // no key is forgotten yet and only the cap holds the table.
    let mut most = 0;
    for chunk in 0..100_i64 {
        let mut attempts = tokio::task::JoinSet::new();
        for lane in 0..16_i64 {
            let (guard, db) = (guard.clone(), server.db.clone());
            attempts.spawn(async move {
                for n in (chunk * 1_000..(chunk + 1) * 1_000).filter(|n| n % 16 == lane) {
                    let (nip, address) = (format!("9{n:017}"), format!("10.{}.{}.{}", n % 7, n / 7 % 256, n / 1792 % 256));
                    let _ = stranger(&guard, &db, &nip, &address, start + n).await;
                }
            });
        }
        attempts.join_all().await;
        most = most.max(server.db.throttle_rows().await.expect("count"));
    }
    // At most the cap, plus two keys for each attempt between two prunings (sixteen at once).
    assert!(most <= 2_000 + 2 * (100 + 16), "{most} keys kept");
    // Once nothing is left to wait for or forgive, pruning empties the table.
    server.db.throttle_prune(start + 3 * 60 * MINUTE, 2_000).await.expect("pruned");
    assert_eq!(server.db.throttle_rows().await.expect("count"), 0);
    server.shutdown().await;
}
