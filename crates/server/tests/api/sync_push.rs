//! Push is idempotent and atomic: retries are harmless and a batch is never half-stored.

use crate::common;

use common::*;
use lentera_protocol::{Event, EventId, PushResponse};
use reqwest::StatusCode;

#[tokio::test]
async fn push_twice_stores_each_event_once_and_acknowledges_all_both_times() {
    let server = TestServer::start().await;
    let dev = device(3);
    let request = batch(dev, events(dev, 25, 3));
    let ids: Vec<_> = request.events.iter().map(|e| e.id).collect();

    let first: PushResponse = server.push(&request).await.json().await.expect("first response");
    assert_eq!(first.acknowledged, ids);
    assert_eq!(first.newly_stored, 25);

    let second: PushResponse = server.push(&request).await.json().await.expect("second response");
    assert_eq!(second.acknowledged, ids);
    assert_eq!(second.newly_stored, 0);
    assert_eq!(server.db.count_events().await.expect("count"), 25);
}

#[tokio::test]
async fn an_overlapping_batch_stores_only_what_is_new() {
    let server = TestServer::start().await;
    let dev = device(4);
    let all = events(dev, 10, 4);
    server.push(&batch(dev, all[..6].to_vec())).await;
    let response: PushResponse = server.push(&batch(dev, all[3..].to_vec())).await.json().await.expect("json");
    assert_eq!(response.acknowledged.len(), 7);
    assert_eq!(response.newly_stored, 4);
    assert_eq!(server.db.count_events().await.expect("count"), 10);
}

#[tokio::test]
async fn a_batch_that_fails_midway_stores_nothing() {
    let server = TestServer::start().await;
    let dev = device(5);
    let request = batch(dev, events(dev, 5, 5));
    // A trigger makes the database refuse the fourth insert, as a full disk would.
    let poison = request.events[3].id.to_string();
    server.db.refuse_event(&poison).await.expect("trigger");

    let response = server.push(&request).await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["error"]["retryable"], true);
    assert!(!body.to_string().contains("disk full"), "internals leaked: {body}");
    assert_eq!(server.db.count_events().await.expect("count"), 0);

    server.db.allow_events().await.expect("drop");
    let retried: PushResponse = server.push(&request).await.json().await.expect("json");
    assert_eq!(retried.newly_stored, 5);
}

#[tokio::test]
async fn a_batch_with_one_foreign_device_event_is_refused_whole() {
    let server = TestServer::start().await;
    let (mine, theirs) = (device(6), device(7));
    let mut list = events(mine, 4, 6);
    list.push(events(theirs, 1, 7).remove(0));
    let response = server.push(&batch(mine, list)).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let (_, message) = error_of(response).await;
    assert!(message.contains("events[4].device_id"), "{message}");
    assert_eq!(server.db.count_events().await.expect("count"), 0);
}

#[tokio::test]
async fn a_batch_over_500_events_is_refused_with_a_way_out() {
    let server = TestServer::start().await;
    let dev = device(8);
    let response = server.push(&batch(dev, events(dev, 501, 8))).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let (_, message) = error_of(response).await;
    assert!(message.contains("at most 500"), "{message}");
    assert_eq!(server.db.count_events().await.expect("count"), 0);
}

#[tokio::test]
async fn an_event_id_that_is_not_v7_is_named() {
    let server = TestServer::start().await;
    let dev = device(9);
    let mut body = serde_json::to_value(batch(dev, events(dev, 2, 9))).expect("json");
    body["events"][1]["id"] = "9b2c4f6e-1a3d-4e5f-8a7b-0c1d2e3f4a5b".into();
    let response = server.post_raw("/api/sync/push", body.to_string()).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let (_, message) = error_of(response).await;
    assert!(message.contains("events[1].id") && message.contains("version 7"), "{message}");
}

/// Iterates the protocol's one list of kinds, so a kind added there is stored and read back here
/// (the `kind` and `payload` columns, through `EventBody::split`/`join`) without a new line.
#[tokio::test]
async fn every_event_kind_is_stored_and_pulled_back_unchanged() {
    use lentera_protocol::{EventBody, EventKind, PullResponse};
    let server = TestServer::start().await;
    let dev = device(12);
    let mut sent = events(dev, EventKind::ALL.len(), 12);
    for (event, &kind) in sent.iter_mut().zip(EventKind::ALL) {
        event.body = EventBody::example(kind);
        // The placeholder year (3) is one the server refuses; the survey's kinds get this year.
        if let EventBody::SurveyRated { year, .. }
        | EventBody::SurveyAnswered { year, .. }
        | EventBody::SurveySubmitted { year }
        | EventBody::PlanChanged { year, .. }
        | EventBody::PlanSubmitted { year, .. } = &mut event.body
        {
            *year = 2026;
        }
        // The placeholder levels (0, 2) are refused too: a reaction needs one level 1-4 per statement.
        if let EventBody::ReactionGiven { choice, .. } = &mut event.body {
            *choice = vec![4, 3, 2, 1];
        }
    }
    let stored: PushResponse = server.push(&batch(dev, sent.clone())).await.json().await.expect("push body");
    assert_eq!(stored.newly_stored as usize, EventKind::ALL.len());
    let token = server.token_for(dev).await;
    let pulled: PullResponse = server.get_json(&token, "/api/sync/pull?after=0").await;
    assert_eq!(pulled.events, sent);
}

#[tokio::test]
async fn a_batch_of_held_and_new_events_interleaved_folds_each_new_event_once() {
    let server = TestServer::start().await;
    let dev = device(6);
    let (mut clock, mut n) = (lentera_server::now_ms() - 3_600_000, 0u8);
    let all = server.passing_events("uji-coba", |body| {
        clock += 5_000;
        n += 1;
        Event { id: EventId::new_v7(clock as u64, [n, 6, 6, 6, 6, 6, 6, 6, 6, 6]), device_id: dev, device_time_ms: clock, body }
    });
    // Every other event arrived before; the retry brings them all, the new ones between the held.
    let held: Vec<Event> = all.iter().step_by(2).cloned().collect();
    server.push(&batch(dev, held.clone())).await;
    let response: PushResponse = server.push(&batch(dev, all.clone())).await.json().await.expect("json");
    assert_eq!(response.newly_stored as usize, all.len() - held.len());

    let learner = server.person_id(LEARNER_NIP).await;
    let kept = server.db.kept_progress(learner).await.expect("kept fold");
    assert_eq!(kept, server.db.progress(learner).await.expect("refold"), "the kept fold is the fold of every held event");
    assert!(kept.courses["uji-coba"].completed.is_some(), "the course completed by the new events is completed");
}
