//! Phones push gzip-compressed bodies (`Content-Encoding: gzip`); the 1 MiB limit counts the
//! inflated bytes, so a small gzip bomb is refused; other codings get a 415 that says what to send.

use crate::common;

use common::*;
use flate2::Compression;
use flate2::write::GzEncoder;
use lentera_protocol::{Event, EventBody, EventId, PullResponse, PushResponse};
use reqwest::StatusCode;
use std::io::Write;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

/// Posts `body` to the push route as JSON with the given Content-Encoding.
async fn post_encoded(server: &TestServer, token: Option<&str>, encoding: &str, body: Vec<u8>) -> reqwest::Response {
    let mut request = server
        .http
        .post(server.url("/api/sync/push"))
        .header("content-type", "application/json")
        .header("content-encoding", encoding)
        .body(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.expect("answered")
}

/// A batch with a lesson, a quiz attempt and its answer, as a learner's phone sends them.
fn mixed_batch(dev: lentera_protocol::DeviceId) -> lentera_protocol::PushRequest {
    let mut list = events(dev, 3, 21);
    let attempt = EventId::new_v7(1_763_800_100_000, [21; 10]);
    let at = |ms: i64, id: EventId, body: EventBody| Event { id, device_id: dev, device_time_ms: ms, body };
    list.push(at(1_763_800_050_000, EventId::new_v7(1_763_800_050_000, [22; 10]), EventBody::LessonOpened {
        course_id: "literasi-digital".into(),
        lesson_id: "pengantar".into(),
    }));
    list.push(at(1_763_800_100_000, attempt, EventBody::QuizStarted { course_id: "literasi-digital".into(), course_version: 3 }));
    list.push(at(1_763_800_110_000, EventId::new_v7(1_763_800_110_000, [23; 10]), EventBody::AnswerGiven {
        course_id: "literasi-digital".into(),
        attempt,
        question_id: "q1".into(),
        choice: vec![0, 2],
    }));
    batch(dev, list)
}

#[tokio::test]
async fn a_gzip_push_is_stored_exactly_like_the_plain_one() {
    let server = TestServer::start().await;
    let dev = device(21);
    let token = server.token_for(dev).await;
    let request = mixed_batch(dev);
    let ids: Vec<_> = request.events.iter().map(|e| e.id).collect();
    let json = serde_json::to_vec(&request).expect("json");
    let compressed = gzip(&json);
    assert!(compressed.len() < json.len(), "gzip makes the body smaller");

    let response = post_encoded(&server, Some(&token), "gzip", compressed).await;
    assert_eq!(response.status(), StatusCode::OK);
    let first: PushResponse = response.json().await.expect("push answer");
    assert_eq!(first.acknowledged, ids);
    assert_eq!(first.newly_stored, ids.len() as u32);

    // The same batch sent plain finds every event already held: the gzip push stored these ids.
    let plain: PushResponse = server.push_as(&token, &request).await.json().await.expect("plain answer");
    assert_eq!(plain.acknowledged, ids);
    assert_eq!(plain.newly_stored, 0);
    // `identity` is the same as no Content-Encoding.
    let identity = post_encoded(&server, Some(&token), "identity", json).await;
    assert_eq!(identity.status(), StatusCode::OK);
    assert_eq!(server.db.count_events().await.expect("count"), ids.len() as i64);

    // A second device pulls back exactly the events that were sent, field for field.
    let reader = server.token_for(device(22)).await;
    let pulled: PullResponse = server
        .http
        .get(server.url("/api/sync/pull?after=0"))
        .bearer_auth(reader)
        .send()
        .await
        .expect("pull answered")
        .json()
        .await
        .expect("pull page");
    assert_eq!(pulled.events, request.events);
}

/// One gzip stream: a push that starts as valid JSON and goes on with `mib` MiB of spaces (still
/// valid JSON, so only the size can stop it); about 1 KB per inflated MiB.
fn gzip_bomb(mib: usize) -> Vec<u8> {
    let dev = device(23);
    let json = serde_json::to_string(&batch(dev, events(dev, 1, 23))).expect("json");
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(json.trim_end_matches('}').as_bytes()).expect("gzip");
    let spaces = vec![b' '; 1024 * 1024];
    for _ in 0..mib {
        encoder.write_all(&spaces).expect("gzip");
    }
    encoder.finish().expect("gzip")
}

#[tokio::test]
async fn a_small_gzip_bomb_is_refused_413_and_stores_nothing() {
    let server = TestServer::start().await;
    // ~100 KB that inflates to 100 MiB (deflate cannot pack much more than 1,000:1).
    let bomb = gzip_bomb(100);
    assert!(bomb.len() < 120_000, "the bomb is small: {} bytes", bomb.len());

    // Without a session the push is refused before its body is read.
    let anonymous = post_encoded(&server, None, "gzip", bomb.clone()).await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    let token = server.token_for(device(23)).await;
    let response = post_encoded(&server, Some(&token), "gzip", bomb).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: serde_json::Value = response.json().await.expect("error body is JSON");
    assert_eq!(body["error"]["code"], "too_large");
    assert_eq!(body["error"]["retryable"], false);
    let message = body["error"]["message"].as_str().expect("message");
    assert!(message.contains("1048576 bytes (counted uncompressed)") && message.contains("fewer events"), "{message}");
    assert_eq!(server.db.count_events().await.expect("count"), 0);

    // The server is unharmed: the next (honest) gzip push goes through.
    let dev = device(23);
    let honest = gzip(&serde_json::to_vec(&batch(dev, events(dev, 2, 24))).expect("json"));
    assert_eq!(post_encoded(&server, Some(&token), "gzip", honest).await.status(), StatusCode::OK);
    assert_eq!(server.db.count_events().await.expect("count"), 2);
}

#[tokio::test]
async fn a_body_in_another_coding_is_415_saying_what_to_send() {
    let server = TestServer::start().await;
    let dev = device(25);
    let token = server.token_for(dev).await;
    let json = serde_json::to_vec(&batch(dev, events(dev, 2, 25))).expect("json");
    for encoding in ["br", "deflate", "gzip, br"] {
        let response = post_encoded(&server, Some(&token), encoding, json.clone()).await;
        assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE, "{encoding}");
        let (code, message) = error_of(response).await;
        assert_eq!(code, "unsupported_encoding");
        assert!(message.contains(&format!("`{encoding}`")) && message.contains("gzip"), "{message}");
    }
    assert_eq!(server.db.count_events().await.expect("count"), 0);
}

#[tokio::test]
async fn a_corrupt_gzip_body_is_400_and_stores_nothing() {
    let server = TestServer::start().await;
    let dev = device(26);
    let token = server.token_for(dev).await;
    let mut body = gzip(&serde_json::to_vec(&batch(dev, events(dev, 2, 26))).expect("json"));
    let middle = body.len() / 2;
    body.truncate(middle);
    let response = post_encoded(&server, Some(&token), "gzip", body).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let (code, message) = error_of(response).await;
    assert_eq!(code, "invalid_request");
    assert!(message.contains("could not read the body"), "{message}");
    assert_eq!(server.db.count_events().await.expect("count"), 0);
}
