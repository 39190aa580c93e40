//! Sync under sessions: who may push what, pulling onto a new device, token rotation, and clocks.

use crate::common;

use common::*;
use lentera_protocol::{Event, EventBody, EventId, Nip, Progress, PullResponse, PushResponse, RotateResponse};
use reqwest::StatusCode;

const OTHER_NIP: &str = "198811042012122001";
const YEAR_MS: i64 = 365 * 86_400_000;

async fn pull(server: &TestServer, token: &str, after: i64) -> reqwest::Response {
    server.http.get(server.url(&format!("/api/sync/pull?after={after}"))).bearer_auth(token).send().await.expect("answered")
}

async fn progress(server: &TestServer, token: &str) -> Progress {
    let response = server.http.get(server.url("/api/progress/me")).bearer_auth(token).send().await.expect("answered");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("progress body")
}

#[tokio::test]
async fn a_push_without_a_session_is_401_and_stores_nothing() {
    let server = TestServer::start().await;
    let dev = device(1);
    let response = server.http.post(server.url("/api/sync/push")).json(&batch(dev, events(dev, 3, 1))).send().await.expect("answered");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let (code, message) = error_of(response).await;
    assert_eq!(code, "unauthorized");
    assert!(message.contains("log in"), "{message}");
    assert_eq!(server.db.count_events().await.expect("count"), 0);
}

#[tokio::test]
async fn a_signed_out_session_cannot_push_and_the_events_stay_unsent() {
    let server = TestServer::start().await;
    let dev = device(2);
    let token = server.token_for(dev).await;
    let out = server.http.post(server.url("/api/auth/logout")).bearer_auth(&token).send().await.expect("answered");
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    let response = server.push_as(&token, &batch(dev, events(dev, 3, 2))).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(error_of(response).await.1.contains("log in again"));
    assert_eq!(server.db.count_events().await.expect("count"), 0);
}

#[tokio::test]
async fn events_claimed_for_another_learner_are_403_and_nothing_is_stored() {
    let server = TestServer::start().await;
    let dev = device(3);
    let mut request = batch(dev, events(dev, 4, 3));
    request.learner = Nip::parse(OTHER_NIP).expect("valid");
    let response = server.push(&request).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let (code, message) = error_of(response).await;
    assert_eq!(code, "forbidden");
    assert!(message.contains(OTHER_NIP) && message.contains("nothing was stored"), "{message}");
    assert_eq!(server.db.count_events().await.expect("count"), 0);
}

#[tokio::test]
async fn a_session_pushes_only_for_its_own_device() {
    let server = TestServer::start().await;
    let (mine, other) = (device(4), device(5));
    let token = server.token_for(mine).await;
    let response = server.push_as(&token, &batch(other, events(other, 2, 5))).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(server.db.count_events().await.expect("count"), 0);
}

#[tokio::test]
async fn an_event_id_held_for_another_learner_refuses_the_whole_batch() {
    let server = TestServer::start().await;
    server.create_learner(OTHER_NIP, "Maria Simanjuntak").await;
    let dev = device(6);
    let theirs = server.login(OTHER_NIP, dev).await;
    let list = events(dev, 5, 6);
    let mut claim = batch(dev, list[2..3].to_vec());
    claim.learner = Nip::parse(OTHER_NIP).expect("valid");
    assert_eq!(server.push_as(&theirs, &claim).await.status(), StatusCode::OK);

    let response = server.push(&batch(dev, list)).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(error_of(response).await.1.contains("events[2].id"));
    assert_eq!(server.db.count_events().await.expect("count"), 1);
}

