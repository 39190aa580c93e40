//! Login by NIP over real HTTP: sessions per device, refusals, throttling, and what the database keeps.

use crate::common;

use common::{TestServer, device, error_of};
use lentera_protocol::{Account, LoginResponse, LogoutAllResponse, Nip};
use lentera_server::auth::hash_password;
use lentera_server::db::accounts::NewLearner;
use reqwest::StatusCode;
use serde_json::json;

const NIP: &str = "198503122010012002";
const PASSWORD: &str = "kopi-hujan-perahu";

async fn with_learner() -> TestServer {
    let server = TestServer::start().await;
    let nip = Nip::parse(NIP).expect("valid NIP");
    let hash = hash_password(PASSWORD).expect("hash");
    let new = NewLearner { nip: &nip, name: "Sri Wahyuni", unit: "Kecamatan Curug", role: "learner", password_hash: &hash };
    server.db.create_learner(&new, 0).await.expect("created");
    server
}

async fn login(server: &TestServer, nip: &str, password: &str, seed: u8) -> reqwest::Response {
    let body = json!({ "nip": nip, "password": password, "device_id": device(seed).to_string() });
    server.post_raw("/api/auth/login", body.to_string()).await
}

async fn session(server: &TestServer, seed: u8) -> String {
    let response = login(server, NIP, PASSWORD, seed).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json::<LoginResponse>().await.expect("login body").token
}

async fn me(server: &TestServer, token: &str) -> reqwest::Response {
    server.http.get(server.url("/api/auth/me")).bearer_auth(token).send().await.expect("answered")
}

#[tokio::test]
async fn the_right_password_gives_a_session_that_names_the_learner() {
    let server = with_learner().await;
    let response = login(&server, NIP, PASSWORD, 1).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: LoginResponse = response.json().await.expect("json");
    assert_eq!((body.account.nip.as_str(), body.account.name.as_str(), body.account.role.as_str()), (NIP, "Sri Wahyuni", "learner"));
    let account: Account = me(&server, &body.token).await.json().await.expect("me");
    assert_eq!(account, body.account);
    server.shutdown().await;
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_nip_get_the_same_401() {
    let server = with_learner().await;
    let wrong = login(&server, NIP, "salah", 1).await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let unknown = login(&server, "199001012015031001", PASSWORD, 1).await;
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_of(wrong).await, error_of(unknown).await);
    server.shutdown().await;
}

#[tokio::test]
async fn a_malformed_nip_is_400_naming_the_wrong_part() {
    let server = with_learner().await;
    let response = login(&server, "198502302010012002", PASSWORD, 1).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let (_, message) = error_of(response).await;
    assert!(message.contains("nip") && message.contains("real birth date"), "{message}");
    server.shutdown().await;
}

