//! Token rotation with reuse detection, and console sessions bounded by idle and absolute expiry.

use crate::common;

use common::*;
use lentera_protocol::{LoginResponse, RotateResponse};
use reqwest::StatusCode;

async fn rotate(server: &TestServer, token: &str) -> reqwest::Response {
    server.http.post(server.url("/api/auth/rotate")).bearer_auth(token).send().await.expect("answered")
}

async fn rotated(server: &TestServer, token: &str) -> String {
    let response = rotate(server, token).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json::<RotateResponse>().await.expect("token").token
}

async fn me(server: &TestServer, token: &str) -> reqwest::Response {
    server.http.get(server.url("/api/auth/me")).bearer_auth(token).send().await.expect("answered")
}

#[tokio::test]
async fn an_old_token_presented_after_its_successor_was_used_ends_the_whole_session() {
    let server = TestServer::start().await;
    let dev = device(40);
    let first = server.token_for(dev).await;
    let second = rotated(&server, &first).await;
    assert_eq!(me(&server, &second).await.status(), StatusCode::OK, "the phone uses its new token");
    // Someone who copied the first token tries it now.
    let stolen = me(&server, &first).await;
    assert_eq!(stolen.status(), StatusCode::UNAUTHORIZED);
    let (code, message) = error_of(stolen).await;
    assert_eq!(code, "session_reused");
    assert!(message.contains("log in again"), "{message}");
    // The family is over: the successor, and a rotation from it, are refused with the same reason.
    let phone = me(&server, &second).await;
    assert_eq!(phone.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_of(phone).await.0, "session_reused");
    assert_eq!(rotate(&server, &second).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(server.push_as(&second, &batch(dev, events(dev, 2, 40))).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(server.db.count_events().await.expect("count"), 0);
    // Logging in again works and starts a new family.
    let fresh = server.login(LEARNER_NIP, dev).await;
    assert_eq!(me(&server, &fresh).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_token_two_rotations_back_also_ends_the_session() {
    let server = TestServer::start().await;
    let first = server.token_for(device(41)).await;
    let second = rotated(&server, &first).await;
    let third = rotated(&server, &second).await;
    assert_eq!(me(&server, &third).await.status(), StatusCode::OK);
    assert_eq!(error_of(me(&server, &first).await).await.0, "session_reused");
    assert_eq!(me(&server, &third).await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn two_concurrent_rotations_with_one_token_keep_the_phone_working() {
    let server = TestServer::start().await;
    let dev = device(42);
    let token = server.token_for(dev).await;
    let (a, b) = tokio::join!(rotate(&server, &token), rotate(&server, &token));
    assert_eq!((a.status(), b.status()), (StatusCode::OK, StatusCode::OK));
    let a = a.json::<RotateResponse>().await.expect("token").token;
    let b = b.json::<RotateResponse>().await.expect("token").token;
    // Whichever answer the phone kept, it holds a live token; using it ends neither.
    assert_eq!(a, b, "one successor for one token");
    assert_eq!(server.push_as(&b, &batch(dev, events(dev, 3, 42))).await.status(), StatusCode::OK);
    assert_eq!(me(&server, &a).await.status(), StatusCode::OK);
    let next = rotated(&server, &a).await;
    assert_eq!(me(&server, &next).await.status(), StatusCode::OK);
}

/// A supervisor logged in through the console (`?console=true`) or the phone app.
async fn login_supervisor(server: &TestServer, console: bool) -> String {
    let nip = nip(1);
    if server.db.person(&nip).await.expect("read").is_none() {
        server.create_unit("KEC", "Kecamatan Curug", None).await;
        server.create_person(&nip, "Siti Rahayu", "supervisor", Some("KEC")).await;
        server.supervise(&nip, "KEC").await;
    }
    let path = if console { "/api/auth/login?console=true" } else { "/api/auth/login" };
    let body = serde_json::json!({ "nip": nip, "password": PASSWORD, "device_id": device_of(&nip).to_string() });
    let response = server.http.post(server.url(path)).json(&body).send().await.expect("answered");
    assert_eq!(response.status(), StatusCode::OK);
    response.json::<LoginResponse>().await.expect("login").token
}

const MINUTE: i64 = 60_000;

#[tokio::test]
async fn a_console_session_left_idle_for_half_an_hour_ends_and_says_so() {
    let server = TestServer::start().await;
    let token = login_supervisor(&server, true).await;
    let hash = lentera_server::auth::token_hash(&token);
    server.db.age_session(&hash, 29 * MINUTE).await.expect("aged");
    assert_eq!(me(&server, &token).await.status(), StatusCode::OK, "29 minutes idle is still fine, and counts as use");
    server.db.age_session(&hash, 29 * MINUTE).await.expect("aged");
    assert_eq!(me(&server, &token).await.status(), StatusCode::OK, "used 29 minutes ago, not 58");
    server.db.age_session(&hash, 31 * MINUTE).await.expect("aged");
    let expired = me(&server, &token).await;
    assert_eq!(expired.status(), StatusCode::UNAUTHORIZED);
    let (code, message) = error_of(expired).await;
    assert_eq!(code, "session_expired");
    assert!(message.contains("log in again"), "{message}");
    let again = server.http.get(server.url("/api/dashboard")).bearer_auth(&token).send().await.expect("answered");
    assert_eq!(error_of(again).await.0, "session_expired", "it stays ended");
}

#[tokio::test]
async fn a_console_session_in_steady_use_ends_after_twelve_hours() {
    let server = TestServer::start().await;
    let token = login_supervisor(&server, true).await;
    let hash = lentera_server::auth::token_hash(&token);
    for _ in 0..24 {
        server.db.age_session(&hash, 29 * MINUTE).await.expect("aged");
        assert_eq!(me(&server, &token).await.status(), StatusCode::OK);
    }
    server.db.age_session(&hash, 29 * MINUTE).await.expect("aged");
    assert_eq!(error_of(me(&server, &token).await).await.0, "session_expired", "11.6 h of use, then past 12 h");
}

#[tokio::test]
async fn phone_sessions_have_no_idle_limit_even_for_a_supervisor() {
    let server = TestServer::start().await;
    let learner = server.token_for(device(43)).await;
    let supervisor_phone = login_supervisor(&server, false).await;
    for token in [&learner, &supervisor_phone] {
        server.db.age_session(&lentera_server::auth::token_hash(token), 60 * 24 * 60 * MINUTE).await.expect("aged");
        assert_eq!(me(&server, token).await.status(), StatusCode::OK, "sixty days offline, still logged in");
    }
}