#[tokio::test]
async fn a_new_device_pulls_every_event_of_the_learner_page_by_page() {
    let server = TestServer::start().await;
    let (phone, laptop, new_phone) = (device(7), device(8), device(9));
    let mut all: Vec<Event> = Vec::new();
    for (dev, n, salt) in [(phone, 700, 7), (laptop, 500, 8)] {
        let list = events(dev, n, salt);
        for chunk in list.chunks(500) {
            assert_eq!(server.push(&batch(dev, chunk.to_vec())).await.status(), StatusCode::OK);
        }
        all.extend(list);
    }
    let token = server.token_for(new_phone).await;
    let (mut restored, mut cursor, mut pages) = (Vec::new(), 0, 0);
    loop {
        let page: PullResponse = pull(&server, &token, cursor).await.json().await.expect("page");
        pages += 1;
        assert!(page.events.len() <= 500);
        restored.extend(page.events);
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(restored.len(), all.len());
    assert_eq!(Progress::fold(&restored), Progress::fold(&all));
    let after_all: PullResponse = pull(&server, &token, cursor).await.json().await.expect("empty page");
    assert!(after_all.events.is_empty() && !after_all.more && after_all.cursor == cursor);
}

#[tokio::test]
async fn pull_shows_no_one_else_s_events_and_needs_a_session() {
    let server = TestServer::start().await;
    server.create_learner(OTHER_NIP, "Maria Simanjuntak").await;
    let dev = device(10);
    server.push(&batch(dev, events(dev, 3, 10))).await;
    let theirs = server.login(OTHER_NIP, device(11)).await;
    let page: PullResponse = pull(&server, &theirs, 0).await.json().await.expect("page");
    assert!(page.events.is_empty());
    let anonymous = server.http.get(server.url("/api/sync/pull")).send().await.expect("answered");
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

async fn rotate(server: &TestServer, token: &str) -> reqwest::Response {
    server.http.post(server.url("/api/auth/rotate")).bearer_auth(token).send().await.expect("answered")
}

async fn me_status(server: &TestServer, token: &str) -> StatusCode {
    server.http.get(server.url("/api/auth/me")).bearer_auth(token).send().await.expect("answered").status()
}

#[tokio::test]
async fn a_rotated_token_replaces_the_old_one_once_it_is_used() {
    let server = TestServer::start().await;
    let old = server.token_for(device(12)).await;
    let new = rotate(&server, &old).await.json::<RotateResponse>().await.expect("token").token;
    assert_ne!(new, old);
    // The answer may have been lost: the old token still works until the new one is seen.
    assert_eq!(me_status(&server, &old).await, StatusCode::OK);
    assert_eq!(me_status(&server, &new).await, StatusCode::OK);
    assert_eq!(me_status(&server, &old).await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_rotation_whose_answer_was_lost_can_be_repeated_with_the_old_token() {
    let server = TestServer::start().await;
    let old = server.token_for(device(13)).await;
    let lost = rotate(&server, &old).await.json::<RotateResponse>().await.expect("token").token;
    let kept = rotate(&server, &old).await.json::<RotateResponse>().await.expect("token").token;
    // Asked again before the successor was used: the same successor, so nothing held is dead.
    assert_eq!(kept, lost);
    assert_eq!(me_status(&server, &kept).await, StatusCode::OK);
    assert_eq!(me_status(&server, &old).await, StatusCode::UNAUTHORIZED);
}

/// A course finished ten days ago, recorded by a device whose clock is `shift` off.
fn course_ten_days_ago(dev: lentera_protocol::DeviceId, now: i64, shift: i64) -> Vec<Event> {
    let at = now - 10 * 86_400_000;
    let body = [
        EventBody::LessonOpened { course_id: "c".into(), lesson_id: "l1".into() },
        EventBody::LessonCompleted { course_id: "c".into(), lesson_id: "l1".into() },
        EventBody::CourseCompleted { course_id: "c".into(), jp: 4 },
    ];
    body.into_iter()
        .enumerate()
        .map(|(i, body)| Event {
            id: EventId::new_v7(at as u64 + i as u64, [i as u8; 10]),
            device_id: dev,
            device_time_ms: at + i as i64 * 1000 + shift,
            body,
        })
        .collect()
}

#[tokio::test]
async fn a_device_clock_a_year_off_changes_nothing_in_the_server_fold() {
    // Whole minutes, so the fold's times are comparable exactly; real skews land within 30 s.
    let now = lentera_server::now_ms() / 60_000 * 60_000;
    let mut folds = Vec::new();
    for shift in [0, YEAR_MS, -YEAR_MS] {
        let server = TestServer::start().await;
        let dev = device(14);
        let mut request = batch(dev, course_ten_days_ago(dev, now, shift));
        request.sent_at_ms = lentera_server::now_ms() + shift;
        let response: PushResponse = server.push(&request).await.json().await.expect("pushed");
        assert_eq!(response.newly_stored, 3);
        let token = server.token_for(dev).await;
        folds.push(progress(&server, &token).await);
    }
    let year = lentera_protocol::progress::year_of(now - 10 * 86_400_000);
    assert_eq!(folds[0].jp_in_year(year), 4, "credited to the year it was earned");
    assert_eq!(folds[1], folds[0], "clock a year ahead");
    assert_eq!(folds[2], folds[0], "clock a year behind");
}

#[tokio::test]
async fn a_pull_travels_brotli_compressed_when_the_device_accepts_it() {
    let server = TestServer::start().await;
    let dev = device(15);
    server.push(&batch(dev, events(dev, 50, 15))).await;
    let token = server.token_for(dev).await;
    let response = server
        .http
        .get(server.url("/api/sync/pull"))
        .bearer_auth(&token)
        .header("accept-encoding", "br")
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers().get("content-encoding").map(|v| v.to_str().unwrap_or("")), Some("br"));
}
