//! Every refusal is JSON a client can show: `{error: {code, message, retryable}}`.

use crate::common;

use common::*;
use reqwest::StatusCode;

#[tokio::test]
async fn malformed_json_is_400_saying_it_is_not_json() {
    let server = TestServer::start().await;
    let response = server.post_raw("/api/sync/push", "{\"protocol_version\": 1, ").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let (code, message) = error_of(response).await;
    assert_eq!(code, "invalid_json");
    assert!(message.contains("not valid JSON"), "{message}");
}

#[tokio::test]
async fn a_bad_field_is_named_by_event_index_and_path() {
    let server = TestServer::start().await;
    let dev = device(1);
    let mut body = serde_json::to_value(batch(dev, events(dev, 3, 1))).expect("json");
    body["events"][2]["body"]["kind"] = "teleported".into();
    let response = server.post_raw("/api/sync/push", body.to_string()).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let (_, message) = error_of(response).await;
    assert!(message.contains("events[2].body"), "{message}");
    assert!(message.contains("teleported"), "{message}");
    assert_eq!(server.db.count_events().await.expect("count"), 0);
}

#[tokio::test]
async fn a_body_over_one_mib_is_413_json() {
    let server = TestServer::start().await;
    let padding = "x".repeat(lentera_protocol::MAX_PUSH_BYTES + 1);
    let body = format!("{{\"protocol_version\":1,\"pad\":\"{padding}\"}}");
    let response = server.post_raw("/api/sync/push", body).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let (code, message) = error_of(response).await;
    assert_eq!(code, "too_large");
    assert!(message.contains("fewer events"), "{message}");
}

#[tokio::test]
async fn an_unknown_api_path_is_404_json_not_the_app() {
    let server = TestServer::start().await;
    let response = server.http.get(server.url("/api/no-such-thing")).send().await.expect("answered");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let (code, message) = error_of(response).await;
    assert_eq!(code, "not_found");
    assert!(message.contains("/api/no-such-thing"), "{message}");
}

#[tokio::test]
async fn a_wrong_method_is_405_json() {
    let server = TestServer::start().await;
    let response = server.http.get(server.url("/api/sync/push")).send().await.expect("answered");
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(error_of(response).await.0, "method_not_allowed");
}

#[tokio::test]
async fn a_body_that_is_not_declared_json_is_415() {
    let server = TestServer::start().await;
    let token = server.token_for(device(1)).await;
    let response = server
        .http
        .post(server.url("/api/sync/push"))
        .bearer_auth(token)
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(error_of(response).await.0, "unsupported_media_type");
}

#[tokio::test]
async fn an_old_client_is_told_to_update_and_nothing_is_stored() {
    let server = TestServer::start().await;
    let dev = device(2);
    let mut request = batch(dev, events(dev, 2, 2));
    request.protocol_version = 0;
    let response = server.push(&request).await;
    assert_eq!(response.status(), StatusCode::UPGRADE_REQUIRED);
    let (code, message) = error_of(response).await;
    assert_eq!(code, "client_too_old");
    assert!(message.contains("update the app"), "{message}");
    assert_eq!(server.db.count_events().await.expect("count"), 0);
}