#[tokio::test]
async fn five_failed_logins_block_that_nip_with_429_and_retry_after_even_for_the_right_password() {
    let server = with_learner().await;
    for _ in 0..5 {
        assert_eq!(login(&server, NIP, "salah", 1).await.status(), StatusCode::UNAUTHORIZED);
    }
    let blocked = login(&server, NIP, PASSWORD, 1).await;
    assert_eq!(blocked.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = blocked.headers()["retry-after"].to_str().expect("text").parse().expect("seconds");
    assert!((1..=900).contains(&wait), "{wait}");
    assert_eq!(error_of(blocked).await.0, "too_many_attempts");
    server.shutdown().await;
}

#[tokio::test]
async fn without_a_live_session_the_account_is_refused_with_401() {
    let server = with_learner().await;
    let none = server.http.get(server.url("/api/auth/me")).send().await.expect("answered");
    assert_eq!(none.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(me(&server, "not-a-token").await.status(), StatusCode::UNAUTHORIZED);
    server.shutdown().await;
}

#[tokio::test]
async fn logout_ends_this_device_only_and_logout_all_ends_every_device() {
    let server = with_learner().await;
    let (phone, office_pc, tablet) = (session(&server, 1).await, session(&server, 2).await, session(&server, 3).await);
    let out = server.http.post(server.url("/api/auth/logout")).bearer_auth(&phone).send().await.expect("answered");
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    assert_eq!(me(&server, &phone).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(me(&server, &office_pc).await.status(), StatusCode::OK);
    let all = server.http.post(server.url("/api/auth/logout-all")).bearer_auth(&office_pc).send().await.expect("answered");
    assert_eq!(all.json::<LogoutAllResponse>().await.expect("json").revoked, 2);
    assert_eq!(me(&server, &office_pc).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(me(&server, &tablet).await.status(), StatusCode::UNAUTHORIZED);
    server.shutdown().await;
}

#[tokio::test]
async fn the_database_keeps_neither_the_password_nor_the_token() {
    let server = with_learner().await;
    let token = session(&server, 1).await;
    let (hash, _, _) = server.db.stored_secrets(common::LEARNER_NIP).await.expect("read").expect("row");
    assert!(hash.starts_with("$argon2id$") && !hash.contains(PASSWORD), "{hash}");
    let stored = server.db.session_token_hashes().await.expect("rows").remove(0);
    assert_ne!(stored, token);
    assert!(!stored.contains(&token));
    server.shutdown().await;
}

#[tokio::test]
async fn demo_accounts_are_created_once_with_valid_nips() {
    let server = TestServer::start().await;
    // Seeding only happens in an empty database; the test server starts with one learner.
    server.db.delete_all_people().await.expect("emptied");
    let now = lentera_server::now_ms();
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let library = lentera_server::content::Library::load(&content).expect("the real course packs load");
    let first = lentera_server::demo::seed(&server.db, &library, now).await.expect("seeds");
    assert!(first.iter().any(|(_, _, role)| role == "admin") && first.iter().any(|(_, _, role)| role == "supervisor"));
    assert!(lentera_server::demo::seed(&server.db, &library, now).await.expect("again").is_empty());
    let people: Vec<String> = server.db.people_by_nip().await.expect("rows").into_iter().map(|(_, nip)| nip).collect();
    assert!((50..=80).contains(&people.len()), "a city government of ~60 staff, got {}", people.len());
    for nip in &people {
        lentera_protocol::Nip::parse(nip).unwrap_or_else(|e| panic!("demo NIP {nip}: {e}"));
    }
    let synced = server.db.count_learners_with_progress().await.expect("n");
    assert!(synced as usize > people.len() / 2, "most demo staff have synced progress: {synced}");
    server.shutdown().await;
}

#[tokio::test]
async fn an_account_waiting_for_activation_is_refused_as_slowly_as_an_active_one() {
    let server = with_learner().await;
    let waiting = "198601152011011003";
    let hash = hash_password("sandi-yang-nanti-dihapus").expect("hash");
    let nip = Nip::parse(waiting).expect("valid NIP");
    let new = NewLearner { nip: &nip, name: "Budi Santoso", unit: "Kecamatan Curug", role: "learner", password_hash: &hash };
    server.db.create_learner(&new, 0).await.expect("created");
    server.db.set_pending_activation(waiting, &lentera_server::auth::token_hash("KODE-1")).await.expect("waiting");
    // The yardstick is one argon2 check on this thread, measured between the logins: an active
    // account's refusal would also wait in the server's queue behind other tests' checks.
    let (mut pending, mut check) = (std::time::Duration::MAX, std::time::Duration::MAX);
    for seed in 0..3 {
        let started = std::time::Instant::now();
        assert_eq!(login(&server, waiting, "bukan-sandinya", seed).await.status(), StatusCode::UNAUTHORIZED);
        pending = pending.min(started.elapsed());
        let started = std::time::Instant::now();
        assert!(!lentera_server::auth::verify_password("bukan-sandinya", &hash));
        check = check.min(started.elapsed());
    }
    // Without the dummy check the waiting account answered in about a millisecond.
    assert!(pending * 2 >= check, "waiting account refused in {pending:?}, one argon2 check takes {check:?}: timing tells it apart");
}
