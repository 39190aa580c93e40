//! Several server processes on one database act as one server: nothing that matters lives in a
//! process's memory. Real binaries on one SQLite file, or (under scripts/with-postgres.sh) on one
//! PostgreSQL database.

// A helper that cannot set up its server or parse an answer should stop the test with its reason.
#![allow(clippy::expect_used, clippy::unwrap_used)]

#[allow(dead_code)]
#[path = "api/common/pack.rs"]
mod pack;
#[allow(dead_code)]
#[path = "fault/server.rs"]
mod server;

use lentera_protocol::{DeviceId, EventBody, EventId, LoginRequest, LoginResponse, Nip, PROTOCOL_VERSION, PushRequest, RotateResponse};
use reqwest::StatusCode;
use server::Supervisor;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

/// A demo account the server seeds into an empty database.
const NIP: &str = "198503122010012002";

/// Two server processes on one fresh database (the first seeds the demo data).
async fn two_servers(test: &str) -> (Supervisor, Supervisor) {
    let kills = Arc::new(AtomicU64::new(0));
    let shared = std::env::var("LENTERA_TEST_PG")
        .ok()
        .filter(|s| !s.is_empty())
        .map(|base| format!("{}/cluster_{test}_{}", base.trim_end_matches('/'), std::process::id()));
    let first = Supervisor::start(shared, kills.clone()).await;
    let second = Supervisor::start(Some(first.db.clone()), kills).await;
    (first, second)
}

async fn login(http: &reqwest::Client, addr: SocketAddr, password: &str, device_id: DeviceId) -> reqwest::Response {
    let body = LoginRequest { nip: Nip::parse(NIP).expect("demo NIP"), password: password.into(), device_id };
    http.post(format!("http://{addr}/api/auth/login")).json(&body).send().await.expect("answered")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_login_throttle_counts_failures_at_every_server_process() {
    let (first, second) = two_servers("throttle").await;
    let (a, b) = (first.direct().await, second.direct().await);
    let http = reqwest::Client::builder().no_proxy().build().expect("client");
    let device = DeviceId::from_random([7; 16]);
    // Five wrong passwords for one NIP, spread over both processes (the limit is five).
    for (i, addr) in [a, b, a, b, a].into_iter().enumerate() {
        assert_eq!(login(&http, addr, "salah-tebak", device).await.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    // Now even the right password waits, at either process.
    for addr in [b, a] {
        let refused = login(&http, addr, lentera_server::demo::DEMO_PASSWORD, device).await;
        assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS, "at {addr}");
        let wait: u64 = refused.headers()["retry-after"].to_str().expect("text").parse().expect("seconds");
        assert!((1..=900).contains(&wait), "{wait}");
    }
    first.stop().await;
    second.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_rotated_at_one_process_works_at_the_other_a_lost_rotation_logs_no_one_out_and_reuse_ends_the_session_everywhere() {
    let (first, second) = two_servers("rotation").await;
    let (a, b) = (first.direct().await, second.direct().await);
    let http = reqwest::Client::builder().no_proxy().build().expect("client");
    let device = DeviceId::from_random([8; 16]);
    let answer = login(&http, a, lentera_server::demo::DEMO_PASSWORD, device).await;
    assert_eq!(answer.status(), StatusCode::OK);
    let t0 = answer.json::<LoginResponse>().await.expect("login").token;
    let rotate = |addr: SocketAddr, token: String| {
        let http = http.clone();
        async move { http.post(format!("http://{addr}/api/auth/rotate")).bearer_auth(token).send().await.expect("answered") }
    };
    let push = |addr: SocketAddr, token: String, n: u8| {
        let http = http.clone();
        async move {
            let now = lentera_server::now_ms();
            let event = lentera_protocol::Event {
                id: EventId::new_v7(now as u64, [n; 10]),
                device_id: device,
                device_time_ms: now,
                body: EventBody::OnboardingCompleted { language: "id".into() },
            };
            let body = PushRequest { protocol_version: PROTOCOL_VERSION, device_id: device, learner: Nip::parse(NIP).expect("nip"), sent_at_ms: now, events: vec![event] };
            http.post(format!("http://{addr}/api/sync/push")).bearer_auth(token).json(&body).send().await.expect("answered").status()
        }
    };
    // A rotates, but its answer is "lost": the phone still holds t0, and B accepts it.
    let lost = rotate(a, t0.clone()).await.json::<RotateResponse>().await.expect("rotated").token;
    assert_eq!(push(b, t0.clone(), 1).await, StatusCode::OK, "the previous token works until the new one is used");
    // B rotates from t0 and hands out the same successor A did; it works at A, and using it retires t0 everywhere.
    let t2 = rotate(b, t0.clone()).await.json::<RotateResponse>().await.expect("rotated").token;
    assert_eq!(t2, lost, "one successor per token, whichever process rotates");
    assert_eq!(push(a, t2.clone(), 2).await, StatusCode::OK);
    assert_eq!(push(b, t2.clone(), 3).await, StatusCode::OK);
    // t0 presented after its successor was used: reuse, seen by the other process too; the whole session ends.
    assert_eq!(push(b, t0, 4).await, StatusCode::UNAUTHORIZED, "the old token ended once the new one was used");
    assert_eq!(push(a, t2, 5).await, StatusCode::UNAUTHORIZED, "and with it the session it belonged to");
    first.stop().await;
    second.stop().await;
}
